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
 *   <li>{@code memory}: the in-memory store the tests use (nothing on disk).</li>
 * </ul>
 *
 * <p>Arguments: mode file port. Prints READY once it serves.
 */
public final class BenchStore {

  private BenchStore() {
  }

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path file = Path.of(args[1]).toAbsolutePath();
    int port = Integer.parseInt(args[2]);
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    switch (mode) {
      case "durable" -> EmbeddedMongo.start(file, port);
      case "memory" -> EmbeddedMongo.start(null, port);
      case "delayed" -> new MongoServer(new H2Backend(file.toString())).bind("127.0.0.1", port);
      default -> throw new IllegalArgumentException("Unknown mode " + mode);
    }
    System.out.println("READY");
    new CountDownLatch(1).await();
  }
}
