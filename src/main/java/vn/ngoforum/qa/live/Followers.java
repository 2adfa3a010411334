package vn.ngoforum.qa.live;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.shareddata.LocalMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.ops.Meters;

/**
 * How many browsers follow each session's public address right now, counted from the bridge's registrations on
 * every node, and announced on {@code qa.session.{id}} as {@code {type:"followers", id, count, seq}} at most every
 * {@value #ANNOUNCE_MILLIS} ms (a hall joining at once costs a frame, not thousands).
 *
 * <p>Each node counts its own sockets in a {@link LocalMap} (shared by its HTTP verticle instances) and states
 * that count in a map of Vert.x shared data keyed by session and node: with {@code FORUM_CLUSTER} it is a
 * Hazelcast map that every node reads, alone it is a map of this process. An entry lives
 * {@value #ENTRY_TTL_MILLIS} ms unless its node states it again, which each node does every
 * {@value #REFRESH_MILLIS} ms: the followers of a node that crashed stop counting soon after. The session's
 * count is the sum of its entries. Each node keeps the sums it last read for pages and the API, and announces a
 * sum that changed to the followers of every node (the publish crosses the clustered event bus).
 *
 * <p>It counts connections (a person with two tabs counts twice) and is not a stored state: its {@code seq} is
 * the session's sequence number when counted (as every body on the address carries one), it takes no new
 * number, and {@code ?since} does not replay it: a page that reconnects reads the count afresh.
 */
public final class Followers {

  private static final Logger LOG = LoggerFactory.getLogger(Followers.class);
  static final long ANNOUNCE_MILLIS = 1000;
  static final long REFRESH_MILLIS = 5000;
  static final long ENTRY_TTL_MILLIS = 3 * REFRESH_MILLIS;
  /** This node's own counts, by session id. */
  private static final String LOCAL_COUNTS = "qa.followers";
  private static final Pattern PUBLIC_ADDRESS = Pattern.compile("qa\\.session\\.([A-Za-z0-9_-]{1,100})");
  /** Not a session id (those match {@link #PUBLIC_ADDRESS}): marks that this node's refresh timer runs. */
  private static final String REFRESHING = "*refresh";

  private final Vertx vertx;
  private final SessionSeq seqs;
  private final SessionFeed feed;
  private final String nodeId;
  private final LocalMap<String, Integer> local;
  private final LocalMap<String, Integer> totals;
  private final LocalMap<String, Boolean> scheduled;
  private final Future<AsyncMap<String, Integer>> shared;
  /**
   * This node's followers by session for the metrics, updated at each refresh (sessions nobody follows leave it, so
   * it holds the sessions live now, not every session ever held); only the instance that refreshes has it.
   */
  private final MultiGauge perSession;

  /**
   * @param seqs where the session's current {@code seq} comes from (each announcement carries it)
   * @param feed where the counts are announced
   */
  public Followers(Vertx vertx, SessionSeq seqs, SessionFeed feed) {
    this.vertx = vertx;
    this.seqs = seqs;
    this.feed = feed;
    this.local = vertx.sharedData().getLocalMap(LOCAL_COUNTS);
    this.totals = vertx.sharedData().getLocalMap("qa.followers.totals");
    this.scheduled = vertx.sharedData().getLocalMap("qa.followers.scheduled");
    LocalMap<String, String> node = vertx.sharedData().getLocalMap("qa.followers.node");
    String candidate = UUID.randomUUID().toString();
    String earlier = node.putIfAbsent("id", candidate);
    this.nodeId = earlier == null ? candidate : earlier;
    this.shared = vertx.sharedData().getAsyncMap("qa.followers.by-node");
    if (scheduled.putIfAbsent(REFRESHING, true) == null) {
      this.perSession = MultiGauge.builder(Meters.PREFIX + "qa.session.followers")
          .description("Live connections following a session's public address on this node, by session")
          .register(Meters.of(vertx).registry());
      vertx.setPeriodic(REFRESH_MILLIS, id -> refresh());
    } else {
      this.perSession = null;
    }
  }

