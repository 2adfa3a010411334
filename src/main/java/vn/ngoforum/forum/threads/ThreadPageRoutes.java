package vn.ngoforum.forum.threads;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Role;
import vn.ngoforum.forum.attachments.FormFiles;
import vn.ngoforum.forum.common.Ids;
import vn.ngoforum.forum.common.Requests;
import vn.ngoforum.web.FormErrors;
import vn.ngoforum.web.I18n;
import vn.ngoforum.web.Idempotency;
import vn.ngoforum.web.JsonInput;
import vn.ngoforum.web.Views;

/**
 * The category and thread pages and their forms. The forms carry files ({@link #takesFiles}) and a per-render
 * submission key, so that a double-clicked submit posts once; a failure the person can fix shows the same page
 * again with what they typed ({@link FormErrors}).
 *
 * <pre>
 *   GET  /c/{slug}?page=      a category's threads, with the new-thread form   curl localhost:8080/c/field-reports
 *   GET  /latest?page=        the threads of every category the reader may read, newest activity first
 *   POST /c/{slug}/threads    the new-thread form (multipart: title, body, onBehalfOf, files)
 *   GET  /t/{id}?page=        a page of a thread, with the reply form          curl localhost:8080/t/$ID
 *   POST /t/{id}/posts        the reply form (multipart: body, quote, onBehalfOf, files)
 * </pre>
 */
