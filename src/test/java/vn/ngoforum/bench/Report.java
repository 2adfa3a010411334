package vn.ngoforum.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The targets (each a ratio to the same run's baseline), the fan-out chart (SVG) and the Markdown summary. */
final class Report {

  private Report() {
  }

  /** Each target with its figure, its limit and whether it is met. */
  static JsonArray targets(JsonObject r) {
    JsonArray targets = new JsonArray();
    JsonObject page = r.getJsonObject("threadPage");
    double pageRatio = ratio(page.getDouble("rps"), page.getDouble("baselineBlobRps"));
    targets.add(target("thread page req/s ÷ in-memory page req/s (64 connections)", pageRatio, ">= 0.10",
        pageRatio >= 0.10));
    targets.add(target("thread page p99 ms (64 connections)", page.getDouble("p99Ms"), "<= 30",
        page.getDouble("p99Ms") <= 30));
    double signedInRatio = ratio(page.getDouble("signedInRps"), page.getDouble("rps"));
    targets.add(target("signed-in thread page req/s ÷ guest page req/s (64 connections)", signedInRatio, ">= 0.5",
        signedInRatio >= 0.5));
    JsonObject api = r.getJsonObject("apiThread");
    double apiRatio = ratio(api.getDouble("rps"), api.getDouble("baselineBlobRps"));
    targets.add(target("API GET /api/v1/threads/{id} req/s ÷ same bytes from memory (64 connections)", apiRatio,
        ">= 0.5", apiRatio >= 0.5));
    for (Object item : r.getJsonArray("fanout")) {
      JsonObject f = (JsonObject) item;
      double fanRatio = ratio(f.getDouble("p99Ms"), f.getDouble("baselineP99Ms"));
      targets.add(target("fan-out p99 ÷ raw broadcast p99 at " + f.getInteger("subscribers"), fanRatio, "<= 1.5",
          fanRatio <= 1.5));
      targets.add(target("fan-out delivered at " + f.getInteger("subscribers"), f.getDouble("delivered"), "= 1",
          f.getDouble("delivered") >= 1.0));
    }
    JsonObject storm = r.getJsonObject("voteStorm");
    // Issue 15: the count update's p99 within 1.5 x the raw broadcast's p99 to as many subscribers, same run.
    JsonObject sameAudience = r.getJsonArray("fanout").stream().map(JsonObject.class::cast)
        .filter(f -> f.getInteger("subscribers").equals(storm.getInteger("subscribers"))).findFirst().orElse(null);
    if (sameAudience != null) {
      double stormRatio = ratio(storm.getDouble("p99Ms"), sameAudience.getDouble("baselineP99Ms"));
      targets.add(target("vote storm count-update p99 ÷ raw broadcast p99 at " + storm.getInteger("subscribers"),
          stormRatio, "<= 1.5", stormRatio <= 1.5));
    }
    targets.add(target("vote storm delivered", storm.getDouble("delivered"), "= 1",
        storm.getDouble("delivered") >= 1.0));
    double memory = ratio(r.getDouble("memoryPerConnectionKiB"), r.getDouble("baselineMemoryPerConnectionKiB"));
    targets.add(target("heap per connection ÷ raw", memory, "<= 2", memory <= 2));
    targets.add(target("idle CPU % of one core at " + r.getInteger("idleSubscribers") + " connected",
        r.getDouble("idleCpuPercentOfOneCore"), "<= 5", r.getDouble("idleCpuPercentOfOneCore") <= 5));
    JsonObject growth = r.getJsonObject("dataGrowth");
    if (growth != null) {
      targets.addAll(growthTargets(growth));
    }
    return targets;
  }

  /** Data growth: every read's p99 at the largest size at most twice its p99 at the smallest (issue 15). */
  static JsonArray growthTargets(JsonObject growth) {
    JsonArray targets = new JsonArray();
    JsonArray sizes = growth.getJsonArray("threads");
    String span = String.format(Locale.ROOT, "%,d ÷ %,d threads", sizes.getInteger(sizes.size() - 1),
        sizes.getInteger(0));
    for (Object item : growth.getJsonArray("reads")) {
      JsonObject read = (JsonObject) item;
      double ratio = read.getDouble("p99Ratio");
      targets.add(target("data growth p99 " + span + ": " + read.getString("name"), ratio, "<= 2", ratio <= 2));
    }
    return targets;
  }

  private static JsonObject target(String name, double value, String limit, boolean met) {
    return new JsonObject().put("target", name).put("value", LoadGen.round(value)).put("limit", limit).put("met", met);
  }

  static double ratio(Double value, Double baseline) {
    return value == null || baseline == null || baseline == 0 ? Double.NaN : value / baseline;
  }

  /** Fan-out latency (p50 and p99) against subscribers, the bridge beside the raw broadcast. */
  static String chart(JsonObject r) {
    List<JsonObject> fanout = r.getJsonArray("fanout").stream().map(JsonObject.class::cast).toList();
    List<Double> xs = fanout.stream().map(f -> f.getInteger("subscribers").doubleValue()).toList();
    String[][] series = {
        {"p99Ms", "#c0392b", "", "bridge p99"},
        {"p50Ms", "#c0392b", "6 4", "bridge p50"},
        {"baselineP99Ms", "#2471a3", "", "raw p99"},
        {"baselineP50Ms", "#2471a3", "6 4", "raw p50"}};
    List<LineChart.Series> lines = new ArrayList<>();
    for (String[] s : series) {
      lines.add(new LineChart.Series(s[3], s[1], s[2], fanout.stream().map(f -> f.getDouble(s[0])).toList()));
    }
    return new LineChart("Live fan-out latency: SockJS bridge vs raw WebSocket broadcast", "subscribers",
        "latency (ms)", false, false).svg(xs, lines);
  }

  /** Colours for the data-growth chart's reads, one each (a read beyond them repeats a colour, dashed). */
  private static final List<String> COLOURS = List.of("#c0392b", "#2471a3", "#27ae60", "#8e44ad", "#d35400",
      "#16a085", "#7f8c8d", "#f1c40f", "#2c3e50", "#e84393");

  /** Data growth: each read's p99 against the number of threads, both axes logarithmic. */
  static String growthChart(JsonObject growth) {
    List<Double> xs = growth.getJsonArray("threads").stream().map(n -> ((Integer) n).doubleValue()).toList();
    List<LineChart.Series> lines = new ArrayList<>();
    List<JsonObject> reads = growth.getJsonArray("reads").stream().map(JsonObject.class::cast).toList();
    for (int i = 0; i < reads.size(); i++) {
      JsonObject read = reads.get(i);
      lines.add(new LineChart.Series(read.getString("name"), COLOURS.get(i % COLOURS.size()),
          i < COLOURS.size() ? "" : "6 4", read.getJsonArray("bySize").stream()
              .map(f -> ((JsonObject) f).getDouble("p99Ms")).toList()));
    }
    return new LineChart("p99 of each read as the forum grows (threads of " + growth.getInteger("postsPerThread")
        + " posts)", "threads", "p99 (ms)", true, true).svg(xs, lines);
  }

  /** The figures as a Markdown table, with the machine. */
  static String summary(JsonObject r) {
    JsonObject page = r.getJsonObject("threadPage");
    JsonObject api = r.getJsonObject("apiThread");
    JsonObject storm = r.getJsonObject("voteStorm");
    JsonObject approval = r.getJsonObject("approval");
    StringBuilder md = new StringBuilder();
    md.append("| figure | forum | same-run baseline | ratio |\n|---|---:|---:|---:|\n");
    row(md, "thread page GET /t/{id}, req/s, 64 conn. (baseline: same bytes from memory)", page.getDouble("rps"),
        page.getDouble("baselineBlobRps"));
    row(md, "thread page p99 ms, 64 conn.", page.getDouble("p99Ms"), page.getDouble("baselineBlobP99Ms"));
    row(md, "thread page req/s, 16 conn.", page.getDouble("rps16"), null);
    row(md, "thread page signed in (session cookie), req/s, 64 conn. (baseline: the guest page)",
        page.getDouble("signedInRps"), page.getDouble("rps"));
    row(md, "thread page signed in, p99 ms, 64 conn.", page.getDouble("signedInP99Ms"), null);
    row(md, "thread page signed in, req/s, 16 conn. (baseline: the guest page)", page.getDouble("signedInRps16"),
        page.getDouble("rps16"));
    row(md, "thread page signed in, server CPU ms per request", page.getDouble("signedInServerCpuMsPerRequest"),
        null);
    row(md, "thread page p99 ms, 16 conn.", page.getDouble("p99Ms16"), null);
    row(md, "thread template rendered per request (in-memory data), req/s", page.getDouble("baselineRenderRps"),
        null);
    row(md, "thread page server CPU ms per request", page.getDouble("serverCpuMsPerRequest"), null);
    row(md, "API GET /api/v1/threads/{id}, req/s, 64 conn.", api.getDouble("rps"), api.getDouble("baselineBlobRps"));
    row(md, "bare Vert.x small JSON, req/s", page.getDouble("baselineJsonRps"), null);
    for (Object item : r.getJsonArray("fanout")) {
      JsonObject f = (JsonObject) item;
      String n = String.format(Locale.ROOT, "%,d", f.getInteger("subscribers"));
      row(md, "fan-out p50 ms, " + n + " subscribers", f.getDouble("p50Ms"), f.getDouble("baselineP50Ms"));
      row(md, "fan-out p99 ms, " + n + " subscribers", f.getDouble("p99Ms"), f.getDouble("baselineP99Ms"));
      row(md, "fan-out delivered, " + n + " subscribers", f.getDouble("delivered"), f.getDouble("baselineDelivered"));
      row(md, "server CPU µs per delivered frame, " + n, f.getDouble("serverCpuMicrosPerFrame"),
          f.getDouble("baselineServerCpuMicrosPerFrame"));
    }
    row(md, "question approved → every attendee has it, p99 ms, " + approval.getInteger("subscribers")
        + " attendees", approval.getDouble("p99Ms"), null);
    row(md, "question approved, delivered", approval.getDouble("delivered"), null);
    row(md, "vote storm (" + storm.getValue("votesPerSec") + " votes/s, " + storm.getInteger("subscribers")
        + " following) count update p99 ms", storm.getDouble("p99Ms"), null);
    row(md, "vote storm delivered", storm.getDouble("delivered"), null);
    row(md, "vote storm frames per attendee per second", storm.getDouble("framesPerSubscriberPerSec"), null);
    row(md, "heap per connection KiB (after full GC, " + r.getInteger("idleSubscribers") + " connected)",
        r.getDouble("memoryPerConnectionKiB"), r.getDouble("baselineMemoryPerConnectionKiB"));
    row(md, "idle CPU % of one core, " + r.getInteger("idleSubscribers") + " connected and silent",
        r.getDouble("idleCpuPercentOfOneCore"), r.getDouble("baselineIdleCpuPercentOfOneCore"));
    storeRows(md, r.getJsonObject("storeWrites"));
    if (r.getJsonObject("dataGrowth") != null) {
      md.append("\n").append(growthTable(r.getJsonObject("dataGrowth")));
    }
    md.append("\n| target | value | limit | met |\n|---|---:|---|---|\n");
    for (Object item : r.getJsonArray("targets")) {
      JsonObject t = (JsonObject) item;
      md.append("| ").append(t.getString("target")).append(" | ").append(trim(t.getDouble("value"))).append(" | ")
          .append(t.getString("limit")).append(" | ").append(t.getBoolean("met") ? "yes" : "**no**").append(" |\n");
    }
    JsonObject m = r.getJsonObject("machine");
    md.append("\nMachine: ").append(m.getInteger("cores")).append(" cores (").append(m.getString("cpu"))
        .append("), ").append(m.getString("memory")).append(" RAM, ").append(m.getString("java")).append(", ")
        .append(m.getString("os")).append(". Mode: ").append(r.getString("mode")).append(", ")
        .append(r.getLong("durationSeconds")).append(" s, ").append(r.getString("finishedAt")).append(".\n");
    return md.toString();
  }

  /** What durable writes cost: the durable store against the delayed-commit one it replaced, and against memory. */
  private static void storeRows(StringBuilder md, JsonObject store) {
    JsonObject reply = store.getJsonObject("reply");
    row(md, "reply POST /api/v1/threads/{id}/posts p50 ms, durable store (baseline: store committing about once a"
        + " second)", reply.getDouble("p50Ms"), reply.getDouble("baselineP50Ms"));
    row(md, "reply p90 ms, durable store (baseline: the same)", reply.getDouble("p90Ms"),
        reply.getDouble("baselineP90Ms"));
    for (Object item : store.getJsonArray("driver")) {
      JsonObject d = (JsonObject) item;
      String writers = d.getInteger("writers") + (d.getInteger("writers") == 1 ? " writer" : " writers");
      JsonObject durable = d.getJsonObject("durable");
      JsonObject delayed = d.getJsonObject("delayed");
      JsonObject memory = d.getJsonObject("memory");
      row(md, "store inserts/s through the driver, " + writers + ", durable (baseline: delayed commit)",
          durable.getDouble("writesPerSec"), delayed.getDouble("writesPerSec"));
      row(md, "store insert p50 ms, " + writers + ", durable (baseline: delayed commit)",
          durable.getDouble("p50Ms"), delayed.getDouble("p50Ms"));
      row(md, "store insert p99 ms, " + writers + ", durable (baseline: delayed commit)",
          durable.getDouble("p99Ms"), delayed.getDouble("p99Ms"));
      row(md, "store inserts/s, " + writers + ", durable (baseline: in memory)", durable.getDouble("writesPerSec"),
          memory.getDouble("writesPerSec"));
    }
    JsonObject fragmented = store.getJsonObject("fragmented");
    String size = String.format(java.util.Locale.ROOT, "%,d documents, %d MB", fragmented.getInteger("documents"),
        fragmented.getLong("fileMb"));
    for (String figure : List.of("p50Ms", "p99Ms")) {
      row(md, "durable write (a post and a read mark, commit and sync) " + figure.substring(0, 3)
          + " ms, fragmented store of " + size + " (baseline: H2's default compaction step)",
          fragmented.getJsonObject("forum").getDouble(figure), fragmented.getJsonObject("baseline").getDouble(figure));
    }
  }

  /** The data-growth scenario alone: its table and its targets (what {@code -Dbench.only=growth} writes). */
  static String growthSummary(JsonObject growth) {
    StringBuilder md = new StringBuilder(growthTable(growth));
    md.append("\n| target | value | limit | met |\n|---|---:|---|---|\n");
    for (Object item : growthTargets(growth)) {
      JsonObject t = (JsonObject) item;
      md.append("| ").append(t.getString("target")).append(" | ").append(trim(t.getDouble("value"))).append(" | ")
          .append(t.getString("limit")).append(" | ").append(t.getBoolean("met") ? "yes" : "**no**").append(" |\n");
    }
    return md.toString();
  }

  /** Data growth: p50 / p99 ms of each read at each size, one request at a time, and p99(largest) ÷ p99(smallest). */
  private static String growthTable(JsonObject growth) {
    StringBuilder md = new StringBuilder("| data growth (threads of " + growth.getInteger("postsPerThread")
        + " posts, one category), p50 / p99 ms |");
    StringBuilder line = new StringBuilder("|---|");
    for (Object size : growth.getJsonArray("threads")) {
      md.append(String.format(Locale.ROOT, " %,d |", (Integer) size));
      line.append("---:|");
    }
    md.append(" p99 ratio |\n").append(line).append("---:|\n");
    for (Object item : growth.getJsonArray("reads")) {
      JsonObject read = (JsonObject) item;
      md.append("| ").append(read.getString("name")).append(" |");
      for (Object figures : read.getJsonArray("bySize")) {
        JsonObject f = (JsonObject) figures;
        md.append(' ').append(trim(f.getDouble("p50Ms"))).append(" / ").append(trim(f.getDouble("p99Ms")));
        JsonObject statuses = f.getJsonObject("statuses", new JsonObject());
        for (String status : statuses.fieldNames()) {
          if (!"200".equals(status) && !"201".equals(status)) {
            md.append(" (").append(statuses.getInteger(status)).append(" × ").append(status).append(')');
          }
        }
        md.append(" |");
      }
      md.append(' ').append(trim(read.getDouble("p99Ratio"))).append(" |\n");
    }
    md.append("| seeding through the driver, s |");
    for (Object item : growth.getJsonArray("seeding")) {
      md.append(' ').append(trim(((JsonObject) item).getDouble("seconds"))).append(" |");
    }
    md.append(" – |\n");
    JsonArray startup = growth.getJsonArray("startup");
    for (String[] row : new String[][] {
        {"healthySeconds", "start-up: launch → first 200 on /health, s"},
        {"searchUpSeconds", "start-up: launch → search index rebuilt from MongoDB (\"search\":\"UP\"), s"},
        {"heapAfterGcMb", "forum heap used after a full GC (read models and caches), MB"}}) {
      md.append("| ").append(row[1]).append(" |");
      for (Object item : startup) {
        md.append(' ').append(trim(((JsonObject) item).getDouble(row[0]))).append(" |");
      }
      double first = startup.getJsonObject(0).getDouble(row[0]);
      double last = startup.getJsonObject(startup.size() - 1).getDouble(row[0]);
      md.append(' ').append(first == 0 ? "–" : trim(LoadGen.round(last / first))).append(" |\n");
    }
    return md.toString();
  }

  private static void row(StringBuilder md, String name, Double value, Double baseline) {
    md.append("| ").append(name).append(" | ").append(value == null ? "–" : trim(value)).append(" | ")
        .append(baseline == null ? "–" : trim(baseline)).append(" | ")
        .append(value == null || baseline == null || baseline == 0 ? "–" : trim(value / baseline)).append(" |\n");
  }

  private static String trim(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    if (Math.abs(value) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
