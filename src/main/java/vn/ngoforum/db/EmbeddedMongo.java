package vn.ngoforum.db;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MongoDB-compatible store that the forum runs when no {@code MONGO_URI} is given: mongo-java-server, a real
 * MongoDB wire-protocol server, on its H2 backend (one file on disk, so data survives a restart).
 *
 * <p>It listens on 127.0.0.1 only, so a second forum node on the same machine can share it and nothing outside
 * can reach it. On a file, a write is answered only once it is committed and synced to the disk (see
 * {@link DurableH2Backend}), so what the forum acknowledged survives a crash. A file that cannot be opened stops
 * the start with how to recover ({@link UnopenableStoreException}); it is never replaced by an empty store.
 * Production runs real MongoDB (docker-compose.yml).
 */
public final class EmbeddedMongo implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMongo.class);
  /** The store's file in the forum's data directory ({@code FORUM_DATA_DIR}). */
  public static final String STORE_FILE = "forum-store.mv";
  /**
   * Threads serving the clients' connections: one each, as mongod gives each connection a thread (the driver pools at
   * most 100 per client; Netty hands connections to threads in turn and starts a thread with its first connection).
   * A thread waits for its write to reach the disk ({@link GroupCommit}), and meanwhile holds every other connection
   * it serves. With 32 threads and the forum's 51 connections of the growth benchmark, a signed-in page at 10,000
   * threads waited behind the commit of an earlier page's read mark (80 to 150 ms at that size) on the thread its
   * read shared: p99 94 to 145 ms in five runs, against 55 ms with a thread per connection (2026-12-07). More
   * threads also let more writes finish meanwhile and share the next commit (16 writers inserting on 2 cores: 1.3
   * to 2.2 times the inserts a second with 32 threads than with Netty's default of two per core).
   */
  private static final int WORKER_THREADS = 256;

  private final MongoServer server;
  private final int port;

  private EmbeddedMongo(MongoServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Opens (or creates) the store in {@code file} and serves it on 127.0.0.1:{@code port}.
   *
   * @param file the H2 file, or {@code null} for a store in memory
   * @param port the port, or 0 for any free one
   * @throws UnopenableStoreException when {@code file} exists but cannot be opened as a store
   */
  public static EmbeddedMongo start(Path file, int port) {
    if (file != null) {
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create the data directory for " + file, e);
      }
    }
    H2Backend backend = file == null ? CopyOnWriteH2Backend.openInMemory() : DurableH2Backend.open(file);
    MongoServer server = new MongoServer(backend);
    try {
      server.bind(new InetSocketAddress("127.0.0.1", port), 0, WORKER_THREADS);
    } catch (RuntimeException e) {
      server.shutdownNow();
      throw new IllegalStateException("Cannot serve the embedded MongoDB store on 127.0.0.1:" + port
          + " (is another forum or a MongoDB already using it? Set MONGO_URI to share it,"
          + " or FORUM_EMBEDDED_MONGO_PORT to use another port)", e);
    }
    int actualPort = server.getLocalAddress().getPort();
    LOG.info("Embedded MongoDB-compatible store on 127.0.0.1:{} ({})", actualPort,
        file == null ? "in memory" : file);
    return new EmbeddedMongo(server, actualPort);
  }

  public int port() {
    return port;
  }

  /** A connection string for database {@code database} on this store. */
  public String uri(String database) {
    return "mongodb://127.0.0.1:" + port + "/" + database;
  }

  /** Stops serving, then closes the store (a last commit, the file marked as cleanly closed). */
  @Override
  public void close() {
    server.shutdown();
  }
}