public record ThreadPageRoutes(ThreadReader reader, Posting posting, ThreadAccess access, ThreadPageCache pageCache,
    Idempotency idempotency, Views views) {

  /** The fields of the new-thread and reply forms: each has its own error text ({@code forum.error.<field>}). */
  private static final List<String> FORM_FIELDS = List.of("title", "body", "category", "quote", "attachments",
      "onBehalfOf");
  /** The view model's CSRF token (see web's Csrf). */
  private static final String CSRF_TOKEN = "csrfToken";
  /** Hidden field of the page forms: a per-render key so that a double-clicked submit posts once. */
  private static final String SUBMISSION_FIELD = "_submission";
  /** The paths of the forms that may carry files. */
  private static final Pattern FORMS_WITH_FILES = Pattern.compile("/(c/[a-z0-9-]+/threads|t/[A-Za-z0-9_-]+/posts)");

  public ThreadPageRoutes {
    views.precompile(List.of("forum/category", "forum/latest", "forum/thread", "forum/post"));
  }

  public void mount(Router router) {
    router.get("/c/:slug").handler(this::categoryPage);
    router.get("/latest").handler(this::latestPage);
    router.post("/c/:slug/threads").handler(Access.signedIn()).handler(this::newThreadForm);
    router.get("/t/:id").handler(this::threadPage);
    router.post("/t/:id/posts").handler(Access.signedIn()).handler(this::replyForm);
  }

  /** Whether a request is one of the page forms that may carry files (new thread, reply). */
  public static boolean takesFiles(RoutingContext ctx) {
    String path = ctx.request().path();
    return path != null && FORMS_WITH_FILES.matcher(path).matches();
  }

  private void latestPage(RoutingContext ctx) {
    reader.latest(Requests.user(ctx), Requests.page(ctx))
        .onSuccess(listing -> {
          ctx.put("listing", listing);
          ctx.put("pager", Requests.pager(listing, "/latest"));
          views.render(ctx, "forum/latest");
        })
        .onFailure(ctx::fail);
  }

  private void categoryPage(RoutingContext ctx) {
    showCategory(ctx, 200);
  }

  private void showCategory(RoutingContext ctx, int status) {
    CurrentUser user = Requests.user(ctx);
    Future.all(reader.threadsOf(user, ctx.pathParam("slug"), Requests.page(ctx)), access.mayPost(user),
            posting.speakableOrganisations(user))
        .onSuccess(all -> {
          ctx.put("speakAs", all.resultAt(2));
          JsonObject listing = all.resultAt(0);
          ctx.put("listing", listing);
          ctx.put("mayPost", all.resultAt(1));
          ctx.put("submission", Ids.newId());
          ctx.put("pager", Requests.pager(listing, "/c/" + ctx.pathParam("slug")));
          views.render(ctx, "forum/category", status);
        })
        .onFailure(ctx::fail);
  }

  private void newThreadForm(RoutingContext ctx) {
    CurrentUser user = Requests.user(ctx);
    String category = ctx.pathParam("slug");
    Future.<Void>succeededFuture()
        .compose(v -> {
          JsonInput in = Requests.form(ctx, "title", "body", "onBehalfOf");
          String title = in.requiredText("title", Posting.TITLE_MAX);
          String body = in.requiredText("body", Posting.POST_MAX);
          String onBehalfOf = WritingInput.onBehalfOf(in);
          return WritingInput.once(idempotency, ctx, user, ctx.request().getFormAttribute(SUBMISSION_FIELD),
              () -> FormFiles.of(ctx).compose(files -> posting.startThread(user, category, title,
                  new Posting.Draft(body, List.of(), files, onBehalfOf), true)));
        })
        .onSuccess(created -> ctx.redirect(created.getString("url")))
        .onFailure(failure -> FormErrors.show(ctx, failure, "forum", FORM_FIELDS, status -> showCategory(ctx, status)));
  }

  /**
   * A thread page. A guest with nothing personal in the page model gets the page as rendered for the previous such
   * guest while the thread is unchanged (see {@link ThreadPageCache}); everyone else gets it rendered for them.
   */
  private void threadPage(RoutingContext ctx) {
    if (Requests.user(ctx) != null || !ThreadPageCache.shareable(ctx)) {
      showThread(ctx, 200);
      return;
    }
    String id = Requests.threadId(ctx);
    int page = Requests.page(ctx);
    pageCache.forGuest(ThreadPageCache.slot(ctx, id, page), id, access, readable -> reader.page(null, readable, page)
            .map(thread -> {
              threadModel(ctx, null, thread, false, List.of());
              return views.renderPage(ctx, "forum/thread");
            }))
        .onSuccess(html -> views.send(ctx, 200, html))
        .onFailure(ctx::fail);
  }

  /**
   * A thread page made for this request. For a signed-in reader, the posts and each post's HTML come from what
   * readers share ({@link SignedInPages}) while the thread is at the version just read; the rest of the page is
   * rendered for them.
   */
  private void showThread(RoutingContext ctx, int status) {
    CurrentUser user = Requests.user(ctx);
    if (user == null) {
      Future.all(reader.thread(null, Requests.threadId(ctx), Requests.page(ctx)), access.mayPost(null),
              posting.speakableOrganisations(null))
          .onSuccess(all -> {
            threadModel(ctx, null, all.resultAt(0), all.resultAt(1), all.resultAt(2));
            views.render(ctx, "forum/thread", status);
          })
          .onFailure(ctx::fail);
      return;
    }
    SignedInPages shared = SignedInPages.share ? pageCache.signedIn() : null;
    long mark = shared == null ? 0 : shared.mark();
    Future<ThreadAccess.Readable> readable = pageCache.readable(access, user, Requests.threadId(ctx));
    Future.all(readable.compose(found -> reader.page(user, found, Requests.page(ctx), shared, mark)),
            access.mayPost(user), posting.speakableOrganisations(user))
        .onSuccess(all -> {
          JsonObject thread = all.resultAt(0);
          threadModel(ctx, user, thread, all.resultAt(1), all.resultAt(2));
          if (shared != null) {
            try {
              Html.renderPosts(ctx, views, shared, SignedInPages.slot(thread.getString("id"),
                  thread.getInteger("page")), ThreadPageCache.version(readable.result()), mark);
            } catch (RuntimeException e) {
              ctx.fail(e);
              return;
            }
          }
          views.render(ctx, "forum/thread", status);
        })
        .onFailure(ctx::fail);
  }

  /** Putting each post's HTML, shared or rendered now, into a signed-in reader's page model. */
  static final class Html {

    private Html() {
    }

    /** Gives each post of the page model its HTML ({@code rendered}) as {@code forum/post} renders it for this reader. */
    static void renderPosts(RoutingContext ctx, Views views, SignedInPages shared, String slot, String version,
        long mark) {
      JsonObject thread = ctx.get("thread");
      Object language = ctx.get(Views.LANG);
      String lang = language == null ? I18n.VI : language.toString();
      String token = ctx.get(CSRF_TOKEN);
      for (Object item : thread.getJsonArray("posts")) {
        JsonObject post = (JsonObject) item;
        String key = post.getString("id") + ' ' + lang + ' ' + variant(post);
        String[] parts = shared.parts(slot, version, key);
        if (parts == null) {
          Map<String, Object> model = new HashMap<>(post.getMap());
          model.put(Views.LANG, lang);
          model.put(CSRF_TOKEN, shared.marker());
          parts = shared.cut(views.renderToString("forum/post", model));
          shared.putParts(slot, version, key, parts, mark);
        }
        post.put("rendered", SignedInPages.join(parts, token));
      }
    }

    /** What in a post's model depends on the reader: theirs, moderating, writing, and the reactions they pressed. */
    static String variant(JsonObject post) {
      StringBuilder variant = new StringBuilder(16)
          .append(post.getBoolean("mine") ? 'M' : '-')
          .append(post.getBoolean("canModerate") ? 'O' : '-')
          .append(post.getBoolean("canFlag") ? 'F' : '-');
      for (Object item : post.getJsonArray("reactions")) {
        JsonObject reaction = (JsonObject) item;
        variant.append(reaction.getBoolean("mine") ? 'p' : '-').append(reaction.getBoolean("enabled") ? 'e' : '-');
      }
      return variant.toString();
    }
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
    ctx.put("submission", Ids.newId());
    ctx.put("lastPage", thread.getInteger("page").equals(thread.getInteger("pages")));
    ctx.put("pager", Requests.pager(thread, "/t/" + thread.getString("id")));
  }

  private void replyForm(RoutingContext ctx) {
    String threadId = Requests.threadId(ctx);
    CurrentUser user = Requests.user(ctx);
    Future.<Void>succeededFuture()
        .compose(v -> {
          JsonInput in = Requests.form(ctx, "body", "quote", "onBehalfOf");
          String body = in.requiredText("body", Posting.POST_MAX);
          String quote = WritingInput.quotedPost(in);
          String onBehalfOf = WritingInput.onBehalfOf(in);
          return WritingInput.once(idempotency, ctx, user, ctx.request().getFormAttribute(SUBMISSION_FIELD),
              () -> FormFiles.of(ctx).compose(files -> posting.reply(user, threadId,
                  new Posting.Draft(body, List.of(), files, onBehalfOf), quote)));
        })
        .onSuccess(created -> ctx.redirect(created.getString("url")))
        .onFailure(failure -> FormErrors.show(ctx, failure, "forum", FORM_FIELDS, status -> showThread(ctx, status)));
  }
}
