package vn.ngoforum.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.MVStoreTool;

/**
 * Gives back the disk space the embedded store's file holds beyond its data, with the forum stopped.
 *
 * <p>H2 writes every commit to a fresh place in the file and reuses the old places once nothing there is live any
 * more. While the forum runs it compacts in small steps (see {@link DurableH2Backend}), and it keeps what it
 * replaced within its retention time (45 s), so a busy store is several times its data (at a hundred writes a
 * second for six minutes, 565 MB for 113 MB of data). At rest H2 compacts no further, and a file that took a bulk import or a
 * burst of writes stays as large as it grew: the benchmark's store of 1.1 million documents, seeded in bulk, is
 * 12 to 14 GB, and 4.1 GB compacted (3 minutes). The file is no less safe for it, only larger.
 *
 * <p>Compacting writes a new file with H2's own {@link MVStoreTool#compact(MVStore, MVStore)} (a copy of the live
 * pages of every map, the store's version kept), checks that it opens as the forum opens its store and holds as many
 * entries in every map as the old file, syncs it and moves it over the old one in one step: whatever happens, the
 * file is either the old store or the new, whole, and both hold the same data (so a rename lost in a crash loses
 * nothing either). The old file stays open (locked) until it has been replaced, so a forum started meanwhile
 * refuses to open it instead of writing to a file about to be replaced.
 */
public final class StoreCompaction {

  /** What a compaction did: the file's size before and after. */
  public record Result(Path file, long bytesBefore, long bytesAfter) {

    /** For the person who ran it, e.g. "data/forum-store.mv: 112.9 MB, was 564.9 MB". */
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s: %,.1f MB, was %,.1f MB", file, bytesAfter / 1e6, bytesBefore / 1e6);
    }
  }

  private StoreCompaction() {
  }

  /**
   * Compacts the store in {@code file}, which no forum may be running on.
   *
   * @throws IllegalStateException when there is no store, it is in use or damaged, or the copy failed or differs
   *     (the message says why); the file is unchanged then
   */
  public static Result compact(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("There is no embedded store to compact: " + file + " does not exist"
          + " (FORUM_DATA_DIR is the forum's data directory)");
    }
    // Refuses, as the forum's start does, a file in use, damaged, or holding no readable version (H2 would open
    // such a file as an empty store, and its compacted copy would be empty).
    try {
      DurableH2Backend.open(file).close();
    } catch (UnopenableStoreException e) {
      MVStoreException cause = UnopenableStoreException.storageCause(e);
      if (cause != null && cause.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
        throw new IllegalStateException("The store file " + file + " is in use by a running forum: stop it, then"
            + " compact. Nothing was changed.", e);
      }
      throw new IllegalStateException(e.getMessage(), e);
    }
    Path copy = file.resolveSibling(file.getFileName() + ".compacting");
    long before = size(file);
    MVStore source;
    try {
      source = new MVStore.Builder().fileName(file.toString()).readOnly().open();
    } catch (MVStoreException e) {
      throw new IllegalStateException("The store file " + file + " cannot be opened to compact it (" + e.getMessage()
          + "); a forum may have started on it meanwhile. Nothing was changed.", e);
    }
    try {
      Files.deleteIfExists(copy);
      try (MVStore target = new MVStore.Builder().fileName(copy.toString()).open()) {
        MVStoreTool.compact(source, target);
      }
      checkCopy(source, copy);
      try (FileChannel written = FileChannel.open(copy, StandardOpenOption.WRITE)) {
        written.force(true);
      }
      long after = size(copy);
      replace(copy, file, source);
      return new Result(file, before, after);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("Compacting the store file " + file + " failed: " + e.getMessage()
          + ". Nothing was changed.", e);
    } finally {
      if (!source.isClosed()) {
        source.closeImmediately();
      }
      try {
        Files.deleteIfExists(copy);
      } catch (IOException e) {
        // The copy is ours and only takes space; the result above says what matters.
      }
    }
  }

  /** The copy opens as the forum opens its store, and every map holds as many entries as in {@code source}. */
  private static void checkCopy(MVStore source, Path copy) {
    try {
      DurableH2Backend.open(copy).close();
    } catch (UnopenableStoreException e) {
      throw new IllegalStateException("the compacted copy does not open as a store: " + e.getMessage(), e);
    }
    Map<String, Long> expected = entriesPerMap(source);
    MVStore written = new MVStore.Builder().fileName(copy.toString()).readOnly().open();
    try {
      Map<String, Long> found = entriesPerMap(written);
      if (!found.equals(expected)) {
        throw new IllegalStateException("the compacted copy holds other maps or counts than the store: " + found
            + " against " + expected);
      }
    } finally {
      written.closeImmediately();
    }
  }

  private static Map<String, Long> entriesPerMap(MVStore store) {
    Map<String, Long> entries = new TreeMap<>();
    for (String name : store.getMapNames()) {
      // Counting reads no key or value, so the map's own types need not be known.
      MVMap<Object, Object> map = store.openMap(name, new MVMap.Builder<>());
      entries.put(name, map.sizeAsLong());
    }
    return entries;
  }

  /**
   * Moves {@code copy} over {@code file} while {@code source}, the old file, is still open: that keeps its lock
   * until the name is the new file's. Windows refuses to replace a file that is open; there the old file is closed
   * just before.
   */
  private static void replace(Path copy, Path file, MVStore source) throws IOException {
    try {
      Files.move(copy, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException openOnWindows) {
      source.closeImmediately();
      Files.move(copy, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
