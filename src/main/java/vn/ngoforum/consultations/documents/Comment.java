package vn.ngoforum.consultations.documents;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A comment on one clause. Its id is {@code {consultation}:{clause}:{n}}, n counting that clause's comments from 1,
 * so the comments of a page are read by key: the counts say which ids exist.
 */
public record Comment(String id, String consultation, String clause, String body, String authorId,
    String authorName, Instant at) {

  public JsonObject json() {
    return new JsonObject().put("id", id).put("clause", clause).put("body", body)
        .put("author", new JsonObject().put("id", authorId).put("name", authorName)).put("at", at.toString());
  }
}
