package vn.ngoforum.realtime;

import java.util.regex.Pattern;

/**
 * Every event-bus address browsers can follow (DESIGN.md's public contract). Servers publish here after the
 * change is in MongoDB; browsers only ever receive: nothing may be sent or published from a browser.
 *
 * <pre>
 *   forum.thread.{threadId}      new, edited and hidden posts of a thread
 *   qa.session.{sessionId}       public Q&amp;A changes (approved, voted, answered, highlighted, ...), with seq
 *   qa.session.{sessionId}.mod   moderators only: pending questions
 *   user.{userId}                the signed-in person's own notifications
 *   consultation.{id}            a consultation's comments, amendments, supports, endorsements, signatures, with seq
 * </pre>
 *
 * <p>And the servers' own, which no browser can follow (the bridge refuses every address not above):
 *
 * <pre>
 *   forum.thread-changed         a thread id (or "*" for all) that changed: every node's caches of threads hear it
 *   forum.access.changed         who may follow some addresses changed: every bridge checks its connections again
 *   forum.search.changed         the number of a change just logged: every node's indexer reads the log now
 *   forum.bridge.quiet.{address} where the bridge's per-socket consumers listen; nothing is published there
 * </pre>
 */
public final class Addresses {

  /** Ids in addresses: our ids and Keycloak's subjects are made of these characters only. */
  static final String ID = "[A-Za-z0-9_-]{1,100}";
  static final Pattern THREAD = Pattern.compile("forum\\.thread\\.(" + ID + ")");
  static final Pattern SESSION = Pattern.compile("qa\\.session\\.(" + ID + ")");
  static final Pattern SESSION_MODERATORS = Pattern.compile("qa\\.session\\.(" + ID + ")\\.mod");
  static final Pattern USER = Pattern.compile("user\\.(" + ID + ")");
  static final Pattern CONSULTATION = Pattern.compile("consultation\\.(" + ID + ")");

  /** Internal: a thread id, or {@code "*"} for all, that changed (the guest page cache, later search, listen). */
  public static final String THREAD_CHANGED = "forum.thread-changed";
  /** Internal: the id of a person who closed their account (every node's {@code auth.ClosedAccounts}). */
  public static final String ACCOUNT_CLOSED = vn.ngoforum.auth.ClosedAccounts.ADDRESS;
  /** Internal: who may follow some addresses changed (see {@link AccessChanges}). */
  public static final String ACCESS_CHANGED = "forum.access.changed";
  /** Internal: a change was logged (see {@code search.Changes}); indexers read the log now, not at their next poll. */
  public static final String SEARCH_CHANGED = "forum.search.changed";
  /** Internal: the prefix of the quiet twins the bridge registers for sockets (see {@code Fanout}). */
  static final String QUIET_PREFIX = "forum.bridge.quiet.";

  private Addresses() {
  }

  public static String thread(String threadId) {
    return "forum.thread." + threadId;
  }

  public static String session(String sessionId) {
    return "qa.session." + sessionId;
  }

  public static String sessionModerators(String sessionId) {
    return "qa.session." + sessionId + ".mod";
  }

  public static String user(String userId) {
    return "user." + userId;
  }

  public static String consultation(String consultationId) {
    return "consultation." + consultationId;
  }
}
