package vn.ngoforum.forum;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.auth.Role;
import vn.ngoforum.realtime.AccessChanges;
import vn.ngoforum.realtime.EventBusBridge;
import vn.ngoforum.web.BeforeBody;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.web.FormErrors;
import vn.ngoforum.web.Idempotency;
import vn.ngoforum.web.JsonInput;
import vn.ngoforum.web.JsonResponses;
import vn.ngoforum.web.Views;

/**
 * The forum's routes: categories, threads, posts and search, as JSON and as pages.
 *
 * <pre>
 *   GET  /api/v1/categories                      curl localhost:8080/api/v1/categories
 *   POST /api/v1/categories                      admins: {"slug","name":{vi,en},"description","position","visibility"}
 *   PUT  /api/v1/categories/{slug}               admins: change names, description, position, visibility
 *   GET  /api/v1/categories/{slug}/threads?page= curl localhost:8080/api/v1/categories/field-reports/threads
 *   POST /api/v1/threads                         curl -H "Authorization: Bearer $T" -H 'Content-Type: application/json'
 *                                                  -d '{"category":"field-reports","title":"…","body":"…"}' …/api/v1/threads
 *   GET  /api/v1/threads/{id}?page=              curl localhost:8080/api/v1/threads/$ID
 *   POST /api/v1/threads/{id}/posts              curl -H "Authorization: Bearer $T" … -d '{"body":"…"}' …/posts
 *   GET  /api/v1/threads/{id}/events?since=      curl localhost:8080/api/v1/threads/$ID/events?since=3
 *   GET  /api/v1/search?q=                       curl 'localhost:8080/api/v1/search?q=te+giac'
 *   PUT  /api/v1/posts/{id}                      edit one's own post: {"body":"…","version":1} (409 on a race)
 *   DELETE /api/v1/posts/{id}                    soft-delete one's own post ("deleted by author")
 *   GET  /api/v1/posts/{id}/revisions            earlier versions of a post
 *   POST /api/v1/posts/{id}/moderate             moderators: {"action":"hide"|"show","reason":"…"}
 *   POST /api/v1/threads/{id}/moderate           moderators: {"action":"lock"|"unlock"|"pin"|"unpin"|"move",
 *                                                  "category":"…","reason":"…"}
 *   GET  /c/{slug}   POST /c/{slug}/threads      a category page and its "new thread" form
 *   GET  /t/{id}     POST /t/{id}/posts          a thread page and its reply form
 *   GET  /search?q=                              the search page
 *   POST /api/v1/posts/{id}/reactions/{name}     react (like, thanks, agree, important); DELETE withdraws
 *   GET  /api/v1/notifications                   the signed-in person's notifications and unread count
 *   POST /api/v1/notifications/read              marks them all read
 *   POST /api/v1/posts/{id}/flag                 flag a post for the moderators: {"reason":"…"}
 *   GET  /api/v1/flags                           moderators: the review queue of open flags
 *   POST /api/v1/flags/{id}/resolve              moderators: {"action":"hide"|"dismiss","reason":"…"}
 *   GET  /moderation/flags                       moderators: the review queue page (and its forms)
 *   GET  /notifications                          the notifications page
 *   POST /p/{id}/react                           react through a page form (toggles)
 *   GET  /p/{id}/revisions                       a post's earlier versions (a page)
 *   GET  /p/{id}/edit  POST /p/{id}/edit         edit one's own post (a page form)
 *   POST /p/{id}/delete                          delete one's own post (a page form)
 *   POST /p/{id}/moderate  POST /t/{id}/moderate moderators' page forms (hide/show; lock/pin/move)
 * </pre>
 */
