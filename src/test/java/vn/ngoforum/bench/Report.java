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
    targets.add(target("vote storm p99 ms", storm.getDouble("p99Ms"), "<= 250", storm.getDouble("p99Ms") <= 250));
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

  private static double ratio(Double value, Double baseline) {
    return value == null || baseline == null || baseline == 0 ? Double.NaN : value / baseline;
  }

  /** Fan-out latency (p50 and p99) against subscribers, the bridge beside the raw broadcast. */
  static String chart(JsonObject r) {
    JsonArray fanout = r.getJsonArray("fanout");
    int width = 640;
    int height = 400;
    int left = 60;
    int right = 170;
    int top = 40;
    int bottom = 50;
    double maxX = 0;
    double maxY = 1;
    for (Object item : fanout) {
      JsonObject f = (JsonObject) item;
      maxX = Math.max(maxX, f.getInteger("subscribers"));
      for (String key : List.of("p99Ms", "baselineP99Ms", "p50Ms", "baselineP50Ms")) {
        maxY = Math.max(maxY, f.getDouble(key));
      }
    }
    maxY = niceCeiling(maxY * 1.1);
    double plotW = width - left - right;
    double plotH = height - top - bottom;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"14\" font-weight=\"bold\">"
        + "Live fan-out latency: SockJS bridge vs raw WebSocket broadcast</text>%n", left));
    for (int i = 0; i <= 5; i++) {
      double value = maxY * i / 5;
      double y = top + plotH - plotH * i / 5;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
          + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", left, y, left + plotW, y, left - 6, y + 4,
          trim(value)));
    }
    for (Object item : fanout) {
      int n = ((JsonObject) item).getInteger("subscribers");
      double x = left + plotW * n / maxX;
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%,d</text>%n", x,
          top + plotH + 18, n));
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">subscribers</text>%n",
        left + plotW / 2, height - 10));
    svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%.1f\" transform=\"rotate(-90 16 %.1f)\" "
        + "text-anchor=\"middle\">latency (ms)</text>%n", top + plotH / 2, top + plotH / 2));
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.1f\" stroke=\"#333\"/>"
        + "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>%n", left, top, left, top + plotH,
        left, top + plotH, left + plotW, top + plotH));
    String[][] series = {
        {"p99Ms", "#c0392b", "", "bridge p99"},
        {"p50Ms", "#c0392b", "6 4", "bridge p50"},
        {"baselineP99Ms", "#2471a3", "", "raw p99"},
        {"baselineP50Ms", "#2471a3", "6 4", "raw p50"}};
    int legendY = top + 10;
    for (String[] s : series) {
      List<String> points = new ArrayList<>();
      for (Object item : fanout) {
        JsonObject f = (JsonObject) item;
        double x = left + plotW * f.getInteger("subscribers") / maxX;
        double y = top + plotH - plotH * f.getDouble(s[0]) / maxY;
        points.add(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", x, y, s[1]));
      }
      svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
          + "stroke-dasharray=\"%s\"/>%n", String.join(" ", points), s[1], s[2]));
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" "
          + "stroke-width=\"2\" stroke-dasharray=\"%s\"/><text x=\"%.1f\" y=\"%d\">%s</text>%n", left + plotW + 15,
          legendY, left + plotW + 45, legendY, s[1], s[2], left + plotW + 52, legendY + 4, s[3]));
      legendY += 20;
    }
    svg.append("</svg>\n");
    return svg.toString();
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

  private static double niceCeiling(double value) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= value) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }
}
