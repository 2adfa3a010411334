package vn.ngoforum.forum.threads;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.forum.attachments.AttachmentService;
import vn.ngoforum.forum.common.Requests;
import vn.ngoforum.web.Idempotency;
import vn.ngoforum.web.JsonInput;

/**
 * What a writer sends besides the text, read the same way from the API and from the page forms (the quoted post,
 * the uploads named, the organisation spoken for), and a new thread or reply made once per idempotency key.
 */
final class WritingInput {

  private WritingInput() {
  }

  /** The optional {@code quote} field: the id of the quoted post, or {@code null}. */
  static String quotedPost(JsonInput in) {
    return optional(in, "quote", Requests.ID, "'quote' names no post of this thread.");
  }

  /** The optional {@code attachments} field: ids of the writer's uploads. */
  static List<String> attachmentIds(JsonInput in) {
    if (!in.has("attachments")) {
      return List.of();
    }
    List<String> ids = in.textList("attachments", AttachmentService.MAX_PER_POST, 100);
    for (String id : ids) {
      if (!Requests.ID.matcher(id).matches()) {
        throw ForumException.invalid("'attachments' names no upload: " + id + ".");
      }
    }
    return ids;
  }

  /** The optional {@code onBehalfOf} field: the slug of a verified organisation the writer speaks for. */
  static String onBehalfOf(JsonInput in) {
    return optional(in, "onBehalfOf", Requests.SLUG, "'onBehalfOf' names no organisation.");
  }

  /** An optional field of the shape {@code shape} ({@code refusal} otherwise), or {@code null}. */
  private static String optional(JsonInput in, String field, Pattern shape, String refusal) {
    String value = in.optionalText(field, 100);
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (!shape.matcher(value).matches()) {
      throw ForumException.invalid(refusal);
    }
    return value;
  }

  /** Runs a create once per idempotency {@code key}; a replay answers what the first run answered. */
  static Future<JsonObject> once(Idempotency idempotency, RoutingContext ctx, CurrentUser user, String key,
      Supplier<Future<JsonObject>> action) {
    return idempotency.once(user.id(), key, action).map(outcome -> {
      if (outcome.replayed()) {
        ctx.response().putHeader("Idempotent-Replayed", "true");
      }
      return outcome.body();
    });
  }
}
