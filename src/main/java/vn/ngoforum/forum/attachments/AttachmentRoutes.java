package vn.ngoforum.forum.attachments;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.function.Predicate;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.forum.common.Requests;
import vn.ngoforum.web.BeforeBody;
import vn.ngoforum.web.JsonResponses;

/**
 * Uploading and downloading attachments.
 *
 * <pre>
 *   POST /api/v1/attachments?name=       upload one file (the raw body)   curl -H "Authorization: Bearer $T" --data-binary @draft.pdf 'localhost:8080/api/v1/attachments?name=draft.pdf'
 *   GET  /attachments/{id}               download it                      curl -OJ localhost:8080/attachments/$ID
 *   GET  /attachments/{id}/inline        an image, shown in the page      curl localhost:8080/attachments/$ID/inline
 * </pre>
 *
 * {@code access} says who may download the files of a post.
 */
public record AttachmentRoutes(AttachmentService attachments, FileAccess access) {

  /** The upload route, which takes a raw file body up to {@link #UPLOAD_BODY_LIMIT}. */
  public static final String UPLOAD_PATH = "/api/v1/attachments";
  /** The body limit of the upload route: one file of at most 10 MB (a bigger body is refused with 413). */
  public static final long UPLOAD_BODY_LIMIT = AttachmentService.MAX_BYTES;

  public void mount(Router router) {
    router.post(UPLOAD_PATH).handler(Access.signedIn()).handler(this::upload);
    router.get("/attachments/:attachmentId").handler(ctx -> download(ctx, false));
    router.get("/attachments/:attachmentId/inline").handler(ctx -> download(ctx, true));
  }

  /**
   * Run before the body of an upload is read (the attachments API, and the page forms {@code takesFiles} names): a
   * signed-in person who may not post is refused (403) from the request's headers, so their file is neither read
   * nor written anywhere. Anonymous senders were refused before this (see {@link BeforeBody#signedIn}); other
   * requests pass.
   */
  public static Handler<RoutingContext> mayUpload(Memberships memberships, Predicate<RoutingContext> takesFiles) {
    return BeforeBody.check(ctx -> {
      CurrentUser user = Requests.user(ctx);
      if (user == null || !(UPLOAD_PATH.equals(ctx.request().path()) || takesFiles.test(ctx))) {
        return Future.succeededFuture();
      }
      return memberships.hasMemberRights(user).compose(allowed -> allowed ? Future.<Void>succeededFuture()
          : Future.failedFuture(ForumException.forbidden("Only members of the forum and of verified organisations "
              + "may post or attach files.")));
    });
  }

  /** Stores a file sent as the raw request body (its type is read from its bytes; {@code name} is the name to show). */
  private void upload(RoutingContext ctx) {
    String name = ctx.request().getParam("name");
    if (name != null && name.length() > 255) {
      throw ForumException.invalid("'name' must be at most 255 characters.");
    }
    Buffer body = ctx.body().buffer();
    attachments.upload(Requests.user(ctx), name, body == null ? Buffer.buffer() : body)
        .onSuccess(attachment -> JsonResponses.created(ctx, attachment))
        .onFailure(ctx::fail);
  }

  /**
   * Sends an attachment to someone who may read its post, as a download ({@code Content-Disposition: attachment})
   * or, for images, inline for thumbnails; always with the checked type and {@code nosniff}.
   */
  private void download(RoutingContext ctx, boolean inline) {
    String id = Requests.id(ctx, "attachmentId", "There is no such file.");
    attachments.downloadable(Requests.user(ctx), id, access)
        .compose(file -> {
          if (inline && !FileTypes.isImage(file.type())) {
            return Future.failedFuture(ForumException.notFound("Only images are shown inline."));
          }
          // A file never changes under its id, but who may read it does (a post hidden, a category closed): any
          // cache must ask again each time, and only a browser's own cache may keep it.
          String etag = "\"" + id + "\"";
          ctx.response().putHeader("Cache-Control", "private, no-cache").putHeader("ETag", etag);
          if (unchangedFor(ctx, etag)) {
            return Future.<ReadStream<Buffer>>succeededFuture(null);
          }
          return attachments.bytes(file).map(stream -> {
            ctx.response()
                .putHeader("Content-Type", file.type())
                .putHeader("Content-Length", String.valueOf(file.size()))
                .putHeader("Content-Disposition",
                    AttachmentService.disposition(inline ? "inline" : "attachment", file.name()))
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Content-Security-Policy", "default-src 'none'; sandbox");
            return stream;
          });
        })
        .onSuccess(stream -> {
          if (stream == null) {
            ctx.response().setStatusCode(304).end();
          } else {
            stream.pipeTo(ctx.response());
          }
        })
        .onFailure(ctx::fail);
  }

  /** Whether the browser's copy ({@code If-None-Match}) is the file tagged {@code etag}. */
  private static boolean unchangedFor(RoutingContext ctx, String etag) {
    String held = ctx.request().getHeader("If-None-Match");
    return held != null && Arrays.stream(held.split(",")).map(String::trim)
        .anyMatch(tag -> tag.equals(etag) || tag.equals("W/" + etag) || tag.equals("*"));
  }
}
