package vn.ngoforum.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A document the store has answered with is never changed by a later write. mongo-java-server's own H2 collection
 * answers a query with the very instances it stores and updates them in place, so a reply still being encoded for
 * one client changed under it when another client's update added a field: the encoder failed with a
 * ConcurrentModificationException and that client never got its answer (seen in a test where the search index read
 * the sessions while a migration gave one a join code), and a reader could see half an update.
 */
class StoredDocumentsTest {

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"in memory", "on disk"})
  @DisplayName("an answer already given does not change when the document is updated afterwards")
  void answersAreNotChangedByLaterWrites(String where) {
    H2Backend backend = where.equals("on disk") ? DurableH2Backend.open(dir.resolve("store.mv"))
        : CopyOnWriteH2Backend.openInMemory();
    EmbeddedChannel client = new EmbeddedChannel();
    try {
      Function<Document, Document> command =
          c -> backend.handleCommand(client, "stored", c.keySet().iterator().next(), c);
      command.apply(new Document("insert", "sessions").append("documents",
          List.of(new Document("_id", "s1").append("title", "Phiên 1").append("speakers", List.of("an")))));
      Document read = onlyDocument(command.apply(new Document("find", "sessions").append("filter", new Document())));
      Document returnedNew = (Document) command.apply(new Document("findAndModify", "sessions")
          .append("query", new Document("_id", "s1")).append("update", new Document("$set", new Document("n", 1)))
          .append("new", true)).get("value");

      Document update = new Document("$set", new Document("code", "K7Q2"))
          .append("$push", new Document("speakers", "binh")).append("$unset", new Document("title", ""));
      command.apply(new Document("update", "sessions")
          .append("updates", List.of(new Document("q", new Document("_id", "s1")).append("u", update))));

      assertEquals(new Document("_id", "s1").append("title", "Phiên 1").append("speakers", List.of("an")), read,
          "the answer to the find, after the update");
      assertEquals(
          new Document("_id", "s1").append("title", "Phiên 1").append("speakers", List.of("an")).append("n", 1),
          returnedNew, "the document findAndModify returned, after the next update");
      assertEquals(
          new Document("_id", "s1").append("speakers", List.of("an", "binh")).append("n", 1).append("code", "K7Q2"),
          onlyDocument(command.apply(new Document("find", "sessions").append("filter", new Document("_id", "s1")))),
          "what a new find reads");
    } finally {
      client.close();
      backend.close();
    }
  }

  private static Document onlyDocument(Document findReply) {
    List<?> batch = (List<?>) ((Document) findReply.get("cursor")).get("firstBatch");
    assertEquals(1, batch.size(), "documents found: " + batch);
    return (Document) batch.get(0);
  }
}
