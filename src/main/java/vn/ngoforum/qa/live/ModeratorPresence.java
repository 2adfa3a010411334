package vn.ngoforum.qa.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.auth.CurrentUser;

/**
 * Who is moderating each session right now: the people whose browsers follow its moderators' address
 * ({@code qa.session.{id}.mod}), announced there as {@code {type:"moderators", id, seq, moderators:[{id, name}]}}
 * whenever one joins or leaves, so each moderator sees the others live.
 *
 * <p>Each socket following the address is an entry {@code <session>/<person>/<socket>} → name in a map of Vert.x
 * shared data (a Hazelcast map every node reads with {@code FORUM_CLUSTER}, else a map of this process), living
 * {@value #ENTRY_TTL_MILLIS} ms unless stated again, which the bridge instance that holds the socket does every
 * {@value #REFRESH_MILLIS} ms: the moderators of a node that crashed drop out soon after (announced at the next
 * change). A person with two tabs counts once.
 */
public final class ModeratorPresence {

  private static final Logger LOG = LoggerFactory.getLogger(ModeratorPresence.class);
  static final long REFRESH_MILLIS = 5000;
  static final long ENTRY_TTL_MILLIS = 3 * REFRESH_MILLIS;
  private static final Pattern MODERATORS_ADDRESS = Pattern.compile("qa\\.session\\.([A-Za-z0-9_-]{1,100})\\.mod");

  private final SessionSeq seqs;
  private final SessionFeed feed;
  private final Future<AsyncMap<String, String>> present;
  /** The entries of this instance's sockets, stated again at each refresh. */
  private final Map<String, String> mine = new ConcurrentHashMap<>();

  public ModeratorPresence(Vertx vertx, SessionSeq seqs, SessionFeed feed) {
    this.seqs = seqs;
    this.feed = feed;
    this.present = vertx.sharedData().getAsyncMap("qa.moderators.present");
    vertx.setPeriodic(REFRESH_MILLIS, id -> mine.forEach((key, name) -> present.compose(map -> map.put(key, name,
        ENTRY_TTL_MILLIS))));
  }

  /** For the bridge's presence listener: a socket started ({@code +1}) or stopped following an address. */
  public void changed(String address, CurrentUser user, String connectionId, int delta) {
    Matcher matcher = MODERATORS_ADDRESS.matcher(address);
    if (!matcher.matches() || user == null) {
      return;
    }
    String sessionId = matcher.group(1);
    String key = sessionId + "/" + user.id() + "/" + connectionId;
    String name = user.name() == null || user.name().isBlank() ? user.username() : user.name();
    Future<?> stated;
    if (delta > 0) {
      mine.put(key, name);
      stated = present.compose(map -> map.put(key, name, ENTRY_TTL_MILLIS));
    } else {
      mine.remove(key);
      stated = present.compose(map -> map.remove(key));
    }
    stated.compose(v -> moderators(sessionId)).compose(list -> seqs.current(sessionId).map(seq -> {
      if (seq != null) {
        feed.toModerators(sessionId, new JsonObject().put("type", "moderators").put("id", sessionId)
            .put("seq", seq).put("moderators", list));
      }
      return null;
    })).onFailure(failure -> LOG.warn("Could not tell who moderates session {}: {}", sessionId,
        failure.getMessage()));
  }

  /** The people moderating the session now, {@code [{id, name}]} by name (each once). */
  public Future<List<JsonObject>> moderators(String sessionId) {
    String prefix = sessionId + "/";
    return present.compose(AsyncMap::entries).map(entries -> {
      Map<String, String> byPerson = new TreeMap<>();
      entries.forEach((key, name) -> {
        if (key.startsWith(prefix)) {
          byPerson.put(key.substring(prefix.length(), key.lastIndexOf('/')), name);
        }
      });
      return byPerson.entrySet().stream()
          .map(person -> new JsonObject().put("id", person.getKey()).put("name", person.getValue()))
          .sorted(Comparator.comparing((JsonObject person) -> person.getString("name"))).toList();
    });
  }
}
