package vn.ngoforum.forum.threads;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import vn.ngoforum.search.Findable;
import vn.ngoforum.search.FindableSource;

/**
 * Threads and posts as the search index knows them. A thread is found by its title; a post by its text, while it
 * is shown (deleted and hidden posts are dropped from the index). Both carry their thread (the tag {@code thread},
 * so that words spread over a thread's title and posts find it) and their category as their scope: a reader finds
 * what is in the categories they may read.
 */
public final class Findables {

  public static final String THREAD = "thread";
  public static final String POST = "post";
  /** The tag every entry of a thread carries: the thread's id. */
  public static final String THREAD_TAG = "thread";
  /** The tag every entry of a thread carries: the thread's category. */
  public static final String CATEGORY_TAG = "category";
  /** A thread's sort number for "latest": its last activity in ms. */
  static final String ACTIVITY = "activity";
  /**
   * A thread's place in its category's listing, one number (so the index can skip what cannot make a page, see
   * {@code SearchIndex#list}): its last activity in ms, plus {@link #PINNED_FIRST} when pinned.
   */
  static final String LISTED = "listed";
  /** Added to a pinned thread's {@link #LISTED}: above any activity in ms (about 35,000 years). */
  static final long PINNED_FIRST = 1L << 50;
  /** A post's sort number (a person's recent posts): when it was written, in ms. */
  static final String WRITTEN = "written";
  /** The tag of a thread's or post's author: their id. */
  static final String AUTHOR_TAG = "author";
  /** How many documents a rebuild reads at a time. */
  private static final int BATCH = 500;
  /** How many threads' posts a rebuild reads at a time (a few hundred posts in the usual thread). */
  private static final int THREADS_PER_BATCH = 50;

  private Findables() {
  }

  /** The scope of what is in a category: a reader who may read the category gets it. */
  public static String scope(String category) {
    return "category:" + category;
  }

  /** The forum's sources, one per kind. */
  public static List<FindableSource> sources(ThreadRepository threads, PostRepository posts) {
    return List.of(new Threads(threads), new Posts(threads, posts));
  }

  private record Threads(ThreadRepository threads) implements FindableSource {
    @Override
    public String kind() {
      return THREAD;
    }

    /** 2: threads carry {@link #LISTED} (a category's listing). */
    @Override
    public int version() {
      return 2;
    }

    @Override
    public Future<List<Findable>> find(List<String> ids) {
      return threads.findAll(ids).map(found -> found.stream().map(Findables::thread).toList());
    }

    @Override
    public Future<Void> all(Function<List<Findable>, Future<Void>> batch) {
      return threads.each(BATCH, found -> batch.apply(found.stream().map(Findables::thread).toList()));
    }
  }

  private record Posts(ThreadRepository threads, PostRepository posts) implements FindableSource {
    @Override
    public String kind() {
      return POST;
    }

    /** 2: posts carry {@link #WRITTEN} (a person's recent posts). */
    @Override
    public int version() {
      return 2;
    }

    @Override
    public Future<List<Findable>> find(List<String> ids) {
      return posts.findAll(ids).compose(this::withThreads);
    }

    /** A batch of threads at a time, each thread's posts read by their keys ({@link PostRepository#ofThreads}). */
    @Override
    public Future<Void> all(Function<List<Findable>, Future<Void>> batch) {
      return threads.each(THREADS_PER_BATCH, found -> posts.ofThreads(found)
          .compose(read -> batch.apply(shown(read, found))));
    }

    /** The shown posts among these, with their threads' categories (read by key). */
    private Future<List<Findable>> withThreads(Collection<Post> found) {
      return threads.findAll(found.stream().filter(Post::isVisible).map(Post::threadId).collect(Collectors.toSet()))
          .map(all -> shown(found, all));
    }

    /** The shown ones among {@code found} whose thread is among {@code threads}, as entries. */
    private static List<Findable> shown(Collection<Post> found, Collection<ForumThread> threads) {
      Map<String, ForumThread> byId = new HashMap<>();
      threads.forEach(thread -> byId.put(thread.id(), thread));
      return found.stream().filter(post -> post.isVisible() && byId.containsKey(post.threadId()))
          .map(post -> post(post, byId.get(post.threadId()))).toList();
    }
  }

  private static Findable thread(ForumThread thread) {
    return new Findable(THREAD, thread.id(), scope(thread.category()), thread.title(), "", thread.createdAt(),
        Map.of(THREAD_TAG, thread.id(), CATEGORY_TAG, thread.category(), AUTHOR_TAG, id(thread.author())),
        Map.of(ACTIVITY, activity(thread), LISTED, activity(thread) + (thread.pinned() ? PINNED_FIRST : 0L)),
        Map.of(THREAD_TAG, thread.id()));
  }

  private static Findable post(Post post, ForumThread thread) {
    return new Findable(POST, post.id(), scope(thread.category()), "", post.text(), post.createdAt(),
        Map.of(THREAD_TAG, thread.id(), CATEGORY_TAG, thread.category(), AUTHOR_TAG, id(post.author())),
        Map.of(WRITTEN, post.createdAt() == null ? 0L : post.createdAt().toEpochMilli()), Map.of(THREAD_TAG, thread.id(), "number", String.valueOf(post.number())));
  }

  private static String id(vn.ngoforum.forum.common.Person person) {
    return person == null || person.id() == null ? "" : person.id();
  }

  private static long activity(ForumThread thread) {
    java.time.Instant at = thread.lastActivityAt() != null ? thread.lastActivityAt() : thread.createdAt();
    return at == null ? 0L : at.toEpochMilli();
  }
}
