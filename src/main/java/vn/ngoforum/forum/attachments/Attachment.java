package vn.ngoforum.forum.attachments;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * An uploaded file: its bytes in GridFS ({@code fileId}), the name to show, the type checked from its content, its
 * size, who uploaded it and when, and, once a post carries it, the post and thread ({@code null} until then).
 */
public record Attachment(String id, String fileId, String name, String type, int size, String owner,
    Instant createdAt, String postId, String threadId) {

  /** What a post and the API show of an attachment. */
  public JsonObject view() {
    JsonObject view = new JsonObject().put("id", id).put("name", name).put("type", type).put("size", size)
        .put("image", FileTypes.isImage(type)).put("url", "/attachments/" + id);
    if (FileTypes.isImage(type)) {
      view.put("inlineUrl", "/attachments/" + id + "/inline");
    }
    return view;
  }
}
