package vn.ngoforum.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.db.Dates;
import vn.ngoforum.web.I18n;

/**
 * The audit log: every moderation and administration action, who did it, to what, when and why. Entries are
 * only ever added (never edited or removed); forum admins read them, newest first, a page at a time
 * ({@link #page}), each page read by key (see {@link AuditRepository}).
 */
public final class AuditLog {

  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

  static final String AUDIT = AuditRepository.AUDIT;
  /** The most numbers one page looks at: a rare filter over a long log is continued page by page. */
  static final int MAX_EXAMINED = 2000;
  /** Numbers read by key at once. */
  static final int BATCH = 100;
  /** How many days back from "until" a page looks for the last entry written by then. */
  static final int DAYS_BACK = 400;

  private final AuditRepository entries;

  public AuditLog(MongoClient mongo) {
    this.entries = new AuditRepository(mongo);
  }

  /**
   * What the admins' page asks for; each part may be {@code null} (any).
   *
   * @param who    part of the actor's username or name, any case
   * @param what   an action ({@code org.suspend}) or the start of one ({@code org.})
   * @param from   the first day (Asia/Ho_Chi_Minh) included
   * @param until  the last day included
   * @param before continue below this entry number (the previous page's {@link Page#next})
   */
  public record Query(String who, String what, LocalDate from, LocalDate until, Long before) {

    boolean matches(JsonObject entry) {
      JsonObject actor = entry.getJsonObject("actor", new JsonObject());
      String action = entry.getString("action", "");
      return (who == null || contains(actor.getString("username"), who) || contains(actor.getString("name"), who))
          && (what == null || action.equals(what) || action.startsWith(what.endsWith(".") ? what : what + "."));
    }

    private static boolean contains(String text, String part) {
      return text != null && text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * One page of the log: the entries found, newest first; {@code next} the number to continue below when there may
   * be more ({@code null} at the end); {@code searchedTo} the time of the oldest entry looked at when the page
   * stopped looking before it was full (a rare filter over a long log), else {@code null}.
   */
  public record Page(List<JsonObject> entries, Long next, Instant searchedTo) {
  }

  /**
   * Records an action.
   *
   * @param action     what was done, e.g. {@code "post.hide"}, {@code "question.approve"}, {@code "org.verify"}
   * @param targetType what it was done to, e.g. {@code "post"}
   * @param reason     why, as the actor wrote it (may be {@code null})
   * @param details    anything worth keeping, e.g. the original text of an edited question (may be {@code null})
   */
  public Future<Void> record(CurrentUser actor, String action, String targetType, String targetId, String reason,
      JsonObject details) {
    Instant now = Instant.now();
    JsonObject entry = new JsonObject()
        .put("at", Dates.of(now))
        .put("actor", new JsonObject().put("id", actor.id()).put("username", actor.username())
            .put("name", actor.name()))
        .put("action", action)
        .put("target", new JsonObject().put("type", targetType).put("id", targetId));
    if (reason != null) {
      entry.put("reason", reason);
    }
    if (details != null) {
      entry.put("details", details);
    }
    return entries.insert(entry, day(now));
  }

  /** The newest entries first, optionally only those about one target. */
  public Future<List<JsonObject>> latest(String targetType, String targetId, int limit) {
    return entries.latest(targetType, targetId, limit)
        .map(found -> found.stream().map(AuditLog::publicView).toList());
  }

  /**
   * Up to {@code size} entries that {@code query} selects, newest first. It reads runs of entry numbers by key,
   * from the last one written by {@code until} (or {@code before}) down, and stops when the page is full, the log
   * or the day {@code from} is passed, or it has looked at {@value #MAX_EXAMINED} numbers.
   */
  public Future<Page> page(Query query, int size) {
    return Future.all(start(query), entries.lowest()).compose(bounds -> {
      long top = bounds.<Long>resultAt(0);
      long bottom = bounds.<Long>resultAt(1);
      Instant after = query.from() == null ? null : query.from().atStartOfDay(I18n.FORUM_ZONE).toInstant();
      Instant until = query.until() == null ? null
          : query.until().plusDays(1).atStartOfDay(I18n.FORUM_ZONE).toInstant();
      return walk(query, size, top, bottom, after, until, new ArrayList<>(), 0, null);
    });
  }

  private Future<Page> walk(Query query, int size, long top, long bottom, Instant after, Instant until,
      List<JsonObject> found, int examined, Instant oldestSeen) {
    if (top < bottom) {
      return Future.succeededFuture(new Page(found, null, null));
    }
    if (examined >= MAX_EXAMINED) {
      return Future.succeededFuture(new Page(found, top + 1, oldestSeen));
    }
    long downTo = Math.max(bottom, top - BATCH + 1);
    return entries.run(top, downTo).compose(run -> {
      Instant oldest = oldestSeen;
      for (JsonObject entry : run) {
        Instant at = Dates.instant(entry.getValue("at"));
        oldest = at;
        if (after != null && at.isBefore(after)) {
          return Future.succeededFuture(new Page(found, null, null));
        }
        if ((until == null || at.isBefore(until)) && query.matches(entry)) {
          found.add(publicView(entry));
          if (found.size() == size) {
            long seq = entry.getLong("seq");
            return Future.succeededFuture(new Page(found, seq > bottom ? seq : null, null));
          }
        }
      }
      return walk(query, size, downTo - 1, bottom, after, until, found, examined + (int) (top - downTo + 1), oldest);
    });
  }

  /** The number to start from: below {@code before}, and no later than the last entry written by {@code until}. */
  private Future<Long> start(Query query) {
    Future<Long> newest = query.before() != null ? Future.succeededFuture(query.before() - 1) : entries.highest();
    if (query.until() == null) {
      return newest;
    }
    List<String> days = new ArrayList<>();
    for (int back = 0; back < DAYS_BACK; back++) {
      days.add(query.until().minusDays(back).toString());
    }
    return newest.compose(top -> entries.days(days).map(found -> found.stream()
        .mapToLong(day -> day.getLong("last"))
        .map(last -> Math.min(last, top))
        .max().orElse(Long.MIN_VALUE)));
  }

  public Future<Void> createIndexes() {
    return entries.createIndexes();
  }

  /**
   * The start-up migration, in the background: numbers the entries written before entry numbers existed
   * ({@link AuditRepository#numberOlderEntries}); a no-op once done. Until then the page shows the newer entries.
   */
  public static void startBackgroundWork(MongoClient mongo) {
    new AuditLog(mongo).numberOlderEntries().onComplete(done -> {
      if (done.failed()) {
        LOG.warn("Could not number the older audit entries (the audit page shows the newer ones until a restart"
            + " does): {}", done.cause().toString());
      } else if (done.result() > 0) {
        LOG.info("Numbered {} audit entries written before the audit page's numbers", done.result());
      }
    });
  }

  /** See {@link #startBackgroundWork}: answers how many entries it numbered (0 once done). */
  public Future<Integer> numberOlderEntries() {
    return entries.numberOlderEntries(at -> day(Dates.instant(at)));
  }

  private static String day(Instant at) {
    return at.atZone(I18n.FORUM_ZONE).toLocalDate().toString();
  }

  private static JsonObject publicView(JsonObject entry) {
    JsonObject view = entry.copy();
    view.put("id", String.valueOf(view.remove("_id")));
    return view;
  }
}
