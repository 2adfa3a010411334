package vn.ngoforum.qa;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.ext.mongo.MongoClient;
import java.util.regex.Pattern;
import vn.ngoforum.realtime.Addresses;

/**
 * How many browsers follow each session's public address right now, counted from the bridge's registrations, and
 * announced on {@code qa.session.{id}} as {@code {type:"followers", id, count, seq}} at most every
 * {@value #ANNOUNCE_MILLIS} ms (a hall joining at once costs a frame, not thousands).
 *
 * <p>The count lives in a {@link LocalMap} of this Vert.x instance, so all HTTP verticle instances of one node share
 * it. It counts connections (a person with two tabs counts twice) and is not a stored state: its {@code seq} is the
 * session's sequence number when counted (as every body on the address carries one), it takes no new number, and
 * {@code ?since} does not replay it: a page that reconnects reads the count afresh. With several nodes each node counts only its own
 * sockets; the cluster's count is the sum. The way to get it: each node keeps its count per session in a
 * cluster-wide map keyed by node id and session (Hazelcast's {@code AsyncMap} via {@code sharedData()}, with a TTL
 * refreshed on every announcement so that a crashed node's sockets fall out), and the announcer sums the entries
 * of the session before publishing; the publish itself already reaches every node's browsers over the clustered
 * event bus.
 */
final class Followers {

  static final long ANNOUNCE_MILLIS = 1000;
  private static final String COUNTS = "qa.followers";
  private static final Pattern PUBLIC_ADDRESS = Pattern.compile("qa\\.session\\.([A-Za-z0-9_-]{1,100})");

  private final Vertx vertx;
  private final EventRepository events;
  private final LocalMap<String, Integer> counts;
  private final LocalMap<String, Boolean> scheduled;

  Followers(Vertx vertx, MongoClient mongo) {
    this.vertx = vertx;
    this.events = new EventRepository(mongo);
    this.counts = vertx.sharedData().getLocalMap(COUNTS);
    this.scheduled = vertx.sharedData().getLocalMap("qa.followers.scheduled");
  }

  /** For the bridge's follow listener: counts registrations on {@code qa.session.{id}} (not {@code .mod}). */
  void changed(String address, int delta) {
    var matcher = PUBLIC_ADDRESS.matcher(address);
    if (!matcher.matches()) {
      return;
    }
    String sessionId = matcher.group(1);
    while (true) {
      Integer old = counts.get(sessionId);
      int now = Math.max(0, (old == null ? 0 : old) + delta);
      boolean done = old == null ? counts.putIfAbsent(sessionId, now) == null : counts.replace(sessionId, old, now);
      if (done) {
        break;
      }
    }
    if (scheduled.putIfAbsent(sessionId, true) == null) {
      vertx.setTimer(ANNOUNCE_MILLIS, id -> {
        scheduled.remove(sessionId);
        events.session(sessionId).onSuccess(session -> {
          if (session != null) {
            vertx.eventBus().publish(Addresses.session(sessionId), new JsonObject().put("type", "followers")
                .put("id", sessionId).put("count", count(sessionId)).put("seq", session.getLong("seq", 0L)));
          }
        });
      });
    }
  }

  int count(String sessionId) {
    Integer count = counts.get(sessionId);
    return count == null ? 0 : count;
  }

  /** How many browsers follow the session on this node (for whoever has no Followers at hand). */
  static int count(Vertx vertx, String sessionId) {
    Integer count = vertx.sharedData().<String, Integer>getLocalMap(COUNTS).get(sessionId);
    return count == null ? 0 : count;
  }
}
