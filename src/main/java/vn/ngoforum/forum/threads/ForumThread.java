package vn.ngoforum.forum.threads;

import java.time.Instant;
import vn.ngoforum.forum.common.Person;

/**
 * A discussion thread as the forum keeps it: its category, title and author, and the counters that every post
 * moves: {@code seq} (the thread's event sequence: every change of the thread takes the next number), {@code
 * postCount}, {@code lastActivityAt}, {@code lastPoster}, and {@code version}, which moves once a post-level change
 * is written (see {@link ThreadRepository#postsChanged}). Nothing in it grows with its posts.
 *
 * <p>Named {@code ForumThread}, not {@code Thread}: {@code java.lang.Thread} is in scope in every file.
 */
public record ForumThread(String id, String category, String title, Person author, Instant createdAt,
    Instant lastActivityAt, Person lastPoster, int postCount, long seq, long version, boolean pinned,
    boolean locked) {

  /** A new thread with its opening post: one post, event number 1. */
  static ForumThread started(String id, String category, String title, Person author, Instant at) {
    return new ForumThread(id, category, title, author, at, at, author, 1, 1, 0, false, false);
  }

  /** Replies: the posts after the first. */
  public int replies() {
    return Math.max(0, postCount - 1);
  }
}