  /** For the bridge's follow listener: counts registrations on {@code qa.session.{id}} (not {@code .mod}). */
  public void changed(String address, int delta) {
    var matcher = PUBLIC_ADDRESS.matcher(address);
    if (!matcher.matches()) {
      return;
    }
    String sessionId = matcher.group(1);
    int now;
    while (true) {
      Integer old = local.get(sessionId);
      now = Math.max(0, (old == null ? 0 : old) + delta);
      boolean done = old == null ? local.putIfAbsent(sessionId, now) == null : local.replace(sessionId, old, now);
      if (done) {
        break;
      }
    }
    Future<Void> stated = state(sessionId, now);
    if (scheduled.putIfAbsent(sessionId, true) == null) {
      vertx.setTimer(ANNOUNCE_MILLIS, id -> {
        scheduled.remove(sessionId);
        stated.transform(done -> sum(sessionId)).onSuccess(count -> {
          totals.put(sessionId, count);
          announce(sessionId, count);
        });
      });
    }
  }

  /** The session's followers on all nodes, as this node last read them. */
  public int count(String sessionId) {
    Integer count = totals.get(sessionId);
    if (count == null) {
      count = local.get(sessionId);
    }
    return count == null ? 0 : count;
  }

  /** Puts this node's count for the session into the shared map (or takes it out at zero). */
  private Future<Void> state(String sessionId, int count) {
    String key = sessionId + "/" + nodeId;
    return shared.compose(map -> count > 0 ? map.put(key, count, ENTRY_TTL_MILLIS) : map.remove(key).mapEmpty())
        .onFailure(failure -> LOG.warn("Could not share the followers of session {}: {}", sessionId,
            failure.getMessage()));
  }

  private Future<Integer> sum(String sessionId) {
    return shared.compose(AsyncMap::entries).map(entries -> sums(entries).getOrDefault(sessionId, 0));
  }

  /**
   * States this node's counts again (so they do not expire), reads everyone's, and announces the sessions whose
   * sum changed (a node gone, its entries expired) to this node's followers.
   */
  private void refresh() {
    perSession.register(local.keySet().stream().filter(id -> local.getOrDefault(id, 0) > 0)
        .map(id -> MultiGauge.Row.of(Tags.of("session", id), local.getOrDefault(id, 0))).toList(), true);
    Future.all(local.keySet().stream().filter(id -> local.getOrDefault(id, 0) > 0)
            .map(id -> state(id, local.getOrDefault(id, 0))).toList())
        .transform(stated -> shared.compose(AsyncMap::entries))
        .onSuccess(entries -> {
          Map<String, Integer> now = sums(entries);
          Set<String> sessions = new HashSet<>(totals.keySet());
          sessions.addAll(now.keySet());
          for (String sessionId : sessions) {
            int count = now.getOrDefault(sessionId, 0);
            Integer before = totals.put(sessionId, count);
            if (count == 0) {
              totals.remove(sessionId);
            }
            if ((before == null ? 0 : before) != count && local.getOrDefault(sessionId, 0) > 0) {
              announce(sessionId, count);
            }
          }
        })
        .onFailure(failure -> LOG.warn("Could not read the followers of other nodes: {}", failure.getMessage()));
  }

  private static Map<String, Integer> sums(Map<String, Integer> entries) {
    Map<String, Integer> sums = new HashMap<>();
    entries.forEach((key, count) -> sums.merge(key.substring(0, key.indexOf('/')), count, Integer::sum));
    return sums;
  }

  private void announce(String sessionId, int count) {
    seqs.current(sessionId).onSuccess(seq -> {
      if (seq != null) {
        feed.toAttendees(sessionId, new JsonObject().put("type", "followers")
            .put("id", sessionId).put("count", count).put("seq", seq));
      }
    });
  }

  /**
   * How many browsers follow the session on this node: what this node's announcements cost it (for whoever has
   * no Followers at hand, e.g. sizing the vote-count coalescing window).
   */
  public static int localCount(Vertx vertx, String sessionId) {
    Integer count = vertx.sharedData().<String, Integer>getLocalMap(LOCAL_COUNTS).get(sessionId);
    return count == null ? 0 : count;
  }
}
