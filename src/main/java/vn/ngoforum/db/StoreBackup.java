package vn.ngoforum.db;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.bson.Document;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Backup and restore of the embedded store (one H2 file, {@code forum-store.mv}, in {@code FORUM_DATA_DIR}).
 *
 * <p>A backup is H2's own online backup ({@code FileStore.backup}, what H2's {@code BACKUP TO} uses): while it
 * copies the file, H2 stops reusing free space, so every chunk the copy may read stays as it was and new commits
 * only append; the copy opens the way the file would after a crash at the moment the copy began, and, since the
 * store acknowledges a write only once it is synced (see {@link DurableH2Backend}), it holds every write that was
 * acknowledged before the backup began. The copy is written as {@code backups/forum-store-<UTC time>.zip} beside
 * the store (one entry, {@code forum-store.mv}), first under a {@code .part} name, checked by opening it as a store,
 * then renamed: a file with the final name is a complete, openable backup. Only the forum's user may read it.
 *
 * <p>The process that holds the store makes the copy. When a forum runs, {@link #backup} asks it, through the
 * store's own port on 127.0.0.1 ({@value #COMMAND} on the {@code admin} database, a command only this store
 * knows); when none runs, it opens the file itself. A restore ({@link #restore}) unpacks a backup into a data
 * directory that has no store yet, after checking that it opens.
 */
public final class StoreBackup {

  /** The command a running embedded store answers by writing a backup; the reply names the file. */
  static final String COMMAND = "forumBackup";
  /** Where backups go, beside the store file. */
  public static final String BACKUPS = "backups";

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss'Z'").withZone(ZoneOffset.UTC);
  /** H2's backup switches space reuse off and back on: two at once would switch it on under the other. */
  private static final ReentrantLock ONE_AT_A_TIME = new ReentrantLock();
  private static final long ASK_TIMEOUT_MINUTES = 60;

  private StoreBackup() {
  }

  /**
   * Backs up the store in {@code file}: through the forum serving it on 127.0.0.1:{@code port} when one does (its
   * file is locked then), else by opening the file.
   *
   * @return the backup written, in {@code backups/} beside {@code file}
   * @throws IllegalStateException when there is no store, or it cannot be backed up (the message says why)
   */
  public static Path backup(Path file, int port) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("There is no embedded store to back up: " + file + " does not exist"
          + " (FORUM_DATA_DIR is the forum's data directory)");
    }
    DurableH2Backend backend;
    try {
      backend = DurableH2Backend.open(file);
    } catch (UnopenableStoreException e) {
      MVStoreException cause = UnopenableStoreException.storageCause(e);
      if (cause != null && cause.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
        return askRunningStore(file, port);
      }
      throw e;
    }
    try {
      return backend.backup();
    } finally {
      backend.close();
    }
  }

  /**
   * Writes a backup of {@code store}, whose file is {@code file}, into {@code backups/} beside it, and checks that
   * it opens as a store.
   */
  static Path write(MVStore store, Path file) {
    ONE_AT_A_TIME.lock();
    try {
      Path dir = Files.createDirectories(file.toAbsolutePath().getParent().resolve(BACKUPS));
      String stamp = STAMP.format(Instant.now());
      Path target = dir.resolve("forum-store-" + stamp + ".zip");
      for (int n = 2; Files.exists(target); n++) {
        target = dir.resolve("forum-store-" + stamp + "-" + n + ".zip");
      }
      Path part = dir.resolve(target.getFileName() + ".part");
      try {
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            ZipOutputStream zip = new ZipOutputStream(out)) {
          ownerOnly(part);
          store.getFileStore().backup(zip);
        }
        Path check = dir.resolve(target.getFileName() + ".check.mv");
        try {
          unpack(part, check);
          checkOpens(check);
        } finally {
          Files.deleteIfExists(check);
        }
        return Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(part);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write a backup of the embedded store " + file + ": " + e.getMessage(),
          e);
    } finally {
      ONE_AT_A_TIME.unlock();
    }
  }

  /**
   * Restores {@code backup} (a zip written by {@link #backup}) as the store of {@code dataDir}, which must have none
   * yet, nor a search index; the forum must not run on {@code dataDir}.
   *
   * @return the store file written
   * @throws IllegalStateException when {@code dataDir} has a store already, or the backup does not open as one
   */
  public static Path restore(Path backup, Path dataDir) {
    Path file = dataDir.resolve(EmbeddedMongo.STORE_FILE);
    if (Files.exists(file)) {
      throw new IllegalStateException(file + " exists: restore into a fresh FORUM_DATA_DIR, or stop the forum and"
          + " move that file aside first. Nothing was changed.");
    }
    // A search index records how far it read the store's change log, and a restored store has the same identity
    // but an older log: the index would take the changes made after the restore for ones it already has.
    try (Stream<Path> entries = Files.exists(dataDir) ? Files.list(dataDir) : Stream.empty()) {
      List<Path> indexes = entries.filter(entry -> entry.getFileName().toString().startsWith("search-")).toList();
      if (!indexes.isEmpty()) {
        throw new IllegalStateException(dataDir + " holds search indexes " + indexes + " of a newer state of the"
            + " store: restore into a fresh FORUM_DATA_DIR, or delete them first (they are rebuilt from the store)."
            + " Nothing was changed.");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + dataDir + ": " + e.getMessage(), e);
    }
    if (!Files.isRegularFile(backup)) {
      throw new IllegalStateException("No backup file " + backup);
    }
    try {
      Files.createDirectories(dataDir);
      Path part = dataDir.resolve(EmbeddedMongo.STORE_FILE + ".restoring");
      try {
        unpack(backup, part);
        checkOpens(part);
        return Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(part);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot restore " + backup + " into " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /** A backup holds personal data: readable by the forum's user only, where the file system says so. */
  private static void ownerOnly(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
  }

  /** Writes the store file in {@code zipFile} (its one {@code .mv} entry) to {@code target}. */
  private static void unpack(Path zipFile, Path target) throws IOException {
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(zipFile))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (!entry.isDirectory() && entry.getName().endsWith(".mv")) {
          Files.copy((InputStream) zip, target, StandardCopyOption.REPLACE_EXISTING);
          return;
        }
      }
    }
    throw new IllegalStateException(zipFile + " is not a backup of the embedded store (no .mv file in it)");
  }

  /** Opens {@code file} as the forum opens its store (every database in it), then closes it. */
  private static void checkOpens(Path file) {
    try {
      DurableH2Backend.open(file).close();
    } catch (UnopenableStoreException e) {
      throw new IllegalStateException("The backup does not open as a store: " + e.getMessage(), e);
    }
  }

  private static Path askRunningStore(Path file, int port) {
    MongoClientSettings settings = MongoClientSettings.builder()
        .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port + "/?directConnection=true"))
        .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(10, TimeUnit.SECONDS))
        .build();
    try (MongoClient client = MongoClients.create(settings)) {
      CompletableFuture<Document> reply = new CompletableFuture<>();
      client.getDatabase("admin").runCommand(new Document(COMMAND, 1)).subscribe(new Subscriber<>() {
        @Override
        public void onSubscribe(Subscription subscription) {
          subscription.request(1);
        }

        @Override
        public void onNext(Document document) {
          reply.complete(document);
        }

        @Override
        public void onError(Throwable failure) {
          reply.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
          reply.completeExceptionally(new IllegalStateException("no reply"));
        }
      });
      Document answer = reply.get(ASK_TIMEOUT_MINUTES, TimeUnit.MINUTES);
      return Path.of(answer.getString("file"));
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException("The store file " + file + " is in use by a running forum, and the embedded"
          + " store on 127.0.0.1:" + port + " did not make a backup (" + cause.getMessage() + "). Is"
          + " FORUM_EMBEDDED_MONGO_PORT the running forum's?", cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while the running forum made a backup", e);
    }
  }
}
