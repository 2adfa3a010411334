package vn.ngoforum.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The benchmark harness works end to end in quick mode (tiny counts): it starts its processes, measures every
 * scenario and writes results.json with every key, the chart and the summary. It asserts no timings: those are
 * the benchmark's business, on a machine set aside for it.
 */
class BenchSmokeTest {

  @Test
  @DisplayName("the benchmark in quick mode writes every figure, its baseline, the chart and the summary")
  void quickBenchmarkWritesItsResults() throws Exception {
    Path out = Path.of("target/bench-smoke");
    new BenchMain(BenchMain.Plan.quickRun(), out).run();

    JsonObject results = new JsonObject(Files.readString(out.resolve("results.json")));
    JsonObject page = results.getJsonObject("threadPage");
    for (String key : List.of("rps", "p99Ms", "baselineBlobRps", "baselineRenderRps")) {
      assertNotNull(page.getValue(key), "threadPage." + key);
    }
    assertTrue(page.getBoolean("sameBytesTwice"), "a guest gets the same thread page twice");
    JsonObject api = results.getJsonObject("apiThread");
    assertNotNull(api.getValue("rps"));
    assertNotNull(api.getValue("baselineBlobRps"));
    JsonArray fanout = results.getJsonArray("fanout");
    assertEquals(BenchMain.Plan.quickRun().subscriberCounts().size(), fanout.size());
    for (Object item : fanout) {
      JsonObject f = (JsonObject) item;
      for (String key : List.of("subscribers", "p50Ms", "p99Ms", "delivered", "baselineP50Ms", "baselineP99Ms")) {
        assertNotNull(f.getValue(key), "fanout." + key);
      }
      assertTrue(f.getDouble("delivered") > 0, "the bridge delivered frames to " + f.getInteger("subscribers"));
    }
    JsonObject storm = results.getJsonObject("voteStorm");
    for (String key : List.of("subscribers", "votesPerSec", "p99Ms", "delivered")) {
      assertNotNull(storm.getValue(key), "voteStorm." + key);
    }
    assertEquals(0, storm.getInteger("failedVotes"), "every vote of the storm was accepted (no 429)");
    assertTrue(results.getJsonObject("approval").getDouble("delivered") > 0, "approved questions reached attendees");
    for (String key : List.of("memoryPerConnectionKiB", "baselineMemoryPerConnectionKiB",
        "idleCpuPercentOfOneCore")) {
      assertNotNull(results.getValue(key), key);
    }
    JsonObject store = results.getJsonObject("storeWrites");
    JsonObject reply = store.getJsonObject("reply");
    for (String key : List.of("replies", "p50Ms", "p90Ms", "baselineP50Ms", "baselineP90Ms")) {
      assertNotNull(reply.getValue(key), "storeWrites.reply." + key);
    }
    assertEquals(BenchMain.Plan.quickRun().storeWriters().size(), store.getJsonArray("driver").size());
    JsonObject fragmented = store.getJsonObject("fragmented");
    for (String setting : List.of("forum", "baseline")) {
      assertEquals(BenchMain.Plan.quickRun().fragmentedWrites(),
          fragmented.getJsonObject(setting).getInteger("samples"),
          "every write on the fragmented store (" + setting + ") was timed");
    }
    for (Object item : store.getJsonArray("driver")) {
      for (String mode : List.of("durable", "delayed", "memory")) {
        JsonObject figures = ((JsonObject) item).getJsonObject(mode);
        assertTrue(figures.getLong("writes") > 0, "the " + mode + " store acknowledged inserts");
        assertEquals(0, figures.getInteger("failures"), "every insert into the " + mode + " store succeeded");
      }
    }
    JsonObject growth = results.getJsonObject("dataGrowth");
    List<Integer> sizes = BenchMain.Plan.quickRun().growth().threads();
    assertEquals(new JsonArray(sizes), growth.getJsonArray("threads"));
    assertEquals(12, growth.getJsonArray("reads").size(), "eleven reads and the reply");
    for (Object item : growth.getJsonArray("reads")) {
      JsonObject read = (JsonObject) item;
      assertEquals(sizes.size(), read.getJsonArray("bySize").size(), read.getString("read"));
      for (Object figures : read.getJsonArray("bySize")) {
        for (String key : List.of("threads", "samples", "p50Ms", "p99Ms")) {
          assertNotNull(((JsonObject) figures).getValue(key), read.getString("read") + "." + key);
        }
      }
      assertNotNull(read.getValue("p99Ratio"), read.getString("read") + ".p99Ratio");
    }
    assertEquals(sizes.size(), growth.getJsonArray("seeding").size());
    assertTrue(growth.getDouble("startupSeconds") > 0, "start-up time on the grown data");
    assertEquals(sizes.size(), growth.getJsonArray("startup").size());
    for (Object item : growth.getJsonArray("startup")) {
      JsonObject atSize = (JsonObject) item;
      assertNotNull(atSize.getDouble("searchUpSeconds"), "search index rebuilt at " + atSize);
      assertTrue(atSize.getDouble("heapAfterGcMb") > 0, "heap after GC at " + atSize);
    }
    for (Object item : growth.getJsonArray("reads")) {
      JsonObject read = (JsonObject) item;
      for (Object figures : read.getJsonArray("bySize")) {
        // Tiny sizes: every read answers 200 (a failing read is measured in the full run, not hidden).
        assertTrue(((JsonObject) figures).getBoolean("ok", true), read.getString("read") + " at " + figures);
      }
    }
    assertTrue(results.getJsonArray("targets").stream().map(JsonObject.class::cast)
        .anyMatch(t -> t.getString("target").startsWith("data growth p99")), "the data-growth targets");
    assertTrue(Files.readString(out.resolve("summary.md")).contains("| data growth"));
    assertTrue(Files.readString(out.resolve("fanout.svg")).startsWith("<svg"));
    assertTrue(Files.readString(out.resolve("growth.svg")).contains("<polyline"), "the data-growth chart");
    assertTrue(Files.readString(out.resolve("summary.md")).contains("| thread page"));
    assertTrue(Files.readString(out.resolve("summary.md")).contains("| reply POST"));
  }
}
