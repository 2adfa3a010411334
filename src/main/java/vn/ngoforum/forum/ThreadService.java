package vn.ngoforum.forum;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.auth.Role;
import vn.ngoforum.realtime.AccessChanges;
import vn.ngoforum.realtime.Addresses;
import vn.ngoforum.realtime.Coalescer;
import vn.ngoforum.realtime.LiveEvent;
import vn.ngoforum.text.VietnameseText;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.db.Mongo;
import vn.ngoforum.web.RateLimiter;

/**
 * Threads and posts: who may read and write them, starting a thread, replying, reading a thread page by page,
 * catching up on changes, the threads of a category and search.
 *
 * <p>Every write is stored first and announced afterwards on {@code forum.thread.{id}} with the thread's next
 * sequence number, so that a page that lost its connection asks for "everything since seq N" and misses nothing.
 * Markdown is rendered off the event loop.
 */
final class ThreadService {

  static final int TITLE_MAX = 200;
  static final int POST_MAX = 32_000;
  static final int POSTS_PER_PAGE = 20;
  static final int THREADS_PER_PAGE = 25;
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
  private static final int SEARCH_RESULTS = 20;
  private static final int SEARCH_MAX_WORDS = 12;
  private static final int CATCH_UP_LIMIT = 500;
  static final int REASON_MAX = 500;
  /** The reactions a post can get, one of each per person. */
  static final List<String> REACTIONS = List.of("like", "thanks", "agree", "important");
  /**
   * Reactions (and withdrawals) one person may send a minute: clicking through a thread's posts stays far below,
   * a script toggling reactions to flood a thread's followers is stopped.
   */
  static final int REACTIONS_PER_MINUTE = 30;
  /** Edits and deletions of one's own posts a minute: fixing a typo or two stays far below. */
  static final int EDITS_PER_MINUTE = 20;
  /** Flags one person may raise an hour: each one is work for a moderator. */
  static final int FLAGS_PER_HOUR = 20;
  /**
   * How long reaction changes of a thread are gathered into one announcement per post: short enough to feel live,
   * long enough that a burst of reactions costs followers one frame per post.
   */
  static final long REACTION_WINDOW_MILLIS = 250;
  private static final Logger LOG = LoggerFactory.getLogger(ThreadService.class);

  /** Notifications of the forum (replies, mentions, quotes). */
  Notifier notifier() {
    return notifier;
  }
  /** An edit later than this after posting marks the post "edited". */
  static final Duration EDIT_GRACE = Duration.ofMinutes(5);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final CategoryRepository categories;
  private final ThreadRepository threads;
  private final Memberships memberships;
  private final RateLimiter rateLimiter;
  private final AuditLog audit;
  private final Notifier notifier;
  private final FlagRepository flags;
  private final ReadRepository reads;
  private final AttachmentService attachments;
  private final Coalescer reactionCounts;

  ThreadService(Vertx vertx, MongoClient mongo, Memberships memberships) {
    this(vertx, mongo, memberships, null, AttachmentService.DEFAULT_BYTES_PER_DAY);
  }

  /**
   * With {@code mailer} (may be {@code null}), notifications are also e-mailed; each person may upload
   * {@code uploadBytesPerDay}.
   */
  ThreadService(Vertx vertx, MongoClient mongo, Memberships memberships, Mailer mailer, long uploadBytesPerDay) {
    this.vertx = vertx;
    this.categories = new CategoryRepository(mongo);
    this.threads = new ThreadRepository(mongo);
    this.memberships = memberships;
    this.rateLimiter = new RateLimiter(mongo);
    this.audit = new AuditLog(mongo);
    this.notifier = new Notifier(vertx, mongo, mailer, memberships);
    this.flags = new FlagRepository(mongo);
    this.reads = new ReadRepository(mongo);
    this.attachments = new AttachmentService(vertx, mongo, uploadBytesPerDay);
    this.reactionCounts = Coalescer.forNode(vertx, "forum.reactions",
        new Coalescer(vertx, threadId -> REACTION_WINDOW_MILLIS, this::announceReactions));
  }

  /** Attachments: upload, check, download. */
  AttachmentService attachments() {
    return attachments;
  }

  /**
   * What a post carries besides its text, worked out before it is stored: its attachments, the verified
   * organisation it speaks for (or {@code null}) and the writer's organisations at the time of writing.
   */
  record Writing(List<JsonObject> attachments, JsonObject onBehalfOf, JsonArray organisations) {
    Writing with(List<JsonObject> more) {
      List<JsonObject> all = new ArrayList<>(attachments);
      all.addAll(more);
      return new Writing(all, onBehalfOf, organisations);
    }

    JsonObject applyTo(JsonObject post) {
      post.put("attachments", new JsonArray(attachments)).put("organisations", organisations);
      if (onBehalfOf != null) {
        post.put("onBehalfOf", onBehalfOf);
      }
      return post;
    }
  }

  /** The verified organisations the person may speak for (for the "post as" choice of the forms). */
  Future<List<JsonObject>> speakableOrganisations(CurrentUser user) {
    if (user == null) {
      return Future.succeededFuture(List.of());
    }
    return memberships.of(user.id()).map(list -> list.stream().filter(org -> org.getBoolean("verified", false))
        .map(ThreadService::organisationView).toList());
  }

