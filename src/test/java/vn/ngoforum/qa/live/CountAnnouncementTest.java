package vn.ngoforum.qa.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link CountAnnouncement}: an announcement overtaken by another (a higher seq stamped before its own) takes a fresh
 * seq, so the frame with the highest seq carries the latest count. The store is a field here: each stamp is
 * atomic, as {@code findOneAndUpdate} with {@code $max} is.
 */
class CountAnnouncementTest {

  /** An item as stored: its seq and the count it showed when stamped. */
  record Item(long seq, int count) {
  }

  private final AtomicLong sessionSeq = new AtomicLong(10);
  private long storedSeq;
  private int count = 7;
  private final List<Long> stamps = new ArrayList<>();

  private Future<Long> nextSeq() {
    return Future.succeededFuture(sessionSeq.incrementAndGet());
  }

  /** {@code $max} on the seq, answering the item as stored. */
  private Future<Item> stamp(long seq) {
    stamps.add(seq);
    storedSeq = Math.max(storedSeq, seq);
    return Future.succeededFuture(new Item(storedSeq, count));
  }

  @Test
  @DisplayName("an announcement nobody overtook is stamped once, with its own seq")
  void notOvertaken() {
    Item item = CountAnnouncement.stamped(this::nextSeq, this::stamp, Item::seq).result();
    assertEquals(new Item(11, 7), item);
    assertEquals(List.of(11L), stamps);
  }

  @Test
  @DisplayName("overtaken by an announcement that took a later seq but stamped first, it stamps a fresh seq: its"
      + " frame, with the newer count, is the one pages keep")
  void overtakenTakesAFreshSeq() {
    // The other announcement took seq 12 after ours took 11, and stamped it first with the count it read (7).
    LongFunction<Future<Item>> raced = seq -> {
      if (stamps.isEmpty()) {
        storedSeq = 12;
        sessionSeq.set(12);
        count = 8; // a vote landed after the other read the count
      }
      return stamp(seq);
    };
    Item item = CountAnnouncement.stamped(this::nextSeq, raced, Item::seq).result();
    assertEquals(List.of(11L, 13L), stamps, "overtaken at 11 by 12, stamped again at 13");
    assertEquals(new Item(13, 8), item, "the frame goes out above the other's seq with the latest count");
  }

  @Test
  @DisplayName("overtaken again and again, it stops after a few seqs and goes out as it is")
  void overtakenEveryTime() {
    LongFunction<Future<Item>> alwaysBehind = seq -> {
      storedSeq = seq + 1;
      return stamp(seq);
    };
    Item item = CountAnnouncement.stamped(this::nextSeq, alwaysBehind, Item::seq).result();
    assertEquals(CountAnnouncement.ATTEMPTS, stamps.size());
    assertEquals(11 + CountAnnouncement.ATTEMPTS, item.seq());
  }

  @Test
  @DisplayName("no session (no seq) or no item: nothing to announce")
  void nothingToAnnounce() {
    assertNull(CountAnnouncement.stamped(() -> Future.<Long>succeededFuture(null), this::stamp, Item::seq).result());
    assertEquals(List.of(), stamps, "without a seq nothing is stamped");
    assertNull(CountAnnouncement.<Item>stamped(this::nextSeq, seq -> Future.succeededFuture(null), Item::seq).result());
  }
}
