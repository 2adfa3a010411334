package vn.ngoforum.search;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.ext.mongo.MongoClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.ops.Meters;
import vn.ngoforum.realtime.Addresses;

/**
 * Keeps this node's {@link SearchIndex} current: deployed once per node as a worker verticle (Lucene blocks), it
 * reads the numbered change log ({@link Changes}) after its checkpoint, re-reads each changed thing from its
 * feature's {@link FindableSource} by key and puts or drops its entry. It reads the log when told a change was
 * logged (any node) and every {@link #POLL} anyway, so a lost message only delays. On start it catches up from the
 * index's checkpoint; an index that is new, made for other sources, or older than the log's floor is rebuilt from
 * the sources in the background, while {@link #state()} says so (search answers "not ready" meanwhile).
 *
 * <p>Searches and listings run on the worker pool ({@link #search}, {@link #list}), from any verticle.
 */
public final class Indexer extends VerticleBase {

  /** How the index is doing, for health checks and for searches asked during a rebuild. */
  public enum State { STARTING, REBUILDING, READY }

  static final Duration POLL = Duration.ofSeconds(1);
  static final Duration COMMIT = Duration.ofSeconds(5);
  /** A number taken but never written (its writer died) is skipped after this long. */
  static final Duration GAP_PATIENCE = Duration.ofSeconds(30);
  static final int BATCH = 256;
  /** How long a search waits for this node to read the latest changes before it searches what it has. */
  static final Duration CATCH_UP_WAIT = Duration.ofSeconds(2);
  /** After a failed build (the store unreachable, say), it is tried again this much later, doubling to the most. */
  static final Duration RETRY_FIRST = Duration.ofSeconds(10);
  /** How many entries a rebuild puts between two lines of its progress in the log. */
  private static final long REBUILD_REPORT_EVERY = 100_000;
  static final Duration RETRY_MAX = Duration.ofMinutes(5);
  private static final Logger LOG = LoggerFactory.getLogger(Indexer.class);

  private final Path directory;
  private final ChangeRepository log;
  private final Retention retention;
  private final Map<String, FindableSource> sources = new LinkedHashMap<>();
  private final Map<Long, Instant> gaps = new HashMap<>();
  private volatile SearchIndex index;
  private volatile State state = State.STARTING;
  private volatile long applied;
  private final List<Waiting> waiting = new ArrayList<>();
  private long committed;
  private boolean reading;
  private boolean readAgain;
  /** Failed builds since the last success. */
  private int attempts;
  private MessageConsumer<Long> told;

  /**
   * @param directory where the index lives (null: in memory, rebuilt at every start)
   * @param sources every kind of findable thing, one source each
   */
  public Indexer(Path directory, MongoClient mongo, List<FindableSource> sources) {
    this(directory, mongo, sources, Retention.DEFAULT);
  }

  /**
   * @param retention how long the change log keeps changes: this node trims it on that schedule (every node does;
   *     trimming twice is harmless)
   */
  public Indexer(Path directory, MongoClient mongo, List<FindableSource> sources, Retention retention) {
    this.directory = directory;
    this.log = new ChangeRepository(mongo);
    this.retention = retention;
    sources.forEach(source -> this.sources.put(source.kind(), source));
  }

  @Override
  public Future<?> start() {
    // The start-up only opens the index: catching up and rebuilding go on in the background.
    return log.storeId().map(store -> {
      // v2: order numbers are points too (listings skip what cannot make their page); an older index is rebuilt.
      String schema = sources.values().stream().map(source -> source.kind() + "@" + source.version())
          .collect(Collectors.joining(",", "v2:", "/" + store));
      index = directory == null ? SearchIndex.inMemory() : SearchIndex.open(directory, schema);
      applied = index.checkpoint();
      committed = applied;
      measure();
      catchUp();
      return null;
    });
  }

  /**
   * The read model's size for operators ({@code forum_search_documents}, {@code forum_search_applied}): read when
   * scraped. The index lives as long as the verticle, so the gauges hold it weakly and read nothing once it is gone.
   */
  private void measure() {
    Meters meters = Meters.of(vertx);
    meters.gauge(Meters.PREFIX + "search.documents", "Entries in this node's search index (threads, posts, questions, organisations)",
        this, indexer -> indexer.documents());
    meters.gauge(Meters.PREFIX + "search.applied", "Number of the last change this node's search index applied",
        this, indexer -> indexer.applied);
  }