  private Future<Writing> writing(CurrentUser user, List<String> attachmentIds, String onBehalfOf) {
    return Future.all(attachments.claimable(user, attachmentIds), memberships.of(user.id()))
        .compose(both -> {
          List<JsonObject> files = both.resultAt(0);
          List<JsonObject> memberOf = both.resultAt(1);
          JsonArray organisations = new JsonArray(memberOf.stream().map(ThreadService::organisationView).toList());
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
  private Future<Writing> withNewFiles(CurrentUser user, Writing writing, List<AttachmentService.Checked> files) {
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
    return rateLimiter.acquire(prefix + user.id(), 1, usual)
        .compose(v -> notifier.firstSeen(user))
        .compose(first -> first == null || Duration.between(first, Instant.now()).compareTo(NEW_ACCOUNT_AGE) < 0
            ? rateLimiter.acquire(prefix + "first-day:" + user.id(), newcomerCap, NEW_ACCOUNT_WINDOW)
            : Future.succeededFuture());
  }

  /** Starts a thread in {@code categorySlug} with its first post; answers {@code {id, url, postId, seq}}. */
  Future<JsonObject> createThread(CurrentUser user, String categorySlug, String title, String body) {
    return createThread(user, categorySlug, title, body, List.of(), null);
  }

  /**
   * Starts a thread whose first post carries the uploads {@code attachmentIds} and, when {@code onBehalfOf} names
   * a verified organisation the writer belongs to, speaks for it.
   */
  Future<JsonObject> createThread(CurrentUser user, String categorySlug, String title, String body,
      List<String> attachmentIds, String onBehalfOf) {
    return createThread(user, categorySlug, title, body, attachmentIds, List.of(), onBehalfOf, true);
  }

  Future<JsonObject> createThread(CurrentUser user, String categorySlug, String title, String body,
      List<String> attachmentIds, String onBehalfOf, boolean paced) {
    return createThread(user, categorySlug, title, body, attachmentIds, List.of(), onBehalfOf, paced);
  }

  /**
   * Starts a thread; {@code paced} applies the per-person rate limits (a person writing), and is false for a
   * moderator's one action that starts several threads (see {@link ForumThreads}). Its first post carries the
   * earlier uploads {@code attachmentIds} and the {@code newFiles} of a page form, stored only once the post is
   * allowed.
   */
  Future<JsonObject> createThread(CurrentUser user, String categorySlug, String title, String body,
      List<String> attachmentIds, List<AttachmentService.Checked> newFiles, String onBehalfOf, boolean paced) {
    String cleanTitle = Markdown.neutraliseBidi(title).strip();
    if (cleanTitle.isEmpty()) {
      return Future.failedFuture(ForumException.invalid("'title' is required."));
    }
    return requirePoster(user)
        .compose(v -> categories.find(categorySlug))
        .compose(category -> category == null
            ? Future.failedFuture(ForumException.invalid("'category' names no category: " + categorySlug + "."))
            : mayRead(user, category).compose(readable -> readable ? Future.succeededFuture(category)
                : Future.failedFuture(ForumException.forbidden("You may not post in this category."))))
        .compose(category -> writing(user, attachmentIds, onBehalfOf))
        .compose(checked -> (paced ? newcomerLimit(user, "thread:", THREAD_INTERVAL, NEW_ACCOUNT_THREADS)
                : Future.<Void>succeededFuture())
            .compose(v -> withNewFiles(user, checked, newFiles))
            .compose(writing -> render(body).map(rendered -> new Object[] {writing, rendered})))
        .compose(pair -> {
          Writing writing = (Writing) pair[0];
          Markdown.Rendered rendered = (Markdown.Rendered) pair[1];
          Instant now = Instant.now();
          String threadId = newId();
          String postId = newId();
          JsonObject author = person(user);
          List<String> postTokens = VietnameseText.tokens(rendered.text());
          List<String> titleTokens = VietnameseText.tokens(cleanTitle);
          JsonObject post = writing.applyTo(post(postId, threadId, 1, 1, author, rendered, postTokens, now));
          JsonObject thread = new JsonObject()
              .put("_id", threadId)
              .put("category", categorySlug)
              .put("title", cleanTitle)
              .put("author", author)
              .put("createdAt", ThreadRepository.date(now))
              .put("lastActivityAt", ThreadRepository.date(now))
              .put("lastPoster", author)
              .put("postCount", 1)
              .put("seq", 1)
              .put("pinned", false)
              .put("locked", false)
              .put("titleTokens", new JsonArray(titleTokens));
          // The post first: a thread is never listed without its opening post.
          return threads.insertPost(post).compose(v -> threads.insertThread(thread))
              .compose(v -> attachments.attach(writing.attachments(), postId, threadId))
              .onSuccess(v -> notifier.postWritten(thread, user, postView(post, null), rendered.text(), null))
              .map(v -> new JsonObject().put("id", threadId).put("url", "/t/" + threadId)
                  .put("title", cleanTitle).put("category", categorySlug).put("postId", postId).put("seq", 1));
        });
  }

  /**
   * Adds a reply to a thread and announces it; answers {@code {id, threadId, number, seq, url}}. {@code quotedPostId}
   * (may be {@code null}) names the post of the same thread that the reply quotes: its author is told.
   */
  Future<JsonObject> reply(CurrentUser user, String threadId, String body, String quotedPostId) {
    return reply(user, threadId, body, quotedPostId, List.of(), null);
  }

  /** A reply carrying uploads and, optionally, speaking for a verified organisation of the writer's. */
  Future<JsonObject> reply(CurrentUser user, String threadId, String body, String quotedPostId,
      List<String> attachmentIds, String onBehalfOf) {
    return reply(user, threadId, body, quotedPostId, attachmentIds, List.of(), onBehalfOf);
  }

  /** A reply that also carries the {@code newFiles} of a page form, stored only once the reply is allowed. */
  Future<JsonObject> reply(CurrentUser user, String threadId, String body, String quotedPostId,
      List<String> attachmentIds, List<AttachmentService.Checked> newFiles, String onBehalfOf) {
    return requirePoster(user)
        .compose(v -> readableThread(user, threadId))
        .compose(thread -> thread.getBoolean("locked", false) && !user.has(Role.MODERATOR)
            ? Future.failedFuture(ForumException.conflict("This thread is locked: it takes no new replies."))
            : Future.succeededFuture(thread))
        .compose(thread -> quotedAuthor(threadId, quotedPostId))
        .compose(quotedAuthor -> writing(user, attachmentIds, onBehalfOf)
            .compose(checked -> newcomerLimit(user, "post:", POST_INTERVAL, NEW_ACCOUNT_POSTS)
                .compose(v -> withNewFiles(user, checked, newFiles))
                .compose(writing -> render(body)
                    .compose(rendered -> storeReply(user, threadId, rendered, quotedAuthor, writing)))));
  }

  /** The author of the quoted post, which must be in this thread; {@code null} when nothing is quoted. */
  private Future<JsonObject> quotedAuthor(String threadId, String quotedPostId) {
    if (quotedPostId == null) {
      return Future.succeededFuture(null);
    }
    return threads.post(quotedPostId).compose(quoted -> quoted != null && threadId.equals(quoted.getString("threadId"))
        ? Future.succeededFuture(quoted.getJsonObject("author"))
        : Future.failedFuture(ForumException.invalid("'quote' names no post of this thread.")));
  }

  private Future<JsonObject> storeReply(CurrentUser user, String threadId, Markdown.Rendered rendered,
      JsonObject quotedAuthor, Writing writing) {
    Instant now = Instant.now();
    JsonObject author = person(user);
    List<String> tokens = VietnameseText.tokens(rendered.text());
    return threads.countNewPost(threadId, author, now).compose(counted -> {
      if (counted == null) {
        return Future.failedFuture(ForumException.notFound("There is no such thread."));
      }
      long seq = counted.getLong("seq");
      int number = counted.getInteger("postCount");
      JsonObject post = writing.applyTo(post(newId(), threadId, number, seq, author, rendered, tokens, now));
      return threads.insertPost(post)
          .compose(v -> postsChanged(threadId))
          .compose(v -> attachments.attach(writing.attachments(), post.getString("_id"), threadId))
          .map(v -> {
        JsonObject view = postView(post, null);
        LiveEvent.publish(vertx, Addresses.thread(threadId), new JsonObject()
            .put("type", "post.created").put("threadId", threadId).put("seq", seq)
            .put("postId", post.getString("_id")).put("post", view));
        notifier.postWritten(counted, user, view, rendered.text(), quotedAuthor);
        return new JsonObject().put("id", post.getString("_id")).put("threadId", threadId)
            .put("number", number).put("seq", seq).put("url", permalink(threadId, number, post.getString("_id")));
      });
    });
  }

  /**
   * Marks a post change of {@code threadId} written (its {@code version} moves) and drops the thread's rendered
   * pages on every node.
   */
  private Future<Void> postsChanged(String threadId) {
    return threads.postsChanged(threadId).onSuccess(v -> ThreadPageCache.changed(vertx, threadId));
  }

  /** One page of a thread with its posts in order. */
  Future<JsonObject> thread(CurrentUser user, String threadId, int page) {
    return readable(user, threadId).compose(readable -> page(user, readable, page));
  }

  /** One page of a thread already found readable (with its category, read once for the check and the page). */
  Future<JsonObject> page(CurrentUser user, Readable readable, int page) {
    JsonObject thread = readable.thread();
    JsonObject category = readable.category();
    String threadId = thread.getString("_id");
    int postCount = thread.getInteger("postCount", 1);
    int pages = Math.max(1, (postCount + POSTS_PER_PAGE - 1) / POSTS_PER_PAGE);
    int current = Math.min(Math.max(page, 1), pages);
    return threads.posts(threadId, (current - 1) * POSTS_PER_PAGE, POSTS_PER_PAGE)
        .map(posts -> threadView(thread)
            .put("category", new JsonObject().put("slug", category.getString("_id"))
                .put("name", category.getJsonObject("name")))
            .put("page", current)
            .put("pages", pages)
            .put("posts", new JsonArray(posts.stream().map(post -> postView(post, user)).toList())))
        .compose(view -> user == null ? Future.succeededFuture(view)
            : reads.markRead(user.id(), threadId, thread.getLong("seq", 1L))
                .map(view)
                .recover(failure -> {
                  LOG.warn("Could not remember that {} read {}: {}", user.username(), threadId, failure.toString());
                  return Future.succeededFuture(view);
                }));
  }

  /** Posts created or changed after event {@code since}, for a page that reconnects: {@code {seq, posts}}. */
  Future<JsonObject> changesSince(CurrentUser user, String threadId, long since) {
    return readableThread(user, threadId)
        .compose(thread -> threads.postsChangedSince(threadId, since, CATCH_UP_LIMIT))
        .map(posts -> new JsonObject()
            .put("threadId", threadId)
            .put("seq", posts.stream().mapToLong(post -> post.getLong("seq")).max().orElse(since))
            .put("posts", new JsonArray(posts.stream().map(post -> postView(post, user)).toList())));
  }

  /** A category with one page of its threads, pinned first, then by last activity. */
  Future<JsonObject> threadsOf(CurrentUser user, String slug, int page) {
    return categories.find(slug)
        .compose(category -> category == null
            ? Future.failedFuture(ForumException.notFound("There is no such category."))
            : mayRead(user, category).compose(readable -> readable ? Future.succeededFuture(category)
                : Future.failedFuture(ForumException.notFound("There is no such category."))))
        .compose(category -> threads.countIn(slug).compose(total -> {
          int pages = (int) Math.max(1, (total + THREADS_PER_PAGE - 1) / THREADS_PER_PAGE);
          int current = Math.min(Math.max(page, 1), pages);
          return threads.threadsIn(slug, (current - 1) * THREADS_PER_PAGE, THREADS_PER_PAGE)
              .compose(list -> markUnread(user, list.stream().map(ThreadService::threadView).toList()))
              .map(list -> new JsonObject()
                  .put("category", ForumService.publicView(category))
                  .put("threads", new JsonArray(list))
                  .put("total", total)
                  .put("page", current)
                  .put("pages", pages));
        }));
  }

  /** For a signed-in reader, marks each thread {@code unread} that changed since they last opened it. */
  private Future<List<JsonObject>> markUnread(CurrentUser user, List<JsonObject> list) {
    if (user == null || list.isEmpty()) {
      return Future.succeededFuture(list);
    }
    return reads.readUpTo(user.id(), list.stream().map(thread -> thread.getString("id")).toList())
        .map(readUpTo -> {
          list.forEach(thread -> thread.put("unread",
              readUpTo.getOrDefault(thread.getString("id"), 0L) < thread.getLong("seq")));
          return list;
        });
  }

  /**
   * Threads whose title or visible posts contain every word of {@code query}, compared folded (case, tones and
   * diacritics ignored, đ → d); the words may be spread over the title and several posts. Only what readers see
   * counts: words only in hidden or deleted posts, or edited out of a post, find nothing. Threads whose title
   * holds all the words come first, a title holding the words as a phrase before those; then the most recently
   * active. Each result links to the first visible post holding a word, with a snippet around it.
   */
  Future<List<JsonObject>> search(CurrentUser user, String query) {
    List<String> words = VietnameseText.tokens(query);
    if (words.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<String> tokens = words.subList(0, Math.min(words.size(), SEARCH_MAX_WORDS));
    String phrase = String.join(" ", tokens);
    Map<String, Set<String>> wordsOf = new HashMap<>();
    Map<String, Integer> firstPost = new HashMap<>();
    return Future.all(threads.postWords(tokens), threads.titleWords(tokens))
        .compose(both -> {
          for (JsonObject hit : both.<List<JsonObject>>resultAt(0)) {
            wordsOf.computeIfAbsent(hit.getString("_id"), id -> new HashSet<>()).addAll(strings(hit, "words"));
            firstPost.put(hit.getString("_id"), hit.getInteger("first"));
          }
          for (JsonObject hit : both.<List<JsonObject>>resultAt(1)) {
            wordsOf.computeIfAbsent(hit.getString("_id"), id -> new HashSet<>()).addAll(strings(hit, "titleTokens"));
          }
          Set<String> matching = wordsOf.entrySet().stream().filter(entry -> entry.getValue().containsAll(tokens))
              .map(Map.Entry::getKey).collect(Collectors.toSet());
          return Future.all(categories.listInOrder(), threads.threads(matching));
        })
        .compose(loaded -> readableSlugs(user, loaded.resultAt(0)).map(readable -> loaded
            .<List<JsonObject>>resultAt(1).stream()
            .filter(thread -> readable.contains(thread.getString("category")))
            .sorted(Comparator.comparingInt((JsonObject thread) -> -titleScore(thread, tokens, phrase))
                .thenComparing(ThreadService::lastActivity, Comparator.reverseOrder()))
            .limit(SEARCH_RESULTS)
            .toList()))
        .compose(found -> Future.all(found.stream().map(thread -> snippetPost(thread.getString("_id"),
                firstPost.get(thread.getString("_id")))
            .map(post -> searchResult(thread, post, tokens, phrase))).toList()))
        .map(all -> all.<JsonObject>list());
  }

  /** Post {@code number} of a thread for a search snippet, unless it was hidden or deleted meanwhile. */
  private Future<JsonObject> snippetPost(String threadId, Integer number) {
    if (number == null) {
      return Future.succeededFuture(null);
    }
    return threads.postNumbered(threadId, number).map(post -> post == null || post.getBoolean("deleted", false)
        || post.getBoolean("hidden", false) ? null : post);
  }

  private static Instant lastActivity(JsonObject thread) {
    String at = iso(thread.getValue("lastActivityAt"));
    return at == null ? Instant.EPOCH : Instant.parse(at);
  }

  private static List<String> strings(JsonObject doc, String field) {
    return doc.getJsonArray(field, new JsonArray()).stream().map(String::valueOf).toList();
  }

  /**
   * Replaces the text of one's own post, if it is still at {@code version}; the earlier text is kept as a
   * revision. Of two concurrent edits of the same version one wins and the other fails with {@link
   * EditConflict}, which carries the loser's text and the current version.
   */
  Future<JsonObject> editPost(CurrentUser user, String postId, long version, String body) {
    return requirePoster(user)
        .compose(v -> readablePost(user, postId))
        .compose(post -> {
          if (!isAuthor(user, post)) {
            return Future.failedFuture(ForumException.forbidden("Only the author may edit a post."));
          }
          if (post.getBoolean("deleted", false)) {
            return Future.failedFuture(ForumException.conflict("This post was deleted."));
          }
          if (post.getLong("version", 1L) != version) {
            return Future.failedFuture(new EditConflict(body, postView(post, user)));
          }
          return editLimit(user).map(post);
        })
        .compose(post -> {
          String threadId = post.getString("threadId");
          Instant now = Instant.now();
          JsonObject revision = new JsonObject()
              .put("_id", postId + ":" + version)
              .put("postId", postId).put("threadId", threadId).put("version", version)
              .put("source", post.getString("source")).put("html", post.getString("html"))
              .put("at", post.getValue("editedAt", post.getValue("createdAt")))
              .put("replacedAt", ThreadRepository.date(now));
          return render(body)
              .compose(rendered -> threads.insertRevision(revision)
                  .recover(failure -> Mongo.isDuplicateKey(failure) ? Future.succeededFuture()
                      : Future.failedFuture(failure))
                  .compose(v -> threads.nextSeq(threadId, null))
                  .compose(thread -> {
                    long seq = thread.getLong("seq");
                    JsonObject changes = new JsonObject()
                        .put("source", rendered.source()).put("html", rendered.html()).put("text", rendered.text())
                        .put("tokens", new JsonArray(VietnameseText.tokens(rendered.text())))
                        .put("editedAt", ThreadRepository.date(now)).put("seq", seq);
                    return threads.updatePostAt(postId, version, changes).compose(changed -> changed
                        ? postsChanged(threadId)
                            .compose(v -> announcePost(threadId, postId, "post.edited", seq, user))
                        : threads.post(postId).compose(current -> Future.failedFuture(
                            new EditConflict(body, postView(current, user)))));
                  }));
        });
  }

  /** Soft-deletes one's own post: it keeps its place and shows "deleted by author". */
  Future<JsonObject> deletePost(CurrentUser user, String postId) {
    return requirePoster(user)
        .compose(v -> readablePost(user, postId))
        .compose(post -> {
          if (!isAuthor(user, post)) {
            return Future.failedFuture(ForumException.forbidden("Only the author may delete a post."));
          }
          return editLimit(user).map(post);
        })
        .compose(post -> {
          String threadId = post.getString("threadId");
          return threads.nextSeq(threadId, null).compose(thread -> threads.updatePost(postId, new JsonObject()
                  .put("deleted", true).put("deletedAt", ThreadRepository.date(Instant.now()))
                  .put("seq", thread.getLong("seq")))
              .compose(v -> postsChanged(threadId))
              .compose(v -> announcePost(threadId, postId, "post.deleted", thread.getLong("seq"), user)));
        });
  }

  /** A moderator hides a post (with a reason) or shows it again; the audit log keeps who, what and why. */
  Future<JsonObject> moderatePost(CurrentUser moderator, String postId, String action, String reason) {
    boolean hide = "hide".equals(action);
    if (hide && (reason == null || reason.isBlank())) {
      return Future.failedFuture(ForumException.invalid("'reason' is required to hide a post."));
    }
    return readablePost(moderator, postId).compose(post -> {
      String threadId = post.getString("threadId");
      return threads.nextSeq(threadId, null).compose(thread -> {
        long seq = thread.getLong("seq");
        JsonObject changes = new JsonObject().put("hidden", hide).put("seq", seq);
        if (hide) {
          changes.put("hiddenReason", reason).put("hiddenBy", person(moderator));
        }
        return threads.updatePost(postId, changes)
            .compose(v -> postsChanged(threadId))
            .compose(v -> audit.record(moderator, "post." + action, "post", postId, reason,
                new JsonObject().put("threadId", threadId)))
            .compose(v -> announcePost(threadId, postId, hide ? "post.hidden" : "post.shown", seq, moderator));
      });
    });
  }

  /** A moderator locks, unlocks, pins, unpins or moves a thread; recorded in the audit log and announced. */
  Future<JsonObject> moderateThread(CurrentUser moderator, String threadId, String action, String category,
      String reason) {
    return readableThread(moderator, threadId).compose(thread -> {
      Future<JsonObject> changes = switch (action) {
        case "lock", "unlock" -> Future.succeededFuture(new JsonObject().put("locked", "lock".equals(action)));
        case "pin", "unpin" -> Future.succeededFuture(new JsonObject().put("pinned", "pin".equals(action)));
        default -> category == null
            ? Future.failedFuture(ForumException.invalid("'category' is required to move a thread."))
            : categories.find(category).compose(found -> found == null
                ? Future.failedFuture(ForumException.invalid("'category' names no category: " + category + "."))
                : Future.succeededFuture(new JsonObject().put("category", category)));
      };
      return changes.compose(set -> threads.nextSeq(threadId, set)
          .compose(updated -> audit.record(moderator, "thread." + action, "thread", threadId, reason,
                  new JsonObject().put("from", thread.getString("category")).put("changes", set))
              .map(v -> {
                JsonObject view = threadView(updated);
                LiveEvent.publish(vertx, Addresses.thread(threadId), new JsonObject()
                    .put("type", "thread.changed").put("threadId", threadId).put("seq", view.getLong("seq"))
                    .put("locked", view.getBoolean("locked")).put("pinned", view.getBoolean("pinned"))
                    .put("category", view.getString("category")));
                ThreadPageCache.changed(vertx, threadId);
                if (set.containsKey("category")) {
                  // Moved into a members-only category, its followers may no longer read it.
                  AccessChanges.thread(vertx, threadId);
                }
                return view;
              })));
    });
  }

  /**
   * A reader flags a post for the moderators, with a reason; once per person and post (again: 409), and at most
   * {@link #FLAGS_PER_HOUR} an hour (then 429): every flag lands in the moderators' queue.
   */
  Future<JsonObject> flag(CurrentUser user, String postId, String reason) {
    return requirePoster(user)
        .compose(v -> readablePost(user, postId))
        .compose(post -> rateLimiter.acquire("flag:" + user.id(), FLAGS_PER_HOUR, Duration.ofHours(1)).map(post))
        .compose(post -> {
          JsonObject flag = new JsonObject()
              .put("_id", postId + "-" + user.id())
              .put("postId", postId)
              .put("threadId", post.getString("threadId"))
              .put("reason", reason)
              .put("by", person(user))
              .put("at", ThreadRepository.date(Instant.now()))
              .put("status", "open");
          return flags.insert(flag)
              .recover(failure -> Mongo.isDuplicateKey(failure)
                  ? Future.failedFuture(ForumException.conflict("You have flagged this post already."))
                  : Future.failedFuture(failure))
              .map(v -> flagView(flag, null, null).put("url",
                  permalink(post.getString("threadId"), post.getInteger("number", 1), postId)));
        });
  }

  /** The moderators' review queue: open flags, oldest first, each with its post as a moderator sees it. */
  Future<List<JsonObject>> openFlags(CurrentUser moderator) {
    return flags.open(100).compose(open -> Future.all(open.stream().map(flag -> threads.post(flag.getString("postId"))
            .compose(post -> post == null ? Future.succeededFuture(flagView(flag, null, null))
                : threads.thread(post.getString("threadId"))
                    .map(thread -> flagView(flag, postView(post, moderator), thread))))
        .toList()))
        .map(all -> all.<JsonObject>list());
  }

  /**
   * A moderator decides on a flag: {@code hide} hides the post (the flag's reason unless another is given),
   * {@code dismiss} keeps it; either way every open flag of that post is closed, and the audit log records it.
   */
  Future<JsonObject> resolveFlag(CurrentUser moderator, String flagId, String action, String reason) {
    return flags.find(flagId).compose(flag -> {
      if (flag == null) {
        return Future.failedFuture(ForumException.notFound("There is no such flag."));
      }
      String postId = flag.getString("postId");
      String why = reason == null || reason.isBlank() ? flag.getString("reason") : reason;
      Future<Void> decided = "hide".equals(action)
          ? moderatePost(moderator, postId, "hide", why).mapEmpty()
          : audit.record(moderator, "flag.dismiss", "post", postId, why, new JsonObject().put("flag", flagId));
      return decided
          .compose(v -> flags.resolveAll(postId, new JsonObject().put("resolution", action)
              .put("resolvedBy", person(moderator)).put("resolvedAt", ThreadRepository.date(Instant.now()))))
          .map(v -> new JsonObject().put("id", flagId).put("postId", postId).put("status", "resolved")
              .put("resolution", action));
    });
  }

  private static JsonObject flagView(JsonObject flag, JsonObject post, JsonObject thread) {
    JsonObject view = new JsonObject()
        .put("id", flag.getString("_id"))
        .put("postId", flag.getString("postId"))
        .put("threadId", flag.getString("threadId"))
        .put("reason", flag.getString("reason"))
        .put("by", flag.getJsonObject("by"))
        .put("at", iso(flag.getValue("at")))
        .put("status", flag.getString("status"));
    if (post != null) {
      view.put("post", post);
    }
    if (thread != null) {
      view.put("threadTitle", thread.getString("title"));
    }
    return view;
  }

  /** One's own post with its Markdown source, for the edit form. */
  Future<JsonObject> postForEditing(CurrentUser user, String postId) {
    return readablePost(user, postId).compose(post -> {
      if (user == null || !isAuthor(user, post) || post.getBoolean("deleted", false)) {
        return Future.failedFuture(ForumException.forbidden("Only the author may edit a post."));
      }
      return Future.succeededFuture(postView(post, user).put("source", post.getString("source")));
    });
  }

  /** The earlier versions of a post, oldest first, for whoever may read it. */
  Future<JsonObject> revisions(CurrentUser user, String postId) {
    return readablePost(user, postId).compose(post -> {
      JsonObject current = postView(post, user);
      boolean visible = !current.getString("html").isEmpty() || current.getBoolean("mine");
      return (visible ? threads.revisions(postId) : Future.succeededFuture(List.<JsonObject>of()))
          .map(list -> new JsonObject().put("post", current).put("revisions", new JsonArray(list.stream()
              .map(revision -> new JsonObject().put("version", revision.getLong("version"))
                  .put("html", revision.getString("html")).put("at", iso(revision.getValue("at")))
                  .put("replacedAt", iso(revision.getValue("replacedAt"))))
              .toList())));
    });
  }

  /**
   * Adds ({@code add}) or withdraws one of {@link #REACTIONS} of this person to a post, at most
   * {@link #REACTIONS_PER_MINUTE} a minute (then 429); answers the post as this person sees it. The reaction is
   * stored at once (the next page read shows it) and announced live through {@link #reactionCounts}: a storm of
   * reactions on a thread costs its followers one frame per post per window.
   */
  Future<JsonObject> react(CurrentUser user, String postId, String reaction, boolean add) {
    if (!REACTIONS.contains(reaction)) {
      return Future.failedFuture(ForumException.invalid("'reaction' must be one of " + String.join(", ", REACTIONS)
          + "."));
    }
    return requirePoster(user)
        .compose(v -> readablePost(user, postId))
        .compose(post -> {
          if (post.getBoolean("deleted", false) || post.getBoolean("hidden", false)) {
            return Future.failedFuture(ForumException.conflict("This post takes no reactions."));
          }
          String threadId = post.getString("threadId");
          return rateLimiter.acquire("react:" + user.id(), REACTIONS_PER_MINUTE, Duration.ofMinutes(1))
              .compose(v -> threads.react(postId, reaction, user.id(), add))
              .compose(v -> postsChanged(threadId))
              .onSuccess(v -> reactionCounts.touch(threadId, postId))
              .compose(v -> threads.post(postId))
              .map(stored -> postView(stored, user));
        });
  }

  /**
   * Announces a post's reaction counts once its coalescing window has closed: a fresh event number, given to the
   * post too (a page that catches up since an earlier number gets the counts), the rendered pages dropped, then
   * {@code post.reacted} on the thread's address. A failure is logged; the next reaction announces again.
   */
  private void announceReactions(String threadId, String postId) {
    threads.nextSeq(threadId, null)
        .compose(thread -> {
          long seq = thread.getLong("seq");
          return threads.reactionsAnnounced(postId, seq)
              .compose(v -> postsChanged(threadId))
              .compose(v -> announcePost(threadId, postId, "post.reacted", seq, null));
        })
        .onFailure(failure -> LOG.warn("Could not announce the reactions to post {}: {}", postId,
            failure.toString()));
  }

  /**
   * An author's edits and deletions, at most {@link #EDITS_PER_MINUTE} a minute (then 429): each is pushed to
   * everyone following the thread.
   */
  private Future<Void> editLimit(CurrentUser user) {
    return rateLimiter.acquire("edit:" + user.id(), EDITS_PER_MINUTE, Duration.ofMinutes(1));
  }

  /** Publishes a post's change, after it is stored; answers the post as its author sees it. */
  private Future<JsonObject> announcePost(String threadId, String postId, String type, long seq, CurrentUser actor) {
    return threads.post(postId).map(post -> {
      JsonObject publicView = postView(post, null);
      JsonObject event = new JsonObject().put("type", type).put("threadId", threadId).put("seq", seq)
          .put("postId", postId);
      if (!publicView.getString("html").isEmpty()) {
        event.put("post", publicView);
      }
      LiveEvent.publish(vertx, Addresses.thread(threadId), event);
      return postView(post, actor);
    });
  }

  private Future<JsonObject> readablePost(CurrentUser user, String postId) {
    return threads.post(postId).compose(post -> post == null
        ? Future.failedFuture(ForumException.notFound("There is no such post."))
        : readableThread(user, post.getString("threadId")).map(post));
  }

  private static boolean isAuthor(CurrentUser user, JsonObject post) {
    return user.id().equals(post.getJsonObject("author").getString("id"));
  }

  /** 409 for the losing edit: carries the text that was not saved and the post as it is now. */
  static final class EditConflict extends ForumException {

    private final String yourText;
    private final JsonObject current;

    EditConflict(String yourText, JsonObject current) {
      super(409, "conflict", "Someone changed this post in the meantime; your text was not saved.");
      this.yourText = yourText;
      this.current = current;
    }

    JsonObject body() {
      return new JsonObject().put("error", code()).put("message", getMessage()).put("yourText", yourText)
          .put("current", current);
    }
  }

  /**
   * An attachment's document, for someone who may download it: an upload no post carries yet, its uploader only;
   * a file of a post, whoever may read the post — the file of a hidden or deleted post, moderators only.
   * Otherwise 404, as if there were no such file.
   */
  Future<JsonObject> downloadable(CurrentUser user, String attachmentId) {
    return attachments.find(attachmentId)
        .compose(doc -> {
          String postId = doc.getString("postId");
          if (postId == null) {
            return user != null && user.id().equals(doc.getString("owner")) ? Future.succeededFuture(doc)
                : Future.failedFuture(ForumException.notFound("There is no such file."));
          }
          return threads.post(postId).compose(post -> {
            boolean moderator = user != null && user.has(Role.MODERATOR);
            if (post == null || (!moderator && (post.getBoolean("hidden", false)
                || post.getBoolean("deleted", false)))) {
              return Future.failedFuture(ForumException.notFound("There is no such file."));
            }
            return readableThread(user, post.getString("threadId")).map(doc);
          });
        })
        .recover(failure -> Future.failedFuture(failure instanceof ForumException problem
            && problem.status() == 404 ? ForumException.notFound("There is no such file.") : failure));
  }

  /** Whether {@code user} may follow a thread's live changes: whoever may read it. */
  Future<Boolean> mayFollow(CurrentUser user, String threadId) {
    return readableThread(user, threadId).map(true).otherwise(false);
  }

  /** Whether {@code user} may write in the forum (the pages show the reply form only then). */
  Future<Boolean> mayPost(CurrentUser user) {
    return memberships.hasMemberRights(user);
  }

  private Future<Void> requirePoster(CurrentUser user) {
    if (user == null) {
      return Future.failedFuture(ForumException.unauthorized("Please sign in first."));
    }
    return memberships.hasMemberRights(user).compose(allowed -> allowed ? Future.<Void>succeededFuture()
        : Future.failedFuture(ForumException.forbidden("Only members of the forum and of verified organisations "
            + "may post. Ask to join your organisation, or ask the forum's admins to verify it.")));
  }

  /** The thread, or 404 when it does not exist or this person may not read its category. */
  private Future<JsonObject> readableThread(CurrentUser user, String threadId) {
    return readable(user, threadId).map(Readable::thread);
  }

  /** A thread (without its search words) with its category, as one reader may read them. */
  record Readable(JsonObject thread, JsonObject category) {
  }

  /** The thread and its category, or 404 when there is no such thread or this person may not read its category. */
  Future<Readable> readable(CurrentUser user, String threadId) {
    return threads.threadToRead(threadId)
        .compose(thread -> thread == null
            ? Future.failedFuture(ForumException.notFound("There is no such thread."))
            : categories.find(thread.getString("category"))
                .compose(category -> (category == null ? Future.succeededFuture(false) : mayRead(user, category))
                    .compose(allowed -> allowed ? Future.succeededFuture(new Readable(thread, category))
                        : Future.failedFuture(ForumException.notFound("There is no such thread.")))));
  }

  /** Public categories are open to everyone; the others to whoever may read what is for members only. */
  private Future<Boolean> mayRead(CurrentUser user, JsonObject category) {
    return CategoryAccess.mayRead(user, category, memberships);
  }

  private Future<Set<String>> readableSlugs(CurrentUser user, List<JsonObject> all) {
    List<Future<Boolean>> checks = all.stream().map(category -> mayRead(user, category)).toList();
    return Future.all(checks).map(done -> {
      Set<String> slugs = new HashSet<>();
      for (int i = 0; i < all.size(); i++) {
        if (Boolean.TRUE.equals(done.resultAt(i))) {
          slugs.add(all.get(i).getString("_id"));
        }
      }
      return slugs;
    });
  }

  private Future<Markdown.Rendered> render(String body) {
    return vertx.executeBlocking(() -> Markdown.render(body), false);
  }

  private static int titleScore(JsonObject thread, List<String> tokens, String phrase) {
    String title = VietnameseText.fold(thread.getString("title"));
    Set<String> titleWords = new HashSet<>(List.of(title.split(" ")));
    int score = 0;
    if (titleWords.containsAll(tokens)) {
      score += 2;
    }
    if ((" " + title + " ").contains(" " + phrase + " ")) {
      score += 1;
    }
    return score;
  }

  private static JsonObject searchResult(JsonObject thread, JsonObject post, List<String> tokens, String phrase) {
    String id = thread.getString("_id");
    JsonArray parts = post == null ? new JsonArray() : Snippets.around(post.getString("text", ""), tokens);
    String snippet = parts.stream().map(part -> ((JsonObject) part).getString("text")).collect(Collectors.joining());
    return new JsonObject()
        .put("threadId", id)
        .put("title", thread.getString("title"))
        .put("category", thread.getString("category"))
        .put("url", post == null ? "/t/" + id : permalink(id, post.getInteger("number", 1), post.getString("_id")))
        .put("titleMatch", titleScore(thread, tokens, phrase) > 0)
        .put("snippet", snippet)
        .put("snippetParts", parts)
        .put("replies", Math.max(0, thread.getInteger("postCount", 1) - 1))
        .put("lastActivityAt", iso(thread.getValue("lastActivityAt")));
  }

  private static JsonObject post(String id, String threadId, int number, long seq, JsonObject author,
      Markdown.Rendered rendered, List<String> tokens, Instant now) {
    return new JsonObject()
        .put("_id", id)
        .put("threadId", threadId)
        .put("number", number)
        .put("seq", seq)
        .put("version", 1L)
        .put("author", author)
        .put("source", rendered.source())
        .put("html", rendered.html())
        .put("text", rendered.text())
        .put("tokens", new JsonArray(tokens))
        .put("createdAt", ThreadRepository.date(now));
  }

  /**
   * A post as {@code viewer} may see it: a deleted post keeps its place without its text; a hidden post shows
   * its text (marked, with the reason) only to its author and to moderators.
   */
  static JsonObject postView(JsonObject post, CurrentUser viewer) {
    String threadId = post.getString("threadId");
    int number = post.getInteger("number", 1);
    String createdAt = iso(post.getValue("createdAt"));
    String editedAt = iso(post.getValue("editedAt"));
    JsonObject view = new JsonObject()
        .put("id", post.getString("_id"))
        .put("threadId", threadId)
        .put("number", number)
        .put("seq", post.getLong("seq"))
        .put("version", post.getLong("version", 1L))
        .put("author", post.getJsonObject("author"))
        .put("html", post.getString("html"))
        .put("createdAt", createdAt)
        .put("editedAt", editedAt)
        .put("edited", editedAt != null
            && Duration.between(Instant.parse(createdAt), Instant.parse(editedAt)).compareTo(EDIT_GRACE) > 0)
        .put("deleted", post.getBoolean("deleted", false))
        .put("hidden", post.getBoolean("hidden", false))
        .put("url", permalink(threadId, number, post.getString("_id")))
        .put("organisations", post.getJsonArray("organisations", new JsonArray()))
        .put("attachments", post.getJsonArray("attachments", new JsonArray()));
    if (post.getJsonObject("onBehalfOf") != null) {
      view.put("onBehalfOf", post.getJsonObject("onBehalfOf"));
    }
    boolean own = viewer != null && viewer.id().equals(post.getJsonObject("author").getString("id"));
    if (view.getBoolean("deleted")) {
      view.put("html", "").put("attachments", new JsonArray());
    } else if (view.getBoolean("hidden")) {
      boolean moderator = viewer != null && viewer.has(Role.MODERATOR);
      if (own || moderator) {
        view.put("hiddenReason", post.getString("hiddenReason"));
      } else {
        view.put("html", "");
      }
      if (!moderator) {
        // A hidden post's files are the moderators' only (see downloadable), its author's included.
        view.put("attachments", new JsonArray());
      }
    }
    view.put("mine", own);
    JsonObject reactions = post.getJsonObject("reactions", new JsonObject());
    JsonArray counts = new JsonArray();
    for (String reaction : REACTIONS) {
      JsonArray people = reactions.getJsonArray(reaction, new JsonArray());
      counts.add(new JsonObject().put("name", reaction).put("count", people.size())
          .put("mine", viewer != null && people.contains(viewer.id())));
    }
    view.put("reactions", counts);
    return view;
  }

  static JsonObject threadView(JsonObject thread) {
    int postCount = thread.getInteger("postCount", 1);
    return new JsonObject()
        .put("id", thread.getString("_id"))
        .put("title", thread.getString("title"))
        .put("category", thread.getString("category"))
        .put("author", thread.getJsonObject("author"))
        .put("createdAt", iso(thread.getValue("createdAt")))
        .put("lastActivityAt", iso(thread.getValue("lastActivityAt")))
        .put("lastPoster", thread.getJsonObject("lastPoster"))
        .put("postCount", postCount)
        .put("replies", Math.max(0, postCount - 1))
        .put("seq", thread.getLong("seq", 1L))
        .put("pinned", thread.getBoolean("pinned", false))
        .put("locked", thread.getBoolean("locked", false))
        .put("url", "/t/" + thread.getString("_id"));
  }

  /** The address of a post: its thread's page that shows it, with the post as the fragment. */
  static String permalink(String threadId, int number, String postId) {
    int page = (number - 1) / POSTS_PER_PAGE + 1;
    return "/t/" + threadId + (page > 1 ? "?page=" + page : "") + "#post-" + postId;
  }

  private static JsonObject person(CurrentUser user) {
    return new JsonObject().put("id", user.id()).put("name", user.name());
  }

  static String iso(Object date) {
    if (date instanceof JsonObject json && json.containsKey("$date")) {
      return Instant.parse(json.getString("$date")).toString();
    }
    return date == null ? null : date.toString();
  }

  /** A random id of 16 URL-safe characters: fits event-bus addresses ({@code [A-Za-z0-9_-]}). */
  static String newId() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
