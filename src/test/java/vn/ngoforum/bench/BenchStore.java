package vn.ngoforum.bench;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import vn.ngoforum.db.EmbeddedMongo;

/**
 * The embedded MongoDB-wire store in a JVM of its own, for the write-cost scenario, in one of three modes:
 * <ul>
 *   <li>{@code durable}: the forum's {@link EmbeddedMongo} on a file, which answers a write once it is committed
 *   and synced to the disk;</li>
 *   <li>{@code delayed}: the baseline it replaced, mongo-java-server's H2 backend on a file as it comes, which
 *   answers at once and commits about once a second (a crash lost the last second);</li>
 *   <li>{@code memory}: the in-memory store the tests use (nothing on disk);</li>
 *   <li>{@code load}: the same H2 backend as {@code delayed}, on a file that is kept: the data-growth scenario's
 *   bulk seeding (no sync per write; the file is closed cleanly when the process is stopped, then opened
 *   {@code durable} for the measure).</li>
 * </ul>
 *
 * <p>Arguments: mode file port [keep]. The file is deleted first unless {@code keep} is given or the mode is
 * {@code load}. A stop (SIGTERM) closes the store cleanly. Prints READY once it serves.
 */
public final class BenchStore {

  private BenchStore() {
  }

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path file = Path.of(args[1]).toAbsolutePath();
    int port = Integer.parseInt(args[2]);
    Files.createDirectories(file.getParent());
    boolean keep = "load".equals(mode) || args.length > 3 && "keep".equals(args[3]);
    if (!keep) {
      Files.deleteIfExists(file);
    }
    Runnable close = switch (mode) {
      case "durable" -> EmbeddedMongo.start(file, port)::close;
      case "memory" -> EmbeddedMongo.start(null, port)::close;
      case "delayed", "load" -> {
        MongoServer server = new MongoServer(new H2Backend(file.toString()));
        server.bind("127.0.0.1", port);
        yield server::shutdown;
      }
      default -> throw new IllegalArgumentException("Unknown mode " + mode);
    };
    Runtime.getRuntime().addShutdownHook(new Thread(close));
    System.out.println("READY");
    new CountDownLatch(1).await();
  }
}
