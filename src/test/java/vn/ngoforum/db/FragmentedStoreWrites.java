package vn.ngoforum.db;

import de.bwaldvogel.mongo.bson.Document;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The benchmark's measure of writes on a fragmented embedded store: each write a post updated and a read mark
 * stored, then made durable as the forum makes it ({@link GroupCommit}: commit and sync), one at a time. The store is
 * opened as the forum opens it ({@link DurableH2Backend#builder}) and, as the baseline, the same with H2's own
 * compaction step, on copies of one file, so both start from the same fragmentation.
 *
 * <p>The file is made fragmented as a bulk import makes it: posts of about 3 KB stored in random key order with a
 * commit every few thousand, which rewrites pages all over the tree and leaves most of each chunk dead. H2's
 * background writer then compacts it while the writes are timed, under the lock every commit needs, once its chunks are
 * older than H2's retention time (45 s): the measure waits that long after the import.
 */
public final class FragmentedStoreWrites {

  /** H2's compaction step ("auto-commit buffer size") on a machine with memory to spare: 19 MB. */
  private static final int H2_DEFAULT_STEP_KB = 19 * 1024;
  private static final int COMMIT_EVERY = 5_000;
  /** Writes made before those timed: the first, on a store just opened, reads its tree from the file. */
  private static final int UNTIMED = 10;
  private static final String POSTS = "databases.bench.posts";
  private static final String MARKS = "databases.bench.thread_reads";

  private FragmentedStoreWrites() {
  }

  /**
   * What was measured: the fragmented file's size and each write's time in microseconds, on the store opened as the
   * forum opens it and on the baseline.
   */
  public record Timings(long fileMb, List<Long> forum, List<Long> baseline) {
  }

  /**
   * Builds a fragmented store of {@code documents} posts in {@code dir}, then times {@code writes} writes on a copy
   * opened as the forum opens it and on one opened with H2's default step.
   */
  public static Timings measure(Path dir, int documents, int writes) throws Exception {
    Files.createDirectories(dir);
    Path original = dir.resolve("fragmented.mv");
    Files.deleteIfExists(original);
    Filled filled = fill(original, documents);
    List<String> ids = filled.ids();
    // H2 compacts only chunks older than its retention time: a store opened within that time of its import is left
    // alone, where the forum opening a store imported earlier finds every chunk old enough.
    TimeUnit.MILLISECONDS.sleep(filled.retentionMillis() + 1_000);
    long fileMb = Files.size(original) >> 20;
    Map<String, List<Long>> timed = new HashMap<>();
    Path copy = dir.resolve("copy.mv");
    try {
      // Each on a copy just written, so the file is in the page cache alike for both.
      for (String setting : List.of("baseline", "forum")) {
        Files.copy(original, copy, StandardCopyOption.REPLACE_EXISTING);
        MVStore.Builder builder = DurableH2Backend.builder(copy);
        if (setting.equals("baseline")) {
          builder.autoCommitBufferSize(H2_DEFAULT_STEP_KB);
        }
        timed.put(setting, writes(builder, ids, writes));
      }
    } finally {
      Files.deleteIfExists(copy);
      Files.deleteIfExists(original);
    }
    return new Timings(fileMb, timed.get("forum"), timed.get("baseline"));
  }

  /** The ids stored, and H2's retention time on the store that stored them. */
  private record Filled(List<String> ids, int retentionMillis) {
  }

  private static Filled fill(Path file, int documents) {
    Random random = new Random(15);
    List<String> ids = new ArrayList<>(documents);
    MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
    int retention = store.getRetentionTime();
    try {
      MVMap<Object, Document> posts = store.openMap(POSTS);
      for (int i = 0; i < documents; i++) {
        String id = Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
        ids.add(id);
        posts.put(id, post(id, i));
        if (i % COMMIT_EVERY == COMMIT_EVERY - 1) {
          store.commit();
        }
      }
    } finally {
      store.close();
    }
    return new Filled(ids, retention);
  }

  private static Document post(String id, int number) {
    return new Document("_id", id).append("threadId", "t" + number / 10).append("number", number % 10 + 1)
        .append("author", new Document("id", "u" + number % 500).append("name", "Thành viên " + number % 500))
        .append("body", "Bảo vệ rừng và động vật hoang dã, kiểm lâm tuần tra. ".repeat(20))
        .append("html", "<p>Bảo vệ rừng và động vật hoang dã, kiểm lâm tuần tra.</p>".repeat(20))
        .append("createdAt", new java.util.Date(1_700_000_000_000L + number * 1000L));
  }

  /** Times {@code count} durable writes on the store {@code builder} opens, in microseconds. */
  private static List<Long> writes(MVStore.Builder builder, List<String> ids, int count) throws Exception {
    Random random = new Random(16);
    MVStore store = builder.open();
    List<Long> micros = new ArrayList<>(count);
    try {
      // As DurableH2Backend.open does: the background writer, which also compacts, once the store is open.
      store.setAutoCommitDelay(1000);
      GroupCommit commits = new GroupCommit(store);
      MVMap<Object, Document> posts = store.openMap(POSTS);
      MVMap<Object, Document> marks = store.openMap(MARKS);
      for (int i = -UNTIMED; i < count; i++) {
        String id = ids.get(random.nextInt(ids.size()));
        long started = System.nanoTime();
        posts.put(id, posts.get(id).cloneDeeply().append("edited", i));
        String mark = "u" + random.nextInt(500) + ":t" + random.nextInt(ids.size() / 10 + 1);
        marks.put(mark, new Document("_id", mark).append("seq", i));
        commits.awaitDurable();
        if (i >= 0) {
          micros.add((System.nanoTime() - started) / 1000);
        }
        // A pause as between a forum's writes, so H2's writer runs between them as it would.
        TimeUnit.MILLISECONDS.sleep(5);
      }
    } finally {
      store.close();
    }
    return micros;
  }
}
