package vn.ngoforum.db;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerException;
import io.netty.channel.Channel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mongo-java-server's H2 backend on a file, made to acknowledge only what is on disk.
 *
 * <p>Out of the box the backend leaves committing to H2's background writer, about once a second, after the
 * client has been told its write succeeded: a crash or {@code kill -9} lost the writes of the last second. Here every
 * command that may change data returns (and so is answered) only after a {@link GroupCommit} has committed and
 * synced it. H2's background writer keeps running for what it also does: compacting the file.
 *
 * <p>Every command also registers the store version it reads, so that the chunks it reads are not freed under it by
 * a concurrent commit or compaction (H2 otherwise keeps only the last five versions, which with a commit per write
 * is five writes, and a long scan failed with "Chunk … not found").
 *
 * <p>It answers one command of its own, {@value StoreBackup#COMMAND} on {@code admin}: a backup while it serves.
 */
final class DurableH2Backend extends CopyOnWriteH2Backend {

  private static final Logger LOG = LoggerFactory.getLogger(DurableH2Backend.class);

  /** How often H2's background writer runs (it also compacts the file): its default. */
  private static final int BACKGROUND_WRITER_MILLIS = 1000;
  /**
   * How much H2's background writer compacts in one go, under the store's lock, which every commit also needs: while
   * the store is busy it moves up to twice this much of the file and rewrites up to a quarter of it, once a second
   * (H2's "auto-commit buffer size"). With H2's default, about 19 MB, writes on a fragmented store of 100,000 posts
   * had a p99 of 58 to 71 ms, and with 1 MB 6 to 8 ms (the benchmark's store scenario, 2026-12-07). In its growth
   * scenario at a million posts a reply's p50 went from 104 ms back to 48 to 56 ms, as at a thousand, and the forum
   * answered /health after 8 s instead of 16 (README, "Data growth"). The price: a fragmented store is compacted
   * more slowly while it is busy, though what H2 keeps for its retention time weighs more: a store written at a
   * hundred writes a second for six minutes was 565 MB with this step and 460 MB with H2's default, for 113 MB of
   * data ({@link StoreCompaction} gives the rest back). The buffer's first purpose, committing uncommitted changes
   * once they reach that size, matters little here: every write is committed before its answer.
   */
  private static final int COMPACTION_STEP_KB = 1024;

  /** Commands that never change data (lower case); every other command is made durable before it is answered. */
  private static final Set<String> READS = Set.of("find", "getmore", "killcursors", "count", "distinct",
      "listcollections", "listindexes", "listdatabases", "ismaster", "hello", "buildinfo", "ping", "serverstatus",
      "whatsmyuri", "getlasterror", "getlog", "connectionstatus", "hostinfo", "getcmdlineopts",
      "getfreemonitoringstatus", "endsessions", "dbstats", "collstats", "validate", "replsetgetstatus");

  private final MVStore store;
  private final Path file;
  private final GroupCommit commits;
  private final AtomicBoolean storageFailureLogged = new AtomicBoolean();

  private DurableH2Backend(MVStore store, Path file) {
    super(store);
    this.store = store;
    this.file = file;
    this.commits = new GroupCommit(store);
  }

  /**
   * Opens the store in {@code file} (creating it when there is none).
   *
   * @throws UnopenableStoreException when the file exists but cannot be opened as a store (damaged, not a store,
   *     locked by another process, unreadable); nothing has been written to it then
   */
  static DurableH2Backend open(Path file) {
    refuseLostData(file);
    MVStore store;
    // H2 reports a failure of its own to this handler, opening included; that one is ours to report.
    AtomicBoolean opened = new AtomicBoolean();
    try {
      // No background writer while opening: should opening fail, nothing at all has been written to the file.
      store = builder(file)
          .backgroundExceptionHandler((thread, failure) -> {
            if (opened.get()) {
              LOG.error("The embedded store in {} failed", file, failure);
            }
          })
          .open();
    } catch (RuntimeException e) {
      throw UnopenableStoreException.of(file, e);
    }
    try {
      DurableH2Backend backend = new DurableH2Backend(store, file);
      backend.openEveryDatabase();
      opened.set(true);
      store.setAutoCommitDelay(BACKGROUND_WRITER_MILLIS);
      return backend;
    } catch (RuntimeException e) {
      store.closeImmediately();
      throw UnopenableStoreException.of(file, e);
    }
  }

  /**
   * How the store is opened, but for its failure handler (the benchmark opens its copies the same way): no
   * background writer while opening, compaction in {@link #COMPACTION_STEP_KB} steps.
   */
  static MVStore.Builder builder(Path file) {
    return new MVStore.Builder().fileName(file.toString()).autoCommitDisabled()
        .autoCommitBufferSize(COMPACTION_STEP_KB);
  }

  /**
   * Refuses a file that held a store (more than H2's two header blocks) in which H2 finds no version at all: H2
   * opens such a file (say, zeroed after its headers) as a new, empty store, and the forum would start empty and
   * write over what may still be recovered. Looked at read-only, so nothing is written to the file.
   */
  private static void refuseLostData(Path file) {
    long size = size(file);
    if (size <= 2 * 4096) {
      return;
    }
    long version;
    try {
      MVStore probe = new MVStore.Builder().fileName(file.toString()).readOnly().open();
      try {
        version = probe.getCurrentVersion();
      } finally {
        probe.closeImmediately();
      }
    } catch (RuntimeException e) {
      throw UnopenableStoreException.of(file, e);
    }
    if (version == 0) {
      throw UnopenableStoreException.of(file, DataUtils.newMVStoreException(DataUtils.ERROR_FILE_CORRUPT,
          "the file has {0} bytes but no version of the store can be read from them", size));
    }
  }

  private static long size(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * Opens every database in the file, failing on the first that cannot be read (the backend's constructor only
   * logs such a failure and goes on without that database).
   */
  private void openEveryDatabase() {
    store.getMapNames().stream()
        .filter(name -> name.startsWith("databases."))
        .map(name -> name.substring("databases.".length()).split("\\.", 2)[0])
        .distinct()
        .forEach(this::resolveDatabase);
  }

  @Override
  public Document handleCommand(Channel channel, String database, String command, Document query) {
    if (database.equals("admin") && command.equalsIgnoreCase(StoreBackup.COMMAND)) {
      try {
        return new Document("file", backup().toString()).append("ok", 1.0);
      } catch (RuntimeException e) {
        throw new MongoServerException("The backup failed: " + e.getMessage(), e);
      }
    }
    MVStore.TxCounter reading = store.registerVersionUsage();
    try {
      return super.handleCommand(channel, database, command, query);
    } catch (RuntimeException e) {
      logStorageFailure(e);
      throw e;
    } finally {
      store.deregisterVersionUsage(reading);
      if (mayWrite(command, query)) {
        awaitDurable();
      }
    }
  }

  /**
   * Closes the store (a last commit, the file marked clean). A read that ended while H2's background writer held
   * the store lock left H2 to forget its version at the next commit; with nothing left to commit there is none, so
   * that is done here first, with the writer stopped (else H2's close trips over its own assertion that no older
   * version is kept).
   */
  @Override
  public void close() {
    if (!store.isClosed()) {
      store.setAutoCommitDelay(0);
      store.deregisterVersionUsage(store.registerVersionUsage());
    }
    super.close();
  }

  /** Writes a backup of the store while it serves (see {@link StoreBackup}). */
  Path backup() {
    return StoreBackup.write(store, file);
  }

  private void awaitDurable() {
    try {
      commits.awaitDurable();
    } catch (RuntimeException e) {
      logStorageFailure(e);
      throw e;
    }
  }

  static boolean mayWrite(String command, Document query) {
    String name = command.toLowerCase(Locale.ROOT);
    if (name.equals("aggregate")) {
      return query.get("pipeline") instanceof List<?> stages && stages.stream()
          .anyMatch(stage -> stage instanceof Document d && (d.containsKey("$out") || d.containsKey("$merge")));
    }
    return !READS.contains(name);
  }

  /** Says once, with what to do, when the store itself failed (as opposed to a bad command). */
  private void logStorageFailure(RuntimeException failure) {
    MVStoreException storage = UnopenableStoreException.storageCause(failure);
    if (storage != null && storageFailureLogged.compareAndSet(false, true)) {
      LOG.error("The embedded store in {} failed: {}", file, storage.getMessage(), failure);
      // One record a line: the log escapes line breaks inside a record (see logback.xml).
      UnopenableStoreException.recoveryAdvice(file).lines().forEach(line -> LOG.error("  {}", line));
    }
  }
}
