package vn.ngoforum.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command that scans a collection while other changes are committed still reads every document: the chunks it
 * reads are not freed under it. H2 frees a chunk that no version references once it is older than its retention
 * time (45 s) and five versions have passed; with a commit per write, five versions are five writes, and a scan of
 * a large collection outlives them ("Chunk … not found"). The test makes this young store behave like one that
 * has run for a while and outgrown its cache (retention time 0, a 1 MB cache), and commits changes as fast as the
 * store takes them, the way H2's compaction and other clients' writes do.
 */
class ReadsDuringCommitsTest {

  private static final int DOCUMENTS = 3_000;
  private static final int SCANS = 3;

  @Test
  @DisplayName("scans running while changes are committed read every document, never a freed chunk")
  void scansWhileChangesCommit(@TempDir Path dir) throws Exception {
    DurableH2Backend backend = DurableH2Backend.open(dir.resolve("store.mv"));
    MVStore store = backend.getMvStore();
    store.setRetentionTime(0);
    store.setCacheSize(1024);
    EmbeddedChannel client = new EmbeddedChannel();
    try {
      String body = "Báo cáo tuần tra rừng phòng hộ. ".repeat(30);
      for (int batch = 0; batch < DOCUMENTS / 500; batch++) {
        List<Document> documents = new ArrayList<>();
        for (int i = batch * 500; i < (batch + 1) * 500; i++) {
          documents.add(new Document("_id", String.format("d%05d", i)).append("body", body));
        }
        backend.handleCommand(client, "reads", "insert", new Document("insert", "docs").append("documents", documents));
      }
      backend.handleCommand(client, "reads", "insert", new Document("insert", "docs")
          .append("documents", List.of(new Document("_id", "z-hot").append("body", body))));

      // The last document in key order, changed and committed again and again: each commit leaves the chunk of
      // the one before without a live page, so it is freed as soon as nothing protects it.
      MVMap<Object, Document> data = store.openMap("databases.reads.docs");
      AtomicBoolean scanning = new AtomicBoolean(true);
      AtomicLong commits = new AtomicLong();
      Thread changes = new Thread(() -> {
        for (long n = 0; scanning.get(); n++) {
          data.put("z-hot", new Document("_id", "z-hot").append("body", body).append("n", n));
          store.commit();
          commits.incrementAndGet();
        }
      }, "changes");
      changes.start();
      List<String> scans = new ArrayList<>();
      try {
        for (int scan = 0; scan < SCANS; scan++) {
          try {
            Document answer = backend.handleCommand(client, "reads", "count", new Document("count", "docs")
                .append("query", new Document("body", body)));
            scans.add(String.valueOf(answer.get("n")));
          } catch (RuntimeException e) {
            scans.add("failed: " + e);
          }
        }
      } finally {
        scanning.set(false);
        changes.join();
      }

      assertTrue(commits.get() > SCANS * 10, "changes were committed while the scans ran: " + commits.get());
      assertEquals(Collections.nCopies(SCANS, String.valueOf(DOCUMENTS + 1)), scans,
          "every scan read every document, while " + commits.get() + " commits were made");
    } finally {
      client.close();
      backend.close();
    }
  }
}
