package vn.ngoforum.search;

import java.time.Duration;

/**
 * How long the change log keeps its changes: every {@code every}, each node trims the changes that are both older
 * than {@code keepFor} and more than {@code keepLast} numbers behind the last (so it keeps whichever is more). A node
 * down for longer catches up by rebuilding its index. Trimming is idempotent, so every node may do it.
 *
 * @param every how often a node trims
 * @param keepFor changes younger than this stay
 * @param keepLast the last this many changes stay
 */
public record Retention(Duration every, Duration keepFor, long keepLast) {

  /** Every five minutes, keeping a day of changes or the last 100,000, whichever is more. */
  public static final Retention DEFAULT = new Retention(Duration.ofMinutes(5), Duration.ofHours(24), 100_000);
}
