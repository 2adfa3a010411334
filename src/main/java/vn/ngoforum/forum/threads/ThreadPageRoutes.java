package vn.ngoforum.forum.threads;

import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Role;
import vn.ngoforum.forum.attachments.FormFiles;
import vn.ngoforum.forum.common.Ids;
import vn.ngoforum.forum.common.Requests;
import vn.ngoforum.forum.notifications.WatchRepository.Watched;
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
 *   GET  /t/{id}/unread       redirects to the reader's first unread post (marks read: the pages they open)
 *   POST /t/{id}/posts        the reply form (multipart: body, quote, onBehalfOf, files)
 * </pre>
 */
public record ThreadPageRoutes(ThreadReader reader, Posting posting, ThreadAccess access, ThreadPageCache pageCache,
    Idempotency idempotency, Watching watching, Views views) {

  /** The fields of the new-thread and reply forms: each has its own error text ({@code forum.error.<field>}). */
  private static final List<String> FORM_FIELDS = List.of("title", "body", "category", "quote", "attachments",
      "onBehalfOf");
  /** The view model's CSRF token (see web's Csrf). */
  private static final String CSRF_TOKEN = "csrfToken";
  /** Hidden field of the page forms: a per-render key so that a double-clicked submit posts once. */
  private static final String SUBMISSION_FIELD = "_submission";
  /** The view model's keys for that key, whether the reader moderates, may write, and whom they may speak for. */
  private static final String SUBMISSION = "submission";
  private static final String MODERATOR = "moderator";
  private static final String MAY_POST = "mayPost";
  private static final String SPEAK_AS = "speakAs";
  /** The view model's key for whether the reader watches the thread (or category). */
  private static final String WATCHING = "watching";
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
    router.get("/t/:id/unread").handler(this::firstUnread);
    router.post("/t/:id/posts").handler(Access.signedIn()).handler(this::replyForm);
  }

  /** "Jump to the first unread post": a redirect to it (see {@link ThreadReader#firstUnread}). */
  private void firstUnread(RoutingContext ctx) {
    reader.firstUnread(Requests.user(ctx), Requests.threadId(ctx))
        .onSuccess(ctx::redirect)
        .onFailure(ctx::fail);
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
    CategoryListing.Place place = CategoryListing.Place.of(ctx);
    Future.all(reader.threadsOf(user, ctx.pathParam("slug"), place), access.mayPost(user),
            posting.speakableOrganisations(user), watching.shown(user, Watched.category(ctx.pathParam("slug"))))
        .onSuccess(all -> {
          JsonObject listing = all.resultAt(0);
          int shown = listing.getInteger("page");
          if (status == 200 && place.after() == null && place.before() == null
              && ctx.request().getParam("page") != null && shown != place.page()) {
            // A page number not served (past the last, or between the numbered pages): the page that is.
            ctx.redirect("/c/" + ctx.pathParam("slug") + "?page=" + shown);
            return;
          }
          ctx.put("speakAs", all.resultAt(2));
          ctx.put(WATCHING, all.resultAt(3));
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
   * A thread page made for this request. For a signed-in reader, the page comes from what readers share
   * ({@link SignedInPages}: the posts, each post's HTML, the rest of the page per shape) while the thread is at the
   * version just read, joined with what is theirs; a page with a form error is rendered whole for them.
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
    Future.all(readable.compose(found -> reader.signedInPage(user, found, Requests.page(ctx), shared, mark)),
            access.mayPost(user), posting.speakableOrganisations(user),
            readable.compose(found -> watching.shown(user, Watched.thread(found.thread().id()))))
        .onSuccess(all -> {
          ThreadReader.PostsRead read = all.resultAt(0);
          JsonObject thread = read.view();
          boolean mayPost = all.resultAt(1);
          ctx.put(WATCHING, all.resultAt(3));
          threadModel(ctx, user, thread, mayPost, all.resultAt(2));
          Html html = shared == null ? null : new Html(ctx, views, shared, SignedInPages.slot(thread.getString("id"),
              thread.getInteger("page")), ThreadPageCache.version(readable.result()), mark);
          try {
            Buffer page = html == null || status != 200 ? null : html.page(read.posts(), user, mayPost);
            if (page != null) {
              views.send(ctx, status, page);
              return;
            }
            // Rendered whole: the posts' views in the page model, each with its HTML when the parts are shared.
            thread.put("posts", new JsonArray(read.posts().stream()
                .map(post -> postModel(PostViews.post(post, user), user, mayPost)).toList()));
            if (html != null) {
              html.renderPosts(read.posts(), user, mayPost);
            }
          } catch (RuntimeException e) {
            ctx.fail(e);
            return;
          }
          views.render(ctx, "forum/thread", status);
        })
        .onFailure(ctx::fail);
  }

  /**
   * A signed-in reader's page made from what readers share ({@link SignedInPages}): the page's shell for their shape
   * joined with their own values and the posts' kept parts, or each post's HTML put in the page model when the page
   * is rendered whole.
   */
  static final class Html {

    /**
     * The signed-in person as auth keeps them for the request (the same person as {@code me}): no template reads it,
     * so the shell is rendered without it (one that read it would differ from the page rendered whole, which
     * SignedInPagesTest compares).
     */
    private static final String CURRENT_USER = "currentUser";
    /**
     * What a signed-in page model may hold for the page to be made from a shell: the values put in at the markers
     * ({@link #VALUES}), the thread (the same for everyone at its version, the posts aside) and what makes the
     * shape. Anything else in the model (a form's error and what the person typed, ...) is personal in a way the
     * shell does not know: such a page is rendered whole, as the template renders it.
     */
    private static final Set<String> SHELL_MODEL = Set.of("thread", Views.LANG, "me", CSRF_TOKEN, SUBMISSION,
        MODERATOR, MAY_POST, SPEAK_AS, WATCHING, "lastPage", "pager", "path", "pathAndQuery", "nextParam",
        CURRENT_USER);
    /** What the signed-in person ({@code me}) may hold: their id, name and username go in at markers, the rest is shape. */
    private static final Set<String> ME = Set.of("id", "name", "username", "admin", "moderator", "member");
    /** The letters of the values a shell has markers for (see {@link #value}). */
    private static final String VALUES = "csinuqa";

    private final RoutingContext ctx;
    private final Views views;
    private final SignedInPages shared;
    private final String slot;
    private final String version;
    private final long mark;
    private final String lang;
    private final byte[] token;

    Html(RoutingContext ctx, Views views, SignedInPages shared, String slot, String version, long mark) {
      this.ctx = ctx;
      this.views = views;
      this.shared = shared;
      this.slot = slot;
      this.version = version;
      this.mark = mark;
      Object language = ctx.get(Views.LANG);
      this.lang = language == null ? I18n.VI : language.toString();
      this.token = SignedInPages.escaped(ctx.get(CSRF_TOKEN));
    }

    /**
     * The whole page as one buffer from the shell of this reader's shape, their values and the posts' parts, or
     * {@code null} when the page model holds anything a shell does not stand for (then render it whole).
     */
    Buffer page(List<Post> posts, CurrentUser user, boolean mayPost) {
      Map<String, Object> model = Views.model(ctx);
      if (posts.isEmpty() || !model.keySet().stream()
          .allMatch(key -> SHELL_MODEL.contains(key) || key.startsWith(ThreadPageCache.FRAMEWORK_PREFIX))
          || !(model.get("me") instanceof Map<?, ?> me) || !ME.equals(me.keySet())
          || VALUES.chars().anyMatch(slot -> value(model, me, (char) slot) == null)) {
        return null;
      }
      // The thread is the same for everyone at its version but for the reader's unread count: part of the shape.
      String shape = lang + ' ' + model.get(MODERATOR) + ' ' + model.get(MAY_POST) + ' ' + me.get("admin") + ' '
          + me.get("moderator") + ' ' + me.get("member") + ' ' + model.get(WATCHING) + ' '
          + ((JsonObject) model.get("thread")).getValue(ThreadReader.UNREAD_COUNT) + ' ' + model.get("path") + ' '
          + model.get(SPEAK_AS);
      SignedInPages.Shell shell = shared.shell(slot, version, shape);
      if (shell == null) {
        shell = shared.cutShell(views.renderToString("forum/thread", shellModel(model, me)), VALUES);
        if (shell == null) {
          return null;
        }
        shared.putShell(slot, version, shape, shell, mark);
      }
      List<byte[]> page = new ArrayList<>(shell.parts().length * 2 + posts.size() * 4);
      for (int i = 0; i < shell.parts().length; i++) {
        page.add(shell.parts()[i]);
        if (i < shell.slots().length) {
          if (shell.slots()[i] == SignedInPages.POSTS) {
            addPosts(page, posts, user, mayPost, shell.separator());
          } else {
            page.add(SignedInPages.escaped(value(model, me, shell.slots()[i])));
          }
        }
      }
      SignedInPages.JOINED.incrementAndGet();
      // The kept parts as they are, one after the other: nothing of the page is copied before the socket's write.
      return BufferInternal.buffer(Unpooled.wrappedBuffer(page.toArray(new byte[0][])));
    }

    private void addPosts(List<byte[]> page, List<Post> posts, CurrentUser user, boolean mayPost, byte[] separator) {
      for (int p = 0; p < posts.size(); p++) {
        if (p > 0) {
          page.add(separator);
        }
        byte[][] parts = parts(posts.get(p), user, mayPost);
        for (int i = 0; i < parts.length; i++) {
          if (i > 0) {
            page.add(token);
          }
          page.add(parts[i]);
        }
      }
    }

    /** The value a shell's marker {@code slot} stands for, as the template would show it ({@code null}: none). */
    private static Object value(Map<String, Object> model, Map<?, ?> me, char slot) {
      return switch (slot) {
        case 'c' -> model.get(CSRF_TOKEN);
        case 's' -> model.get(SUBMISSION);
        case 'i' -> me.get("id");
        case 'n' -> me.get("name");
        case 'u' -> me.get("username");
        case 'q' -> model.get("nextParam");
        case 'a' -> model.get("pathAndQuery");
        default -> throw new IllegalArgumentException("No value for marker " + slot);
      };
    }

    /** The page model with markers in the values' places and two posts standing for the posts. */
    private Map<String, Object> shellModel(Map<String, Object> model, Map<?, ?> me) {
      Map<String, Object> shell = new HashMap<>(model);
      shell.remove(CURRENT_USER);
      Map<Object, Object> person = new HashMap<>(me);
      person.put("id", shared.marker('i'));
      person.put("name", shared.marker('n'));
      person.put("username", shared.marker('u'));
      shell.put("me", person);
      shell.put(CSRF_TOKEN, shared.marker('c'));
      shell.put(SUBMISSION, shared.marker('s'));
      shell.put("nextParam", shared.marker('q'));
      shell.put("pathAndQuery", shared.marker('a'));
      JsonObject thread = new JsonObject(new HashMap<>(((JsonObject) model.get("thread")).getMap()));
      thread.put("posts", new JsonArray()
          .add(new JsonObject().put("rendered", shared.marker(SignedInPages.POSTS)))
          .add(new JsonObject().put("rendered", shared.marker(SignedInPages.SECOND_POST))));
      shell.put("thread", thread);
      return shell;
    }

    /**
     * Gives each post of the page model its HTML ({@code rendered}) as {@code forum/post} renders it for this reader:
     * the page model's posts are the views of {@code posts}, in order.
     */
    void renderPosts(List<Post> posts, CurrentUser user, boolean mayPost) {
      JsonArray views = ((JsonObject) ctx.get("thread")).getJsonArray("posts");
      for (int i = 0; i < posts.size(); i++) {
        views.getJsonObject(i).put("rendered", SignedInPages.join(parts(posts.get(i), user, mayPost), token));
      }
    }

    /**
     * A post's kept parts for this reader's language and variant, rendered and kept if there are none yet: only then
     * is the post's view built.
     */
    private byte[][] parts(Post post, CurrentUser user, boolean mayPost) {
      String key = post.id() + ' ' + lang + ' ' + variant(post, user, mayPost);
      byte[][] parts = shared.parts(slot, version, key);
      if (parts == null) {
        Map<String, Object> model = new HashMap<>(postModel(PostViews.post(post, user), user, mayPost).getMap());
        model.put(Views.LANG, lang);
        model.put(CSRF_TOKEN, shared.marker());
        parts = shared.cut(views.renderToString("forum/post", model));
        shared.putParts(slot, version, key, parts, mark);
      }
      return parts;
    }

    /**
     * What in a post's view depends on the reader ({@link PostViews#post} and {@link #postModel}): theirs,
     * moderating, may flag, and per reaction whether they pressed it and may press it.
     */
    static String variant(Post post, CurrentUser user, boolean mayPost) {
      boolean mine = post.isBy(user.id());
      StringBuilder variant = new StringBuilder(16)
          .append(mine ? 'M' : '-')
          .append(user.has(Role.MODERATOR) ? 'O' : '-')
          .append(mayPost && !mine ? 'F' : '-');
      for (String reaction : Reactions.NAMES) {
        variant.append(post.reactions().getOrDefault(reaction, List.of()).contains(user.id()) ? 'p' : '-')
            .append(mayPost ? 'e' : '-');
      }
      return variant.toString();
    }
  }

  /** The thread page's view model: the thread as this person may act on it. */
  private static void threadModel(RoutingContext ctx, CurrentUser user, JsonObject thread, boolean mayPost,
      List<JsonObject> speakAs) {
    ctx.put(SPEAK_AS, speakAs);
    thread.getJsonArray("posts").forEach(item -> postModel((JsonObject) item, user, mayPost));
    ctx.put("thread", thread);
    ctx.put(MODERATOR, user != null && user.has(Role.MODERATOR));
    ctx.put(MAY_POST, mayPost);
    ctx.put(SUBMISSION, Ids.newId());
    ctx.put("lastPage", thread.getInteger("page").equals(thread.getInteger("pages")));
    ctx.put("pager", Requests.pager(thread, "/t/" + thread.getString("id")));
  }

  /** A post's view ({@link PostViews#post}) with what this reader may do with it, for {@code forum/post}. */
  private static JsonObject postModel(JsonObject post, CurrentUser user, boolean mayPost) {
    post.put("canModerate", user != null && user.has(Role.MODERATOR));
    post.put("canFlag", mayPost && !post.getBoolean("mine"));
    post.getJsonArray("reactions").forEach(reaction -> ((JsonObject) reaction)
        .put("postId", post.getString("id"))
        .put("labelKey", "reaction." + ((JsonObject) reaction).getString("name"))
        .put("enabled", mayPost));
    return post;
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