public final class ForumRoutes {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");
  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,58}[a-z0-9]");
  /** The fields of the new-thread and reply forms: each has its own error text ({@code forum.error.<field>}). */
  private static final List<String> FORM_FIELDS = List.of("title", "body", "category", "quote", "attachments",
      "onBehalfOf");
  /** Hidden field of the page forms: a per-render key so that a double-clicked submit posts once. */
  private static final String SUBMISSION_FIELD = "_submission";

  private final ForumService forum;
  private final ThreadService threads;
  private final Idempotency idempotency;
  private final Views views;
  private final ThreadPageCache pageCache;
  private final Vertx vertx;

  public ForumRoutes(Vertx vertx, MongoClient mongo, ForumService forum, Views views, Memberships memberships) {
    this(vertx, mongo, forum, views, memberships, null, null, AttachmentService.DEFAULT_BYTES_PER_DAY);
  }

  /**
   * With {@code smtp} configured, notifications are also e-mailed, linking to {@code publicUrl}; each person may
   * upload {@code uploadBytesPerDay} of attachments a day.
   */
  public ForumRoutes(Vertx vertx, MongoClient mongo, ForumService forum, Views views, Memberships memberships,
      vn.ngoforum.config.AppConfig.Smtp smtp, String publicUrl, long uploadBytesPerDay) {
    this.forum = forum;
    this.threads = new ThreadService(vertx, mongo, memberships, Mailer.create(vertx, smtp, publicUrl),
        uploadBytesPerDay);
    this.idempotency = new Idempotency(mongo);
    this.views = views;
    this.pageCache = ThreadPageCache.forNode(vertx);
    this.vertx = vertx;
    views.precompile(List.of("forum/category", "forum/thread", "forum/search", "forum/edit",
        "forum/notifications", "forum/flags", "forum/revisions",
        "forum/admin-categories"));
  }

  /** Mounts the routes and tells the bridge who may follow a thread: whoever may read it. */
  /** What other features may do in the forum (see {@link ForumThreads}). */
  public ForumThreads threads() {
    return new ForumThreads() {
      @Override
      public Future<List<JsonObject>> categories() {
        return forum.categories();
      }

      @Override
      public Future<JsonObject> start(CurrentUser author, String categorySlug, String title, String body) {
        return threads.createThread(author, categorySlug, title, body, List.of(), null, false);
      }
    };
  }

  public void mount(Router router, EventBusBridge bridge) {
    router.get("/api/v1/categories").handler(this::categories);
    router.post("/api/v1/categories").handler(Access.role(Role.ADMIN)).handler(this::createCategory);
    router.put("/api/v1/categories/:slug").handler(Access.role(Role.ADMIN)).handler(this::updateCategory);
    router.get("/api/v1/categories/:slug/threads").handler(this::categoryThreads);
    router.post("/api/v1/threads").handler(Access.signedIn()).handler(this::createThread);
    router.get("/api/v1/threads/:id").handler(this::thread);
    router.post("/api/v1/threads/:id/posts").handler(Access.signedIn()).handler(this::reply);
    router.get("/api/v1/threads/:id/events").handler(this::events);
    router.get("/api/v1/search").handler(this::search);
    router.put("/api/v1/posts/:postId").handler(Access.signedIn()).handler(this::editPost);
    router.delete("/api/v1/posts/:postId").handler(Access.signedIn()).handler(this::deletePost);
    router.get("/api/v1/posts/:postId/revisions").handler(this::revisions);
    router.post("/api/v1/posts/:postId/moderate").handler(Access.role(Role.MODERATOR)).handler(this::moderatePost);
    router.post("/api/v1/threads/:id/moderate").handler(Access.role(Role.MODERATOR)).handler(this::moderateThread);

    router.get("/c/:slug").handler(this::categoryPage);
    router.post("/c/:slug/threads").handler(Access.signedIn()).handler(this::createThreadForm);
    router.get("/t/:id").handler(this::threadPage);
    router.post("/t/:id/posts").handler(Access.signedIn()).handler(this::replyForm);
    router.get("/search").handler(this::searchPage);
    router.post("/api/v1/posts/:postId/reactions/:reaction").handler(Access.signedIn())
        .handler(ctx -> react(ctx, true));
    router.delete("/api/v1/posts/:postId/reactions/:reaction").handler(Access.signedIn())
        .handler(ctx -> react(ctx, false));
    router.post("/api/v1/posts/:postId/flag").handler(Access.signedIn()).handler(this::flag);
    router.get("/api/v1/flags").handler(Access.role(Role.MODERATOR)).handler(this::flags);
    router.post("/api/v1/flags/:flagId/resolve").handler(Access.role(Role.MODERATOR)).handler(this::resolveFlag);
    router.get("/moderation/flags").handler(Access.role(Role.MODERATOR)).handler(this::flagsPage);
    router.post("/moderation/flags/:flagId/resolve").handler(Access.role(Role.MODERATOR))
        .handler(this::resolveFlagForm);
    router.post("/p/:postId/flag").handler(Access.signedIn()).handler(this::flagForm);
    router.get("/api/v1/notifications").handler(Access.signedIn()).handler(this::notifications);
    router.post("/api/v1/notifications/read").handler(Access.signedIn()).handler(this::markRead);
    router.get("/notifications").handler(Access.signedIn()).handler(this::notificationsPage);
    router.post("/notifications/read").handler(Access.signedIn()).handler(this::markReadForm);
    router.post("/p/:postId/react").handler(Access.signedIn()).handler(this::reactForm);
    router.get("/p/:postId/revisions").handler(this::revisionsPage);
    router.get("/p/:postId/edit").handler(Access.signedIn()).handler(this::editPage);
    router.post("/p/:postId/edit").handler(Access.signedIn()).handler(this::editForm);
    router.post("/p/:postId/delete").handler(Access.signedIn()).handler(this::deleteForm);
    router.post("/p/:postId/moderate").handler(Access.role(Role.MODERATOR)).handler(this::moderatePostForm);
    router.post("/t/:id/moderate").handler(Access.role(Role.MODERATOR)).handler(this::moderateThreadForm);

    router.post("/api/v1/attachments").handler(Access.signedIn()).handler(this::upload);
    router.get("/attachments/:attachmentId").handler(ctx -> download(ctx, false));
    router.get("/attachments/:attachmentId/inline").handler(ctx -> download(ctx, true));
    router.get("/api/v1/people").handler(Access.signedIn()).handler(this::people);
    router.get("/admin/categories").handler(Access.role(Role.ADMIN)).handler(this::categoriesPage);
    router.post("/admin/categories").handler(Access.role(Role.ADMIN)).handler(this::createCategoryForm);
    router.post("/admin/categories/:slug").handler(Access.role(Role.ADMIN)).handler(this::updateCategoryForm);

    bridge.threads(threads::mayFollow);
  }

  /** The body limit of an upload route: one file of at most 10 MB (a bigger body is refused with 413). */
  public static final long UPLOAD_BODY_LIMIT = AttachmentService.MAX_BYTES;
  /** The upload route, which takes a raw file body up to {@link #UPLOAD_BODY_LIMIT}. */
  public static final String UPLOAD_PATH = "/api/v1/attachments";

  /**
   * Run before the body of an upload is read (the attachments API, a page form that may carry files): a signed-in
   * person who may not post is refused (403) from the request's headers, so their file is neither read nor
   * written anywhere. Anonymous senders were refused before this (see {@link BeforeBody#signedIn}); other requests
   * pass.
   */
  public static Handler<RoutingContext> mayUpload(Memberships memberships) {
    return BeforeBody.check(ctx -> {
      CurrentUser user = user(ctx);
      if (user == null || !(UPLOAD_PATH.equals(ctx.request().path()) || isUploadForm(ctx))) {
        return Future.succeededFuture();
      }
      return memberships.hasMemberRights(user).compose(allowed -> allowed ? Future.<Void>succeededFuture()
          : Future.failedFuture(ForumException.forbidden("Only members of the forum and of verified organisations "
              + "may post or attach files.")));
    });
  }

  /**
   * Stores a file sent as the raw request body (its type is read from its bytes; {@code name} is the file name
   * to show). curl -H "Authorization: Bearer $T" --data-binary @draft.pdf '…/api/v1/attachments?name=draft.pdf'
   */
  private void upload(RoutingContext ctx) {
    CurrentUser user = user(ctx);
    String name = ctx.request().getParam("name");
    if (name != null && name.length() > 255) {
      throw ForumException.invalid("'name' must be at most 255 characters.");
    }
    // Refused from the headers already (mayUpload); asked again here, where the file is stored.
    threads.mayPost(user)
        .compose(allowed -> allowed ? Future.<Void>succeededFuture() : Future.failedFuture(ForumException.forbidden(
            "Only members of the forum and of verified organisations may post or attach files.")))
        .compose(v -> threads.attachments().upload(user, name, ctx.body().buffer() == null
            ? io.vertx.core.buffer.Buffer.buffer() : ctx.body().buffer()))
        .onSuccess(attachment -> JsonResponses.created(ctx, attachment))
        .onFailure(ctx::fail);
  }

  /**
   * Sends an attachment to someone who may read its post (see {@link ThreadService#downloadable}), as a download
   * ({@code Content-Disposition: attachment}) or, for images, inline for thumbnails; always with the checked type
   * and {@code nosniff}. curl -OJ localhost:8080/attachments/$ID
   */
  private void download(RoutingContext ctx, boolean inline) {
    String id = ctx.pathParam("attachmentId");
    if (id == null || !ID.matcher(id).matches()) {
      throw ForumException.notFound("There is no such file.");
    }
    CurrentUser user = user(ctx);
    AttachmentService files = threads.attachments();
    threads.downloadable(user, id)
        .compose(doc -> {
          if (inline && !FileTypes.isImage(doc.getString("type"))) {
            return Future.failedFuture(ForumException.notFound("Only images are shown inline."));
          }
          // A file never changes under its id, but who may read it does (a post hidden, a category closed): any
          // cache must ask again each time, and only a browser's own cache may keep it.
          String etag = "\"" + id + "\"";
          ctx.response().putHeader("Cache-Control", "private, no-cache").putHeader("ETag", etag);
          if (unchangedFor(ctx, etag)) {
            return Future.<ReadStream<Buffer>>succeededFuture(null);
          }
          return files.bytes(doc).map(stream -> {
            ctx.response()
                .putHeader("Content-Type", doc.getString("type"))
                .putHeader("Content-Length", String.valueOf(doc.getInteger("size")))
                .putHeader("Content-Disposition",
                    AttachmentService.disposition(inline ? "inline" : "attachment", doc.getString("name")))
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
    return held != null && java.util.Arrays.stream(held.split(",")).map(String::trim)
        .anyMatch(tag -> tag.equals(etag) || tag.equals("W/" + etag) || tag.equals("*"));
  }

  /** People whose username or name starts with {@code q}, for @mention completion. curl '…/api/v1/people?q=ng' */
  private void people(RoutingContext ctx) {
    String prefix = ctx.request().getParam("q");
    if (prefix == null || prefix.isBlank() || prefix.length() > 40) {
      throw ForumException.invalid("'q' must be 1-40 characters.");
    }
    threads.notifier().peopleStartingWith(prefix.strip(), 8)
        .onSuccess(list -> JsonResponses.ok(ctx, new JsonObject().put("people", new JsonArray(list))))
        .onFailure(ctx::fail);
  }

  /** The body limit of the page forms that carry files: {@link AttachmentService#MAX_PER_POST} files and text. */
  public static final long FORM_UPLOAD_BODY_LIMIT =
      (long) AttachmentService.MAX_PER_POST * AttachmentService.MAX_BYTES + 1024 * 1024;

  /** Whether a request is one of the page forms that may carry files (new thread, reply). */
  public static boolean isUploadForm(RoutingContext ctx) {
    String path = ctx.request().path();
    return path != null && path.matches("/(c/[a-z0-9-]+/threads|t/[A-Za-z0-9_-]+/posts)");
  }

  /**
   * The files of a page form (field {@code files}), all checked (more than {@value AttachmentService#MAX_PER_POST}:
   * 400, a file over 10 MB: 413, a type not allowed: 415, an image of too many pixels: 400) and none stored: the
   * service stores them once the post is allowed (see {@link ThreadService#createThread}).
   */
  private static Future<List<AttachmentService.Checked>> formFiles(RoutingContext ctx) {
    List<io.vertx.ext.web.FileUpload> uploads = ctx.fileUploads().stream()
        .filter(upload -> upload.size() > 0 && "files".equals(upload.name())).toList();
    if (uploads.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    if (uploads.size() > AttachmentService.MAX_PER_POST) {
      return Future.failedFuture(ForumException.invalid(AttachmentService.FIELD, "'attachments' may name at most "
          + AttachmentService.MAX_PER_POST + " files."));
    }
    if (uploads.stream().anyMatch(upload -> upload.size() > AttachmentService.MAX_BYTES)) {
      return Future.failedFuture(new ForumException(413, "too_large", "A file may be at most 10 MB.")
          .about(AttachmentService.FIELD));
    }
    io.vertx.core.file.FileSystem fs = ctx.vertx().fileSystem();
    return Future.all(uploads.stream().map(upload -> fs.readFile(upload.uploadedFileName())).toList())
        .map(read -> {
          List<Buffer> contents = read.list();
          List<AttachmentService.Checked> checked = new java.util.ArrayList<>();
          for (int i = 0; i < uploads.size(); i++) {
            checked.add(AttachmentService.check(uploads.get(i).fileName(), contents.get(i)));
          }
          return checked;
        });
  }

  /** The optional {@code attachments} field: ids of the writer's uploads. */
  private static List<String> attachmentIds(JsonInput in) {
    if (!in.has("attachments")) {
      return List.of();
    }
    List<String> ids = in.textList("attachments", AttachmentService.MAX_PER_POST, 100);
    for (String id : ids) {
      if (!ID.matcher(id).matches()) {
        throw ForumException.invalid("'attachments' names no upload: " + id + ".");
      }
    }
    return ids;
  }

  /** The optional {@code onBehalfOf} field: the slug of a verified organisation the writer speaks for. */
  private static String onBehalfOf(JsonInput in) {
    String slug = in.optionalText("onBehalfOf", 100);
    if (slug == null || slug.isEmpty()) {
      return null;
    }
    if (!SLUG.matcher(slug).matches()) {
      throw ForumException.invalid("'onBehalfOf' names no organisation.");
    }
    return slug;
  }

  private void categories(RoutingContext ctx) {
    forum.categories()
        .onSuccess(list -> JsonResponses.ok(ctx, new JsonArray(list)))
        .onFailure(ctx::fail);
  }

  private void createCategory(RoutingContext ctx) {
    createCategory(ctx, JsonInput.of(ctx))
        .onSuccess(category -> JsonResponses.created(ctx, category))
        .onFailure(ctx::fail);
  }

  private Future<JsonObject> createCategory(RoutingContext ctx, JsonInput input) {
    JsonInput in = input.allow("slug", "name", "description", "position", "visibility");
    String slug = in.requiredText("slug", 60);
    if (!SLUG.matcher(slug).matches()) {
      throw ForumException.invalid("'slug' must be 2-60 lower-case letters, digits and dashes.");
    }
    JsonObject name = in.bilingual("name", 200, true);
    JsonObject description = in.bilingual("description", 1000, false);
    Long position = in.optionalInteger("position", 0, 10_000);
    String visibility = in.choice("visibility", Set.of("public", "members"), "public");
    return forum.createCategory(user(ctx), slug, name, description, position == null ? 100 : position.intValue(),
        visibility);
  }

  private void updateCategory(RoutingContext ctx) {
    updateCategory(ctx, JsonInput.of(ctx))
        .onSuccess(category -> JsonResponses.ok(ctx, category))
        .onFailure(ctx::fail);
  }

  private Future<JsonObject> updateCategory(RoutingContext ctx, JsonInput input) {
    JsonInput in = input.allow("name", "description", "position", "visibility");
    JsonObject changes = new JsonObject();
    JsonObject name = in.bilingual("name", 200, false);
    JsonObject description = in.bilingual("description", 1000, false);
    Long position = in.optionalInteger("position", 0, 10_000);
    if (name != null) {
      changes.put("name", name);
    }
    if (description != null) {
      changes.put("description", description);
    }
    if (position != null) {
      changes.put("position", position.intValue());
    }
    if (in.has("visibility")) {
      changes.put("visibility", in.choice("visibility", Set.of("public", "members"), null));
    }
    if (changes.isEmpty()) {
      throw ForumException.invalid("Nothing to change: send name, description, position or visibility.");
    }
    // A category's name shows on its threads' pages, its visibility decides who may read them (and follow them).
    return forum.updateCategory(user(ctx), ctx.pathParam("slug"), changes)
        .onSuccess(category -> {
          ThreadPageCache.changed(vertx, ThreadPageCache.ALL);
          if (changes.containsKey("visibility")) {
            AccessChanges.allThreads(vertx);
          }
        });
  }

  /** The forum admins' page: every category with its edit form (names, descriptions, position), and a new one. */
  private void categoriesPage(RoutingContext ctx) {
    showCategoriesPage(ctx, 200);
  }

  private void showCategoriesPage(RoutingContext ctx, int status) {
    forum.categories()
        .onSuccess(list -> {
          ctx.put("categories", list);
          views.render(ctx, "forum/admin-categories", status);
        })
        .onFailure(ctx::fail);
  }

  private void createCategoryForm(RoutingContext ctx) {
    Future.<Void>succeededFuture()
        .compose(v -> createCategory(ctx, JsonInput.of(categoryForm(ctx, true).encode())))
        .onSuccess(category -> ctx.redirect("/admin/categories#category-" + category.getString("slug")))
        .onFailure(failure -> categoryFormFailed(ctx, failure));
  }

  private void updateCategoryForm(RoutingContext ctx) {
    Future.<Void>succeededFuture()
        .compose(v -> updateCategory(ctx, JsonInput.of(categoryForm(ctx, false).encode())))
        .onSuccess(category -> ctx.redirect("/admin/categories#category-" + category.getString("slug")))
        .onFailure(failure -> categoryFormFailed(ctx, failure));
  }

  private void categoryFormFailed(RoutingContext ctx, Throwable failure) {
    if (failure instanceof ForumException problem && (problem.status() == 400 || problem.status() == 409)) {
      ctx.put("formError", problem.status() == 409 ? "forum.admin.error_exists" : "forum.admin.error_invalid");
      showCategoriesPage(ctx, problem.status());
    } else {
      ctx.fail(failure);
    }
  }

  /** The category page form as the JSON the API takes, so both are checked by the same rules. */
  private static JsonObject categoryForm(RoutingContext ctx, boolean create) {
    io.vertx.core.MultiMap form = ctx.request().formAttributes();
    JsonObject json = new JsonObject().put("visibility", form.get("visibility"));
    for (String field : List.of("name", "description")) {
      String vi = form.get(field + "Vi");
      String en = form.get(field + "En");
      if ((vi != null && !vi.isBlank()) || (en != null && !en.isBlank()) || (create && "name".equals(field))) {
        json.put(field, new JsonObject().put("vi", vi == null ? "" : vi).put("en", en == null ? "" : en));
      }
    }
    if (create) {
      json.put("slug", form.get("slug"));
    }
    String position = form.get("position");
    if (position != null && !position.isBlank()) {
      try {
        json.put("position", Long.parseLong(position.strip()));
      } catch (NumberFormatException e) {
        throw ForumException.invalid("'position' must be a whole number.");
      }
    }
    return json;
  }

  private void categoryThreads(RoutingContext ctx) {
    threads.threadsOf(user(ctx), ctx.pathParam("slug"), page(ctx))
        .onSuccess(body -> JsonResponses.ok(ctx, body))
        .onFailure(ctx::fail);
  }

  private void createThread(RoutingContext ctx) {
    JsonInput in = JsonInput.of(ctx).allow("category", "title", "body", "attachments", "onBehalfOf");
    String category = in.requiredText("category", 100);
    String title = in.requiredText("title", ThreadService.TITLE_MAX);
    String body = in.requiredText("body", ThreadService.POST_MAX);
    List<String> files = attachmentIds(in);
    String onBehalfOf = onBehalfOf(in);
    CurrentUser user = user(ctx);
    once(ctx, user, ctx.request().getHeader(Idempotency.HEADER),
        () -> threads.createThread(user, category, title, body, files, onBehalfOf))
        .onSuccess(created -> JsonResponses.created(ctx, created))
        .onFailure(ctx::fail);
  }

  private void thread(RoutingContext ctx) {
    threads.thread(user(ctx), threadId(ctx), page(ctx))
        .onSuccess(body -> JsonResponses.ok(ctx, body))
        .onFailure(ctx::fail);
  }

  private void reply(RoutingContext ctx) {
    String threadId = threadId(ctx);
    JsonInput in = JsonInput.of(ctx).allow("body", "quote", "attachments", "onBehalfOf");
    String body = in.requiredText("body", ThreadService.POST_MAX);
    String quote = quotedPost(in);
    List<String> files = attachmentIds(in);
    String onBehalfOf = onBehalfOf(in);
    CurrentUser user = user(ctx);
    once(ctx, user, ctx.request().getHeader(Idempotency.HEADER),
        () -> threads.reply(user, threadId, body, quote, files, onBehalfOf))
        .onSuccess(created -> JsonResponses.created(ctx, created))
        .onFailure(ctx::fail);
  }

  private void events(RoutingContext ctx) {
    long since = longParam(ctx, "since", 0);
    threads.changesSince(user(ctx), threadId(ctx), since)
        .onSuccess(body -> JsonResponses.ok(ctx, body))
        .onFailure(ctx::fail);
  }

  private void search(RoutingContext ctx) {
    String query = query(ctx);
    threads.search(user(ctx), query)
        .onSuccess(results -> JsonResponses.ok(ctx, new JsonObject().put("query", query)
            .put("results", new JsonArray(results))))
        .onFailure(ctx::fail);
  }

  private void editPost(RoutingContext ctx) {
    String postId = postId(ctx);
    JsonInput in = JsonInput.of(ctx).allow("body", "version");
    String body = in.requiredText("body", ThreadService.POST_MAX);
    Long version = in.optionalInteger("version", 1, Long.MAX_VALUE);
    if (version == null) {
      throw ForumException.invalid("'version' is required: the version of the post you edited.");
    }
    threads.editPost(user(ctx), postId, version, body)
        .onSuccess(post -> JsonResponses.ok(ctx, post))
        .onFailure(failure -> {
          if (failure instanceof ThreadService.EditConflict conflict) {
            ctx.response().setStatusCode(409).putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(conflict.body().encode());
          } else {
            ctx.fail(failure);
          }
        });
  }

  private void deletePost(RoutingContext ctx) {
    threads.deletePost(user(ctx), postId(ctx))
        .onSuccess(post -> JsonResponses.ok(ctx, post))
        .onFailure(ctx::fail);
  }

  private void revisions(RoutingContext ctx) {
    threads.revisions(user(ctx), postId(ctx))
        .onSuccess(body -> JsonResponses.ok(ctx, body))
        .onFailure(ctx::fail);
  }

  private void moderatePost(RoutingContext ctx) {
    String postId = postId(ctx);
    JsonInput in = JsonInput.of(ctx).allow("action", "reason");
    String action = in.choice("action", Set.of("hide", "show"), null);
    String reason = in.optionalText("reason", ThreadService.REASON_MAX);
    threads.moderatePost(user(ctx), postId, action, reason)
        .onSuccess(post -> JsonResponses.ok(ctx, post))
        .onFailure(ctx::fail);
  }

  private void moderateThread(RoutingContext ctx) {
    String threadId = threadId(ctx);
    JsonInput in = JsonInput.of(ctx).allow("action", "category", "reason");
    String action = in.choice("action", Set.of("lock", "unlock", "pin", "unpin", "move"), null);
    String category = in.optionalText("category", 100);
    String reason = in.optionalText("reason", ThreadService.REASON_MAX);
    threads.moderateThread(user(ctx), threadId, action, category, reason)
        .onSuccess(thread -> JsonResponses.ok(ctx, thread))
        .onFailure(ctx::fail);
  }

  private void categoryPage(RoutingContext ctx) {
    showCategory(ctx, 200);
  }

  private void showCategory(RoutingContext ctx, int status) {
    CurrentUser user = user(ctx);
    Future.all(threads.threadsOf(user, ctx.pathParam("slug"), page(ctx)), threads.mayPost(user),
            threads.speakableOrganisations(user))
        .onSuccess(both -> {
          ctx.put("speakAs", both.resultAt(2));
          JsonObject listing = both.resultAt(0);
          ctx.put("listing", listing);
          ctx.put("mayPost", both.resultAt(1));
          ctx.put("submission", ThreadService.newId());
          ctx.put("pager", pager(listing, "/c/" + ctx.pathParam("slug")));
          views.render(ctx, "forum/category", status);
        })
        .onFailure(ctx::fail);
  }

  private void createThreadForm(RoutingContext ctx) {
    CurrentUser user = user(ctx);
    String category = ctx.pathParam("slug");
    Future.<Void>succeededFuture()
        .compose(v -> {
          JsonInput in = formInput(ctx, "title", "body", "onBehalfOf");
          String title = in.requiredText("title", ThreadService.TITLE_MAX);
          String body = in.requiredText("body", ThreadService.POST_MAX);
          String onBehalfOf = onBehalfOf(in);
          return once(ctx, user, ctx.request().getFormAttribute(SUBMISSION_FIELD),
              () -> formFiles(ctx)
                  .compose(files -> threads.createThread(user, category, title, body, List.of(), files,
                      onBehalfOf, true)));
        })
        .onSuccess(created -> ctx.redirect(created.getString("url")))
        .onFailure(failure -> formFailed(ctx, failure, status -> showCategory(ctx, status)));
  }

  /**
   * A page form that the person can fix (bad input, too fast, a file refused): the same page again, with what they
   * typed and a message in their language (see {@link FormErrors}); anything else goes to the failure handler.
   */
  private static void formFailed(RoutingContext ctx, Throwable failure, java.util.function.IntConsumer showPage) {
    FormErrors.show(ctx, failure, "forum", FORM_FIELDS, showPage);
  }

  /**
   * A thread page. A guest with nothing personal in the page model gets the page as rendered for the previous such
   * guest while the thread is unchanged (see {@link ThreadPageCache}); everyone else gets it rendered for them.
   */
  private void threadPage(RoutingContext ctx) {
    if (user(ctx) != null || !ThreadPageCache.shareable(ctx)) {
      showThread(ctx, 200);
      return;
    }
    String id = threadId(ctx);
    int page = page(ctx);
    String slot = ThreadPageCache.slot(ctx, id, page);
    Buffer fresh = pageCache.fresh(slot);
    if (fresh != null) {
      views.send(ctx, 200, fresh);
      return;
    }
    long mark = pageCache.mark();
    threads.readable(null, id)
        .compose(readable -> {
          String version = ThreadPageCache.version(readable);
          Buffer cached = pageCache.get(slot, version, mark);
          if (cached != null) {
            return Future.succeededFuture(cached);
          }
          return threads.page(null, readable, page).map(thread -> {
            threadModel(ctx, null, thread, false, List.of());
            Buffer html = views.renderPage(ctx, "forum/thread");
            pageCache.put(slot, id, version, html, mark);
            return html;
          });
        })
        .onSuccess(html -> views.send(ctx, 200, html))
        .onFailure(ctx::fail);
  }

  private void showThread(RoutingContext ctx, int status) {
    CurrentUser user = user(ctx);
    Future.all(threads.thread(user, threadId(ctx), page(ctx)), threads.mayPost(user),
            threads.speakableOrganisations(user))
        .onSuccess(both -> {
          threadModel(ctx, user, both.resultAt(0), both.resultAt(1), both.resultAt(2));
          views.render(ctx, "forum/thread", status);
        })
        .onFailure(ctx::fail);
  }

  /** The thread page's view model: the thread as this person may act on it. */
  private static void threadModel(RoutingContext ctx, CurrentUser user, JsonObject thread, boolean mayPost,
      List<JsonObject> speakAs) {
    ctx.put("speakAs", speakAs);
    boolean moderator = user != null && user.has(Role.MODERATOR);
    thread.getJsonArray("posts").forEach(item -> {
      JsonObject post = (JsonObject) item;
      post.put("canModerate", moderator);
      post.put("canFlag", mayPost && !post.getBoolean("mine"));
      post.getJsonArray("reactions").forEach(reaction -> ((JsonObject) reaction)
          .put("postId", post.getString("id"))
          .put("labelKey", "reaction." + ((JsonObject) reaction).getString("name"))
          .put("enabled", mayPost));
    });
    ctx.put("thread", thread);
    ctx.put("moderator", moderator);
    ctx.put("mayPost", mayPost);
    ctx.put("submission", ThreadService.newId());
    ctx.put("lastPage", thread.getInteger("page").equals(thread.getInteger("pages")));
    ctx.put("pager", pager(thread, "/t/" + thread.getString("id")));
  }

  private void replyForm(RoutingContext ctx) {
    String threadId = threadId(ctx);
    CurrentUser user = user(ctx);
    Future.<Void>succeededFuture()
        .compose(v -> {
          JsonInput in = formInput(ctx, "body", "quote", "onBehalfOf");
          String body = in.requiredText("body", ThreadService.POST_MAX);
          String quote = quotedPost(in);
          String onBehalfOf = onBehalfOf(in);
          return once(ctx, user, ctx.request().getFormAttribute(SUBMISSION_FIELD),
              () -> formFiles(ctx)
                  .compose(files -> threads.reply(user, threadId, body, quote, List.of(), files, onBehalfOf)));
        })
        .onSuccess(created -> ctx.redirect(created.getString("url")))
        .onFailure(failure -> formFailed(ctx, failure, status -> showThread(ctx, status)));
  }

  private void react(RoutingContext ctx, boolean add) {
    threads.react(user(ctx), postId(ctx), ctx.pathParam("reaction"), add)
        .onSuccess(post -> JsonResponses.ok(ctx, post))
        .onFailure(ctx::fail);
  }

  private void reactForm(RoutingContext ctx) {
    String postId = postId(ctx);
    String reaction = formInput(ctx, "reaction").requiredText("reaction", 20);
    boolean add = !"true".equals(ctx.request().getFormAttribute("mine"));
    threads.react(user(ctx), postId, reaction, add)
        .onSuccess(post -> ctx.redirect(post.getString("url")))
        .onFailure(ctx::fail);
  }

  private void flag(RoutingContext ctx) {
    String postId = postId(ctx);
    String reason = JsonInput.of(ctx).allow("reason").requiredText("reason", ThreadService.REASON_MAX);
    threads.flag(user(ctx), postId, reason)
        .onSuccess(flag -> JsonResponses.created(ctx, flag))
        .onFailure(ctx::fail);
  }

  private void flagForm(RoutingContext ctx) {
    String postId = postId(ctx);
    String reason = formInput(ctx, "reason").requiredText("reason", ThreadService.REASON_MAX);
    threads.flag(user(ctx), postId, reason)
        .onSuccess(flag -> ctx.redirect(flag.getString("url")))
        .onFailure(ctx::fail);
  }

  private void flags(RoutingContext ctx) {
    threads.openFlags(user(ctx))
        .onSuccess(list -> JsonResponses.ok(ctx, new JsonObject().put("flags", new JsonArray(list))))
        .onFailure(ctx::fail);
  }

  private void resolveFlag(RoutingContext ctx) {
    String flagId = flagId(ctx);
    JsonInput in = JsonInput.of(ctx).allow("action", "reason");
    String action = in.choice("action", Set.of("hide", "dismiss"), null);
    String reason = in.optionalText("reason", ThreadService.REASON_MAX);
    threads.resolveFlag(user(ctx), flagId, action, reason)
        .onSuccess(body -> JsonResponses.ok(ctx, body))
        .onFailure(ctx::fail);
  }

  private void flagsPage(RoutingContext ctx) {
    threads.openFlags(user(ctx))
        .onSuccess(list -> {
          ctx.put("flags", list);
          views.render(ctx, "forum/flags");
        })
        .onFailure(ctx::fail);
  }

  private void resolveFlagForm(RoutingContext ctx) {
    String flagId = flagId(ctx);
    JsonInput in = formInput(ctx, "action", "reason");
    String action = in.choice("action", Set.of("hide", "dismiss"), null);
    String reason = in.optionalText("reason", ThreadService.REASON_MAX);
    threads.resolveFlag(user(ctx), flagId, action, reason)
        .onSuccess(body -> ctx.redirect("/moderation/flags"))
        .onFailure(ctx::fail);
  }

  private static String flagId(RoutingContext ctx) {
    String id = ctx.pathParam("flagId");
    if (id == null || !ID.matcher(id).matches()) {
      throw ForumException.notFound("There is no such flag.");
    }
    return id;
  }

  private void notifications(RoutingContext ctx) {
    threads.notifier().inbox(user(ctx))
        .onSuccess(body -> JsonResponses.ok(ctx, body))
        .onFailure(ctx::fail);
  }

  private void markRead(RoutingContext ctx) {
    threads.notifier().markAllRead(user(ctx))
        .onSuccess(body -> JsonResponses.ok(ctx, body))
        .onFailure(ctx::fail);
  }

  private void notificationsPage(RoutingContext ctx) {
    threads.notifier().inbox(user(ctx))
        .onSuccess(body -> {
          ctx.put("inbox", body);
          views.render(ctx, "forum/notifications");
        })
        .onFailure(ctx::fail);
  }

  private void markReadForm(RoutingContext ctx) {
    threads.notifier().markAllRead(user(ctx))
        .onSuccess(body -> ctx.redirect("/notifications"))
        .onFailure(ctx::fail);
  }

  private void revisionsPage(RoutingContext ctx) {
    threads.revisions(user(ctx), postId(ctx))
        .onSuccess(history -> {
          ctx.put("history", history);
          views.render(ctx, "forum/revisions");
        })
        .onFailure(ctx::fail);
  }

  private void editPage(RoutingContext ctx) {
    threads.postForEditing(user(ctx), postId(ctx))
        .onSuccess(post -> {
          ctx.put("post", post);
          ctx.put("text", post.getString("source"));
          views.render(ctx, "forum/edit");
        })
        .onFailure(ctx::fail);
  }

  private void editForm(RoutingContext ctx) {
    String postId = postId(ctx);
    JsonInput in = formInput(ctx, "body", "version");
    String body = in.requiredText("body", ThreadService.POST_MAX);
    long version = versionField(in.optionalText("version", 20));
    CurrentUser user = user(ctx);
    threads.editPost(user, postId, version, body)
        .onSuccess(post -> ctx.redirect(post.getString("url")))
        .onFailure(failure -> {
          if (failure instanceof ThreadService.EditConflict conflict) {
            JsonObject current = conflict.body().getJsonObject("current");
            threads.postForEditing(user, postId).onSuccess(post -> {
              ctx.put("post", post);
              ctx.put("text", body);
              ctx.put("conflict", current);
              views.render(ctx, "forum/edit", 409);
            }).onFailure(ctx::fail);
          } else {
            ctx.fail(failure);
          }
        });
  }

  private void deleteForm(RoutingContext ctx) {
    threads.deletePost(user(ctx), postId(ctx))
        .onSuccess(post -> ctx.redirect(post.getString("url")))
        .onFailure(ctx::fail);
  }

  private void moderatePostForm(RoutingContext ctx) {
    String postId = postId(ctx);
    JsonInput in = formInput(ctx, "action", "reason");
    String action = in.choice("action", Set.of("hide", "show"), null);
    String reason = in.optionalText("reason", ThreadService.REASON_MAX);
    threads.moderatePost(user(ctx), postId, action, reason)
        .onSuccess(post -> ctx.redirect(post.getString("url")))
        .onFailure(ctx::fail);
  }

  private void moderateThreadForm(RoutingContext ctx) {
    String threadId = threadId(ctx);
    JsonInput in = formInput(ctx, "action", "category", "reason");
    String action = in.choice("action", Set.of("lock", "unlock", "pin", "unpin", "move"), null);
    String category = in.optionalText("category", 100);
    String reason = in.optionalText("reason", ThreadService.REASON_MAX);
    threads.moderateThread(user(ctx), threadId, action, category == null || category.isEmpty() ? null : category,
            reason)
        .onSuccess(thread -> ctx.redirect(thread.getString("url")))
        .onFailure(ctx::fail);
  }

  private static long versionField(String value) {
    try {
      return Long.parseLong(value == null ? "" : value);
    } catch (NumberFormatException e) {
      throw ForumException.invalid("'version' is required: the version of the post you edited.");
    }
  }

  private void searchPage(RoutingContext ctx) {
    String query = query(ctx);
    ctx.put("query", query);
    threads.search(user(ctx), query)
        .onSuccess(results -> {
          ctx.put("results", results);
          ctx.put("searched", !query.isBlank());
          views.render(ctx, "forum/search");
        })
        .onFailure(ctx::fail);
  }

  /** Runs a create once per idempotency key; a replay answers what the first run answered. */
  private Future<JsonObject> once(RoutingContext ctx, CurrentUser user, String key,
      Supplier<Future<JsonObject>> action) {
    return idempotency.once(user.id(), key, action).map(outcome -> {
      if (outcome.replayed()) {
        ctx.response().putHeader("Idempotent-Replayed", "true");
      }
      return outcome.body();
    });
  }

  /** A form body read with the same strict rules as JSON (the CSRF and submission fields aside). */
  private static JsonInput formInput(RoutingContext ctx, String... fields) {
    JsonObject json = new JsonObject();
    for (String field : fields) {
      String value = ctx.request().getFormAttribute(field);
      if (value != null) {
        json.put(field, value);
      }
    }
    return JsonInput.of(json.encode());
  }

  private static JsonObject pager(JsonObject paged, String base) {
    int page = paged.getInteger("page");
    int pages = paged.getInteger("pages");
    String separator = base.contains("?") ? "&" : "?";
    JsonObject pager = new JsonObject().put("page", page).put("pages", pages).put("many", pages > 1);
    if (page > 1) {
      pager.put("previous", base + separator + "page=" + (page - 1));
    }
    if (page < pages) {
      pager.put("next", base + separator + "page=" + (page + 1));
    }
    return pager;
  }

  private static CurrentUser user(RoutingContext ctx) {
    return CurrentUser.of(ctx).orElse(null);
  }

  private static String threadId(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (id == null || !ID.matcher(id).matches()) {
      throw ForumException.notFound("There is no such thread.");
    }
    return id;
  }

  /** The optional {@code quote} field: the id of the quoted post, or {@code null}. */
  private static String quotedPost(JsonInput in) {
    String quote = in.optionalText("quote", 100);
    if (quote == null || quote.isEmpty()) {
      return null;
    }
    if (!ID.matcher(quote).matches()) {
      throw ForumException.invalid("'quote' names no post of this thread.");
    }
    return quote;
  }

  private static String postId(RoutingContext ctx) {
    String id = ctx.pathParam("postId");
    if (id == null || !ID.matcher(id).matches()) {
      throw ForumException.notFound("There is no such post.");
    }
    return id;
  }

  private static String query(RoutingContext ctx) {
    String query = ctx.request().getParam("q");
    if (query == null) {
      return "";
    }
    if (query.length() > 200) {
      throw ForumException.invalid("'q' must be at most 200 characters.");
    }
    return query.strip();
  }

  private static int page(RoutingContext ctx) {
    return (int) Math.min(10_000, Math.max(1, longParam(ctx, "page", 1)));
  }

  private static long longParam(RoutingContext ctx, String name, long fallback) {
    String value = ctx.request().getParam(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw ForumException.invalid("'" + name + "' must be a whole number.");
    }
  }
}
