package vn.ngoforum.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.util.function.BiConsumer;

/**
 * The benchmark's side door into a server process (the forum or a baseline), on its own port: never part of the
 * forum's router. It lets the load generator read the process's CPU time and its heap after a full GC, and ask
 * for a server-side publish stamped with {@link System#nanoTime()} (CLOCK_MONOTONIC on Linux, so the load
 * generator's own {@code nanoTime()} on the same host measures the delivery latency).
 *
 * <pre>
 *   GET  /cpu                       {"cpuNanos": process CPU time}
 *   GET  /heap                      {"usedBytes": heap used after System.gc()}
 *   GET  /gc                        {"collections": n, "millis": their time}, stop-the-world collections so far
 *   POST /publish?address=&amp;round=  publishes {"round", "sentNanos", ...} to the address
 * </pre>
 */
final class Control {

  private Control() {
  }

  /** Starts the side door on {@code port}; {@code publish} gets (address, body) and sends it to subscribers. */
  static Future<HttpServer> start(Vertx vertx, int port, BiConsumer<String, JsonObject> publish) {
    return vertx.createHttpServer().requestHandler(request -> {
      switch (request.path()) {
        case "/cpu" -> request.response().end(new JsonObject().put("cpuNanos", cpuNanos()).encode());
        case "/heap" -> vertx.executeBlocking(Control::heapAfterGc)
            .onSuccess(used -> request.response().end(new JsonObject().put("usedBytes", used).encode()))
            .onFailure(failure -> request.response().setStatusCode(500).end(failure.toString()));
        case "/gc" -> request.response().end(collections().encode());
        case "/publish" -> {
          int round = Integer.parseInt(request.getParam("round", "0"));
          // A body shaped like the forum's vote-count frames, so the bridge encodes what it encodes in production.
          JsonObject body = new JsonObject().put("type", "question.voted").put("id", "bench-" + round)
              .put("status", "approved").put("votes", round).put("seq", round).put("round", round)
              .put("sentNanos", System.nanoTime());
          publish.accept(request.getParam("address"), body);
          request.response().end("{}");
        }
        default -> request.response().setStatusCode(404).end();
      }
    }).listen(port, "127.0.0.1");
  }

  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * The collections so far that stop the application (G1's young and full ones), and their time: not the concurrent
   * cycles, which run beside it.
   */
  static JsonObject collections() {
    long count = 0;
    long millis = 0;
    for (java.lang.management.GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (!collector.getName().contains("Concurrent")) {
        count += Math.max(0, collector.getCollectionCount());
        millis += Math.max(0, collector.getCollectionTime());
      }
    }
    return new JsonObject().put("collections", count).put("millis", millis);
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
