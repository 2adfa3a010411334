package vn.ngoforum.forum.threads;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.auth.Role;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.forum.attachments.AttachmentService;
import vn.ngoforum.forum.attachments.CheckedFile;
import vn.ngoforum.forum.categories.CategoryRepository;
import vn.ngoforum.forum.common.Bidi;
import vn.ngoforum.forum.common.Ids;
import vn.ngoforum.forum.common.Person;
import vn.ngoforum.forum.notifications.Notifier;
import vn.ngoforum.forum.notifications.PeopleRepository;
import vn.ngoforum.forum.notifications.PostWritten;
import vn.ngoforum.web.RateLimiter;

/**
 * Writing: starting a thread and replying, for people with member rights, at a person's pace (brand-new accounts
 * slower), with the files they attach and, if they choose, on behalf of a verified organisation they belong to.
 *
 * <p>Every post is stored first and announced afterwards on {@code forum.thread.{id}} with the thread's next
 * sequence number (see {@link ThreadEvents}); then the people it concerns are told ({@link Notifier}). Markdown is
 * rendered off the event loop.
 */
public record Posting(Vertx vertx, ThreadAccess access, ThreadRepository threads, PostRepository posts,
    CategoryRepository categories, AttachmentService attachments, Memberships memberships, PeopleRepository people,
    RateLimiter limits, ThreadEvents events, Notifier notifier) {

  public static final int TITLE_MAX = 200;
  public static final int POST_MAX = 32_000;
  static final Duration POST_INTERVAL = Duration.ofSeconds(5);
  static final Duration THREAD_INTERVAL = Duration.ofSeconds(15);
  /**
   * Brand-new accounts (first seen writing in the forum less than a day ago) have an hourly cap on top of the
   * usual interval, like Discourse's first-day limits: a fresh spam account cannot flood the forum.
   */
  static final Duration NEW_ACCOUNT_AGE = Duration.ofDays(1);
  static final Duration NEW_ACCOUNT_WINDOW = Duration.ofHours(1);
  static final int NEW_ACCOUNT_POSTS = 30;
  static final int NEW_ACCOUNT_THREADS = 10;

  /**
   * What a writer sends with a post: its Markdown {@code body}, the earlier uploads it names ({@code
   * attachmentIds}), the files of a page form ({@code newFiles}, stored only once the post is allowed) and the
   * verified organisation it speaks for ({@code onBehalfOf}, a slug, or {@code null}).
   */
  public record Draft(String body, List<String> attachmentIds, List<CheckedFile> newFiles, String onBehalfOf) {

    /** Text only. */
    public static Draft of(String body) {
      return new Draft(body, List.of(), List.of(), null);
    }
  }

  /**
   * What a post carries besides its text, worked out before it is stored: its attachments, the verified
   * organisation it speaks for (or {@code null}) and the writer's organisations at the time of writing.
   */
  private record Writing(List<JsonObject> attachments, JsonObject onBehalfOf, List<JsonObject> organisations) {

    Writing with(List<JsonObject> more) {
      List<JsonObject> all = new ArrayList<>(attachments);
      all.addAll(more);
      return new Writing(all, onBehalfOf, organisations);
    }

    Post post(String id, String threadId, int number, long seq, Person author, Markdown.Rendered text,
        Instant at) {
      return new Post(id, threadId, number, seq, 1L, author, text.source(), text.html(), text.text(), at, null,
          false, false, null, attachments, organisations, onBehalfOf, Map.of());
    }
  }

  /**
   * Starts a thread in {@code categorySlug} with its first post; answers {@code {id, url, title, category, postId,
   * seq}}. {@code paced} applies the per-person rate limits (a person writing), and is false for a moderator's one
   * action that starts several threads (the {@code ForumThreads} port).
   */
  public Future<JsonObject> startThread(CurrentUser user, String categorySlug, String title, Draft draft,
      boolean paced) {
    String cleanTitle = Bidi.neutralise(title).strip();
    if (cleanTitle.isEmpty()) {
      return Future.failedFuture(ForumException.invalid("'title' is required."));
    }
    return access.requirePoster(user)
        .compose(v -> categories.find(categorySlug))
        .compose(category -> category == null
            ? Future.failedFuture(ForumException.invalid("'category' names no category: " + categorySlug + "."))
            : access.mayRead(user, category).compose(readable -> readable ? Future.<Void>succeededFuture()
                : Future.failedFuture(ForumException.forbidden("You may not post in this category."))))
        .compose(v -> writing(user, draft))
        .compose(checked -> (paced ? newcomerLimit(user, "thread:", THREAD_INTERVAL, NEW_ACCOUNT_THREADS)
                : Future.<Void>succeededFuture())
            .compose(v -> withNewFiles(user, checked, draft.newFiles())))
        .compose(writing -> Markdown.render(vertx, draft.body())
            .compose(rendered -> storeThread(user, categorySlug, cleanTitle, rendered, writing)));
  }

  private Future<JsonObject> storeThread(CurrentUser user, String categorySlug, String title,
      Markdown.Rendered rendered, Writing writing) {
    Instant now = Instant.now();
    Person author = Person.of(user);
    ForumThread thread = ForumThread.started(Ids.newId(), categorySlug, title, author, now);
    Post post = writing.post(Ids.newId(), thread.id(), 1, 1, author, rendered, now);
    // The post first: a thread is never listed without its opening post.
    return posts.insert(post).compose(v -> threads.insert(thread))
        .compose(v -> attachments.attach(writing.attachments(), post.id(), thread.id()))
        .compose(v -> events.started(thread.id(), post.id()))
        .onSuccess(v -> notifier.postWritten(written(thread, post, null), user))
        .map(v -> new JsonObject().put("id", thread.id()).put("url", "/t/" + thread.id())
            .put("title", title).put("category", categorySlug).put("postId", post.id()).put("seq", 1));
  }

  /**
   * Adds a reply to a thread and announces it; answers {@code {id, threadId, number, seq, url}}. {@code quotedPostId}
   * (may be {@code null}) names the post of the same thread that the reply quotes: its author is told. A locked
   * thread takes replies from moderators only.
   */
  public Future<JsonObject> reply(CurrentUser user, String threadId, Draft draft, String quotedPostId) {
    return access.requirePoster(user)
        .compose(v -> access.readableThread(user, threadId))
        .compose(thread -> thread.locked() && !user.has(Role.MODERATOR)
            ? Future.failedFuture(ForumException.conflict("This thread is locked: it takes no new replies."))
            : Future.succeededFuture(thread))
        .compose(thread -> quotedAuthor(threadId, quotedPostId))
        .compose(quotedAuthor -> writing(user, draft)
            .compose(checked -> newcomerLimit(user, "post:", POST_INTERVAL, NEW_ACCOUNT_POSTS)
                .compose(v -> withNewFiles(user, checked, draft.newFiles())))
            .compose(writing -> Markdown.render(vertx, draft.body())
                .compose(rendered -> storeReply(user, threadId, rendered, quotedAuthor, writing))));
  }

  /** The author of the quoted post, which must be in this thread; {@code null} when nothing is quoted. */
  private Future<Person> quotedAuthor(String threadId, String quotedPostId) {
    if (quotedPostId == null) {
      return Future.succeededFuture(null);
    }
    return posts.find(quotedPostId).compose(quoted -> quoted != null && threadId.equals(quoted.threadId())
        ? Future.succeededFuture(quoted.author())
        : Future.failedFuture(ForumException.invalid("'quote' names no post of this thread.")));
  }

  private Future<JsonObject> storeReply(CurrentUser user, String threadId, Markdown.Rendered rendered,
      Person quotedAuthor, Writing writing) {
    Instant now = Instant.now();
    Person author = Person.of(user);
    return threads.countNewPost(threadId, author, now).compose(counted -> {
      if (counted == null) {
        return Future.failedFuture(ForumException.notFound("There is no such thread."));
      }
      Post post = writing.post(Ids.newId(), threadId, counted.postCount(), counted.seq(), author, rendered, now);
      return posts.insert(post)
          .compose(v -> events.postsChanged(threadId))
          .compose(v -> attachments.attach(writing.attachments(), post.id(), threadId))
          .compose(v -> events.postCreated(threadId, post.seq(), PostViews.post(post, null)))
          .map(v -> {
            notifier.postWritten(written(counted, post, quotedAuthor), user);
            return new JsonObject().put("id", post.id()).put("threadId", threadId).put("number", post.number())
                .put("seq", post.seq()).put("url", PostViews.permalink(threadId, post.number(), post.id()));
          });
    });
  }

  private static PostWritten written(ForumThread thread, Post post, Person quotedAuthor) {
    return new PostWritten(thread.id(), thread.title(), thread.category(),
        thread.author() == null ? null : thread.author().id(), post.id(), post.number(),
        PostViews.permalink(thread.id(), post.number(), post.id()), post.text(),
        quotedAuthor == null ? null : quotedAuthor.id());
  }

  /** The verified organisations the person may speak for (for the "post as" choice of the forms). */
  Future<List<JsonObject>> speakableOrganisations(CurrentUser user) {
    if (user == null) {
      return Future.succeededFuture(List.of());
    }
    return memberships.of(user.id()).map(list -> list.stream().filter(org -> org.getBoolean("verified", false))
        .map(Posting::organisationView).toList());
  }

  private Future<Writing> writing(CurrentUser user, Draft draft) {
    String onBehalfOf = draft.onBehalfOf();
    return Future.all(attachments.claimable(user, draft.attachmentIds()), memberships.of(user.id()))
        .compose(both -> {
          List<JsonObject> files = both.resultAt(0);
          List<JsonObject> memberOf = both.resultAt(1);
          List<JsonObject> organisations = memberOf.stream().map(Posting::organisationView).toList();
          if (onBehalfOf == null) {
            return Future.succeededFuture(new Writing(files, null, organisations));
          }
          return memberOf.stream()
              .filter(org -> onBehalfOf.equals(org.getString("slug")) && org.getBoolean("verified", false))
              .findFirst()
              .map(org -> Future.succeededFuture(new Writing(files, organisationView(org), organisations)))
              .orElseGet(() -> Future.failedFuture(ForumException.forbidden("You may speak only for a verified "
                  + "organisation you are an approved member of.").about("onBehalfOf")));
        });
  }

  /**
   * The files a page form sent with the post, stored only now: the writer may post there and is within their
   * limits (see {@link AttachmentService#store}).
   */
  private Future<Writing> withNewFiles(CurrentUser user, Writing writing, List<CheckedFile> files) {
    if (files.isEmpty()) {
      return Future.succeededFuture(writing);
    }
    if (writing.attachments().size() + files.size() > AttachmentService.MAX_PER_POST) {
      return Future.failedFuture(ForumException.invalid("'attachments' may name at most "
          + AttachmentService.MAX_PER_POST + " files."));
    }
    return attachments.store(user, files).map(writing::with);
  }

  private static JsonObject organisationView(JsonObject membership) {
    return new JsonObject().put("slug", membership.getString("slug"))
        .put("name", membership.getJsonObject("name", new JsonObject()))
        .put("acronym", membership.getString("acronym"))
        .put("verified", membership.getBoolean("verified", false));
  }

  /**
   * The per-person rate limit; an account first seen in the forum less than {@link #NEW_ACCOUNT_AGE} ago (a
   * brand-new account) also has an hourly cap.
   */
  private Future<Void> newcomerLimit(CurrentUser user, String prefix, Duration usual, int newcomerCap) {
    return limits.acquire(prefix + user.id(), 1, usual)
        .compose(v -> people.firstSeen(user.id()))
        .compose(first -> first == null || Duration.between(first, Instant.now()).compareTo(NEW_ACCOUNT_AGE) < 0
            ? limits.acquire(prefix + "first-day:" + user.id(), newcomerCap, NEW_ACCOUNT_WINDOW)
            : Future.succeededFuture());
  }
}
