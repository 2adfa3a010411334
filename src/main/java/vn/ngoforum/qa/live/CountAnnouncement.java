package vn.ngoforum.qa.live;

import io.vertx.core.Future;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Stamps the announcement of a changed count (a question's votes, a poll's results) with a fresh sequence number,
 * so that the frame pages keep is the one with the latest count.
 *
 * <p>Two announcements of one item can be on their way at once: one per node, or a coalescing window closing while
 * the previous announcement still waits on the store. Each takes the session's next seq, then stamps it on the
 * item ({@code $max}: the stored seq never goes down) and reads the item as stored, count included. Pages apply a
 * frame only when its seq is newer than the copy they hold, so the frame with the highest seq must carry the latest
 * count. The announcement that stamps later reads the later count; when it finds a higher seq than its own already
 * stamped, it was overtaken (the other took its seq later but stamped first), and its frame, newer count and all,
 * would be ignored by every page that has the other's. It then takes a fresh seq and stamps again.
 *
 * <p>A change of the item (a moderator's decision on a question, a poll's close) takes its seq and writes it the same
 * way, so an announcement of the counts can overtake it too: its frame, read before the change wrote, would hide the
 * change from pages that got it first. Overtaken, the change takes a fresh seq as well ({@link #changed}).
 */
public final class CountAnnouncement {

  /** How many seqs one announcement takes at most: overtaken that often, it goes out as it is. */
  static final int ATTEMPTS = 5;

  private CountAnnouncement() {
  }

  /**
   * The item stamped with a seq no other announcement overtook, or {@code null} when there is no session
   * ({@code nextSeq} answered {@code null}) or no item ({@code stamp} answered {@code null}).
   *
   * @param nextSeq the session's next seq (a write: each call takes a new one)
   * @param stamp   gives the item the seq unless it has a higher one, and answers the item as stored
   * @param seqOf   the seq of an item as stored
   */
  public static <T> Future<T> stamped(Supplier<Future<Long>> nextSeq, LongFunction<Future<T>> stamp,
      ToLongFunction<T> seqOf) {
    return stamped(nextSeq, stamp, seqOf, ATTEMPTS);
  }

  /**
   * The item as a change written with {@code seq} left it, to announce: as written, unless it has a higher seq (an
   * announcement of its counts stamped one first), then {@code restamped} (a fresh seq, as {@link #stamped} gives
   * it); as written, too, when {@code restamped} finds no session or item. {@code null} when there is no item.
   */
  public static <T> Future<T> changed(T written, long seq, ToLongFunction<T> seqOf, Supplier<Future<T>> restamped) {
    if (written == null || seqOf.applyAsLong(written) <= seq) {
      return Future.succeededFuture(written);
    }
    return restamped.get().map(item -> item == null ? written : item);
  }

  private static <T> Future<T> stamped(Supplier<Future<Long>> nextSeq, LongFunction<Future<T>> stamp,
      ToLongFunction<T> seqOf, int attempts) {
    return nextSeq.get().compose(seq -> seq == null ? Future.<T>succeededFuture(null)
        : stamp.apply(seq).compose(item -> item != null && seqOf.applyAsLong(item) > seq && attempts > 1
            ? stamped(nextSeq, stamp, seqOf, attempts - 1) : Future.succeededFuture(item)));
  }
}