  private double documents() {
    try {
      return index == null ? Double.NaN : index.size();
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /**
   * Rebuilds first when the index cannot catch up by number: never built, older than the log's floor, or ahead of
   * the log (the store was restored from a backup older than the index).
   */
  private void catchUp() {
    Future.all(log.floor(), log.last())
        .compose(both -> {
          long floor = both.resultAt(0);
          long last = both.resultAt(1);
          return applied == SearchIndex.NEVER || applied + 1 < floor || applied > last ? rebuild()
              : Future.succeededFuture();
        })
        .onSuccess(ready -> {
          attempts = 0;
          state = State.READY;
          told = vertx.eventBus().consumer(Addresses.SEARCH_CHANGED, message -> read());
          vertx.setPeriodic(POLL.toMillis(), id -> read());
          vertx.setPeriodic(COMMIT.toMillis(), id -> commit());
          vertx.setPeriodic(retention.every().toMillis(), id -> trim());
          read();
        })
        .onFailure(failure -> {
          long wait = Math.min(RETRY_MAX.toMillis(), RETRY_FIRST.toMillis() << Math.min(attempts++, 10));
          LOG.error("The search index could not be built; search stays unavailable, trying again in {} s",
              wait / 1000, failure);
          vertx.setTimer(wait, id -> catchUp());
        });
  }

  /** Trims the change log to what {@link #retention} keeps (a scan of the log: background work). */
  private void trim() {
    log.trim(Instant.now().minus(retention.keepFor()), retention.keepLast())
        .onSuccess(removed -> {
          if (removed > 0) {
            LOG.info("Trimmed {} changes from the change log", removed);
          }
        })
        .onFailure(failure -> LOG.warn("Could not trim the change log: {}", failure.toString()));
  }

  @Override
  public Future<?> stop() {
    Future<Void> unregistered = told == null ? Future.succeededFuture() : told.unregister();
    return unregistered.andThen(done -> {
      if (index == null) {
        return;
      }
      try {
        if (state == State.READY) {
          commit();
        }
        index.close();
      } catch (IOException e) {
        LOG.warn("Closing the search index: {}", e.toString());
      }
    });
  }

  public State state() {
    return state;
  }

  /** The number of the last change this node's index includes. */
  public long applied() {
    return applied;
  }

  /**
   * A search among what the reader may see; runs on the worker pool. It first waits (at most
   * {@link #CATCH_UP_WAIT}) until this node has applied every change of the log up to the last one handed out when
   * the search came, so a search finds everything whose change was logged before it: a person finds the reply they
   * just posted, on any node.
   */
  public Future<Found> search(Search search) {
    return caughtUp().compose(v -> vertx.executeBlocking(() -> index.search(search), false));
  }

  /** The values of a tag whose entries hold the search's words between them (see {@link SearchIndex}). */
  public Future<Set<String>> groupsHoldingAll(Search search, String tag, int max) {
    return caughtUp().compose(v -> vertx.executeBlocking(() -> index.groupsHoldingAll(search, tag, max), false));
  }

  /** Which of these values of a tag an earlier page of the search showed (see {@link SearchIndex#shownBefore}). */
  public Future<Set<String>> shownBefore(Search search, String tag, Set<String> values) {
    return vertx.executeBlocking(() -> index.shownBefore(search, tag, values), false);
  }

  private Future<Void> caughtUp() {
    if (state != State.READY) {
      return Future.succeededFuture();
    }
    return log.last().compose(last -> {
      if (last <= applied) {
        return Future.succeededFuture();
      }
      Promise<Void> read = Promise.promise();
      long timer = vertx.setTimer(CATCH_UP_WAIT.toMillis(), id -> read.tryComplete());
      context.runOnContext(v -> {
        if (applied >= last) {
          read.tryComplete();
        } else {
          waiting.add(new Waiting(last, read));
          read();
        }
      });
      return read.future().onComplete(done -> vertx.cancelTimer(timer));
    });
  }

  /** A search waiting for this node to have read the log up to {@code seq}. */
  private record Waiting(long seq, Promise<Void> read) {
  }

  /**
   * A sorted listing; runs on the worker pool. Like {@link #search}, it first waits (at most
   * {@link #CATCH_UP_WAIT}) for this node to have applied every change logged before it: a thread just started
   * or replied to is listed at once for its writer, on any node.
   */
  public Future<Found> list(Listing listing) {
    return caughtUp().compose(v -> vertx.executeBlocking(() -> index.list(listing), false));
  }

  /** Reads the log after what was applied, a batch at a time, until it has read all of it. */
  private void read() {
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
    readAgain = false;
    log.last()
        .compose(last -> last <= applied ? Future.succeededFuture(false)
            : log.between(applied + 1, Math.min(last, applied + BATCH))
                .compose(changes -> apply(changes, Math.min(last, applied + BATCH))))
        .onComplete(moved -> {
          reading = false;
          if (moved.failed()) {
            LOG.warn("Could not read the change log: {}", moved.cause().toString());
          } else if (moved.result() || readAgain) {
            read();
          }
        });
  }

  /** Puts or drops the entries of these changes; answers whether {@link #applied} moved on. */
  private Future<Boolean> apply(List<Change> changes, long upTo) {
    Map<String, Set<String>> byKind = new LinkedHashMap<>();
    for (Change change : changes) {
      byKind.computeIfAbsent(change.kind(), kind -> new LinkedHashSet<>()).add(change.id());
    }
    List<Future<Void>> applying = new ArrayList<>();
    byKind.forEach((kind, ids) -> {
      FindableSource source = sources.get(kind);
      if (source != null) {
        applying.add(source.find(List.copyOf(ids)).compose(entries -> put(kind, ids, entries)));
      }
    });
    return Future.all(applying).map(done -> {
      try {
        index.refresh();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return moveOn(changes, upTo);
    });
  }

  private Future<Void> put(String kind, Set<String> ids, List<Findable> entries) {
    try {
      index.put(entries);
      Set<String> gone = new HashSet<>(ids);
      entries.forEach(entry -> gone.remove(entry.id()));
      index.remove(kind, gone);
      return Future.succeededFuture();
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * Moves {@link #applied} over the changes read, stopping at a number missing from the log (its writer may still
   * be writing it) unless it has been missing for {@link #GAP_PATIENCE} (its writer died).
   */
  private boolean moveOn(List<Change> changes, long upTo) {
    Set<Long> read = changes.stream().map(Change::seq).collect(Collectors.toSet());
    long before = applied;
    Instant now = Instant.now();
    for (long seq = applied + 1; seq <= upTo; seq++) {
      if (!read.contains(seq)) {
        Instant missingSince = gaps.computeIfAbsent(seq, missing -> now);
        if (Duration.between(missingSince, now).compareTo(GAP_PATIENCE) < 0) {
          break;
        }
        LOG.warn("Change {} was never written; the search index goes on without it", seq);
      }
      gaps.remove(seq);
      applied = seq;
    }
    // Searches waiting for this node to have applied every change up to theirs (a number still being written by
    // its writer holds them back: that writer has not answered yet; one never written, for GAP_PATIENCE at most).
    waiting.removeIf(wait -> {
      if (wait.seq() > applied) {
        return false;
      }
      wait.read().tryComplete();
      return true;
    });
    return applied > before;
  }

  private void commit() {
    if (applied > committed) {
      try {
        index.commit(applied);
        committed = applied;
      } catch (IOException e) {
        LOG.warn("Could not commit the search index: {}", e.toString());
      }
    }
  }

  /** Builds the whole index again from the sources; the log's current number becomes the checkpoint. */
  private Future<Void> rebuild() {
    state = State.REBUILDING;
    long started = System.nanoTime();
    LOG.info("Building the search index from {} sources", sources.size());
    return log.last().compose(last -> {
      try {
        index.clear();
      } catch (IOException e) {
        return Future.failedFuture(e);
      }
      Future<Void> all = Future.succeededFuture();
      long[] entries = {0};
      for (FindableSource source : sources.values()) {
        all = all.compose(v -> source.all(batch -> {
          try {
            index.put(batch);
            // For the operator watching a large forum start: the rebuild of a million posts takes minutes.
            if (entries[0] / REBUILD_REPORT_EVERY != (entries[0] + batch.size()) / REBUILD_REPORT_EVERY) {
              LOG.info("Building the search index: {} entries so far ({})", entries[0] + batch.size(),
                  source.kind());
            }
            entries[0] += batch.size();
            return Future.succeededFuture();
          } catch (IOException e) {
            return Future.failedFuture(e);
          }
        }));
      }
      return all.compose(v -> {
        try {
          index.refresh();
          index.commit(last);
          applied = last;
          committed = last;
          LOG.info("Built the search index: {} entries in {} ms", index.size(),
              (System.nanoTime() - started) / 1_000_000);
          return Future.succeededFuture();
        } catch (IOException e) {
          return Future.failedFuture(e);
        }
      });
    });
  }
}
