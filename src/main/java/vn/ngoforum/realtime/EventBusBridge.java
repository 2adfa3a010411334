package vn.ngoforum.realtime;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import io.vertx.ext.web.handler.sockjs.Transport;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Role;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.auth.Sessions;
import vn.ngoforum.ops.Meters;

/**
 * The SockJS event-bus bridge at {@code /eventbus} (and the raw WebSocket at {@code /eventbus/websocket}).
 *
 * <p>Outbound only: browsers may receive on the {@link Addresses} and nothing else, and may never send or
 * publish (no inbound address is permitted, so the bridge refuses every browser message but registration and
 * ping). Who may follow which address is decided when the browser registers, by the feature's
 * {@link RegistrationCheck}, from the person of the browser's session, and decided again whenever a feature says
 * access changed ({@link AccessChanges}): a registration no longer allowed is dropped and the page is told
 * ({@code {"type":"revoked","address":...,"reason":...}}); the connections of a session that signed out are
 * closed. A registration no feature has claimed is refused. A connection follows at most
 * {@value #MAX_ADDRESSES_PER_SOCKET} addresses, counting those still being checked, so a burst of registrations
 * cannot pass the limit. Connections from other sites (or from no site, {@code Origin: null}) are refused. Only
 * the transports browsers need are on: WebSocket, and xhr-streaming and xhr-polling for networks that block it.
 * A connection that stops reading is closed once it is too far behind ({@link OutboundLimit}), and catches up by
 * sequence number when it reconnects.
 * What is published reaches the sockets through {@link Fanout}: one consumer per address and event loop, one
 * frame written to every socket, instead of the bridge's consumer per socket.
 *
 * <p>Longer than most classes on purpose: this is the whole boundary between browsers and the event bus, and a
 * reviewer should be able to read every rule a browser connection is held to in one place.
 *
 * <p>Besides the standard frames, the browser gets {@code {"type":"registered","address":...}} when a registration
 * has taken effect. A page asks for what it missed ("since seq") only then: asked earlier, a change made between
 * the answer and the registration would reach neither.
 */
public final class EventBusBridge {

  private static final Logger LOG = LoggerFactory.getLogger(EventBusBridge.class);
  /**
   * Browsers ping every 10 s (live.js: at 10,000 connections, 5 s pings alone cost a few percent of a core); a
   * socket silent for longer than this is closed (it reconnects and catches up). Six missed pings, because an
   * overloaded server (a vote storm at 5,000 attendees in the benchmark) handles pings late, and closing every
   * socket then would only add a reconnect storm to the overload. The HTTP idle timeout (90 s) is longer still.
   */
  private static final long PING_TIMEOUT_MILLIS = 60_000;
  static final int MAX_ADDRESSES_PER_SOCKET = 50;
  /** The largest body an xhr transport may post: frames from pages are registrations and pings. */
  private static final long MAX_FRAME_BYTES = 64 * 1024;
  /** Why a registration was dropped, as the page is told. */
  static final String REVOKED_ACCESS = "access";
  static final String REVOKED_UNAVAILABLE = "unavailable";
  static final String REVOKED_SIGNED_OUT = "signed-out";

  private final Vertx vertx;
  private final String publicOrigin;
  private final Map<Pattern, RegistrationCheck> checks = new ConcurrentHashMap<>();
  private final List<FollowListener> followListeners = new CopyOnWriteArrayList<>();
  private final List<PresenceListener> presenceListeners = new CopyOnWriteArrayList<>();
  private final OutboundLimit outbound = new OutboundLimit();
  private final Fanout fanout;
  /** Every open socket of this bridge: who it is for and what it follows. */
  private final Map<SockJSSocket, Connection> connections = new ConcurrentHashMap<>();
  /** Open sockets of every bridge of this node ({@code forum_live_connections}). */
  private final AtomicLong liveConnections;
  /** Addresses followed, a socket and an address counting once, on this node ({@code forum_live_follows}). */
  private final AtomicLong liveFollows;

  /**
   * One open socket. Its bridge events, and the access changes this bridge hears, run on the bridge's event loop.
   */
  private static final class Connection {
    final SockJSSocket socket;
    /** Names this socket to presence listeners. */
    final String id = UUID.randomUUID().toString();
    final CurrentUser user;
    /** The forum session the socket was opened under, or {@code null} for a visitor without one. */
    final String sessionId;
    /** The addresses Fanout delivers to this socket: registrations allowed and not dropped since. */
    final Set<String> following = ConcurrentHashMap.newKeySet();
    /** Registrations whose access check has not answered yet. */
    final AtomicInteger checking = new AtomicInteger();
    volatile boolean closed;

    Connection(SockJSSocket socket, CurrentUser user, String sessionId) {
      this.socket = socket;
      this.user = user;
      this.sessionId = sessionId;
    }
  }

  /**
   * Told when a browser starts following an address (registration accepted) or stops (unregistered, dropped, or its
   * socket closed): {@code delta} is +1 or -1. Each socket counts once per address. For presence counters such as
   * "people following this session"; it runs on the bridge's event loop and must not block.
   */
  @FunctionalInterface
  public interface FollowListener {
    void changed(String address, int delta);
  }

  /**
   * As {@link FollowListener}, also told who follows and on which socket ({@code connectionId}): for showing who is
   * present (e.g. the moderators of a session). Runs on the bridge's event loop and must not block.
   */
  @FunctionalInterface
  public interface PresenceListener {
    void changed(String address, CurrentUser user, String connectionId, int delta);
  }

  public EventBusBridge(Vertx vertx, String publicUrl) {
    this.vertx = vertx;
    URI uri = URI.create(publicUrl);
    this.publicOrigin = uri.getScheme() + "://" + uri.getAuthority();
    // Live events from other nodes can arrive as soon as the bridge takes registrations.
    LiveEvent.registerCodec(vertx);
    this.fanout = new Fanout(vertx, outbound);
    Meters meters = Meters.of(vertx);
    this.liveConnections = meters.level(Meters.PREFIX + "live.connections",
        "Live connections (SockJS event-bus bridge sockets) open on this node");
    this.liveFollows = meters.level(Meters.PREFIX + "live.follows",
        "Live addresses followed on this node, each socket and address once");
    // Every person may follow their own notifications, and nobody else's.
    checks.put(Addresses.USER, (user, id) -> Future.succeededFuture(user != null && user.id().equals(id)));
    vertx.eventBus().<JsonObject>consumer(Addresses.ACCESS_CHANGED, message -> accessChanged(message.body()));
  }

  /** Lets a feature decide who may follow its threads. */
  public EventBusBridge threads(RegistrationCheck check) {
    checks.put(Addresses.THREAD, check);
    return this;
  }

  /** Lets a feature decide who may follow a Q&amp;A session's public changes. */
  public EventBusBridge sessions(RegistrationCheck check) {
    checks.put(Addresses.SESSION, check);
    return this;
  }

  /** Lets a feature decide who may follow a consultation's changes. */
  public EventBusBridge consultations(RegistrationCheck check) {
    checks.put(Addresses.CONSULTATION, check);
    return this;
  }

  /**
   * Lets a feature decide who may follow a session's moderation queue; whatever it says, only moderators pass.
   */
  public EventBusBridge sessionModerators(RegistrationCheck check) {
    checks.put(Addresses.SESSION_MODERATORS, (user, id) -> user != null && user.has(Role.MODERATOR)
        ? check.mayFollow(user, id) : Future.succeededFuture(false));
    return this;
  }

  /** Adds a listener told whenever a browser starts or stops following an address on this bridge. */
  public EventBusBridge onFollowChange(FollowListener listener) {
    followListeners.add(listener);
    return this;
  }

  /** Adds a listener told who starts or stops following an address on this bridge, and on which socket. */
  public EventBusBridge onPresenceChange(PresenceListener listener) {
    presenceListeners.add(listener);
    return this;
  }

  /** Mounts the bridge at {@code /eventbus/*}. */
  public void mount(Router router) {
    // The bridge itself only ever registers the quiet twins of the claimed addresses (see Fanout).
    String claimed = Pattern.quote(Addresses.QUIET_PREFIX)
        + checks.keySet().stream().map(Pattern::pattern).collect(Collectors.joining("|", "(?:", ")"));
    SockJSBridgeOptions options = new SockJSBridgeOptions()
        .setPingTimeout(PING_TIMEOUT_MILLIS)
        // A backstop only: the limit that holds under bursts is counted in register().
        .setMaxHandlersPerSocket(2 * MAX_ADDRESSES_PER_SOCKET)
        .addOutboundPermitted(new PermittedOptions().setAddressRegex(claimed));
    SockJSHandler sockJs = SockJSHandler.create(vertx, new SockJSHandlerOptions()
        .setHeartbeatInterval(25_000)
        .setRegisterWriteHandler(false)
        // Old browsers' fallbacks, which serve script or markup from this origin; every browser the forum supports
        // takes WebSocket, or xhr-streaming and xhr-polling where a network blocks it.
        .addDisabledTransport(Transport.JSON_P.name())
        .addDisabledTransport(Transport.HTML_FILE.name())
        .addDisabledTransport(Transport.EVENT_SOURCE.name()));
    router.route("/eventbus/*").handler(this::sameOriginOnly);
    // The xhr transports post frames (registrations, pings): a few hundred bytes. A body handler of its own, so
    // the bridge works wherever the router's shared one stands, and nothing bigger is read.
    router.post("/eventbus/*").handler(BodyHandler.create(false).setBodyLimit(MAX_FRAME_BYTES));
    router.route("/eventbus/*").subRouter(sockJs.bridge(options, this::onEvent));
  }

  /**
   * Refuses connections made by pages of other sites, and by documents without an origin ({@code Origin: null}:
   * sandboxed frames, local files), which could otherwise carry a signed-in person's cookie. Clients that are not
   * browsers send no {@code Origin}.
   */
  private void sameOriginOnly(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    if (origin != null && !origin.equals(publicOrigin)) {
      ctx.fail(ForumException.forbidden("The live connection only accepts this forum's own pages."));
      return;
    }
    ctx.next();
  }

  private void onEvent(BridgeEvent event) {
    SockJSSocket socket = event.socket();
    switch (event.type()) {
      case SOCKET_CREATED -> opened(socket);
      case SOCKET_CLOSED -> closed(socket);
      case REGISTER -> {
        register(event);
        return;
      }
      case REGISTERED -> confirm(socket, Fanout.loud(event.getRawMessage().getString("address")));
      case UNREGISTER -> {
        // From the browser (the address it follows) or from the bridge for a closed socket (the quiet twin): the
        // bridge removes its registration of the quiet twin, this bridge the socket from the address's audience.
        String address = Fanout.loud(event.getRawMessage().getString("address"));
        if (address != null) {
          Connection connection = connections.get(socket);
          if (connection != null) {
            stopFollowing(connection, address);
          }
          event.getRawMessage().put("address", Fanout.quiet(address));
        }
      }
      case RECEIVE -> {
        // The bridge's own consumers listen on quiet twins, where nothing is published: Fanout delivers (counted
        // against the connection's limit). Should anything arrive there, it is not for browsers.
        event.complete(false);
        return;
      }
      default -> {
      }
    }
    // SEND and PUBLISH never match an inbound permission, so the bridge refuses them after this.
    event.complete(true);
  }

  private void opened(SockJSSocket socket) {
    RoutingContext request = socket.routingContext();
    CurrentUser user = request == null ? null : CurrentUser.of(request).orElse(null);
    String sessionId = request == null ? null : Sessions.existing(request).map(session -> session.id()).orElse(null);
    if (connections.put(socket, new Connection(socket, user, sessionId)) == null) {
      liveConnections.incrementAndGet();
    }
    outbound.opened(socket);
  }

  /** A closed socket leaves every address it still follows; a check still running for it joins nothing. */
  private void closed(SockJSSocket socket) {
    Connection connection = connections.remove(socket);
    if (connection != null) {
      liveConnections.decrementAndGet();
      connection.closed = true;
      List.copyOf(connection.following).forEach(address -> stopFollowing(connection, address));
    }
    outbound.closed(socket);
  }

  /**
   * A browser asks to follow an address: refused at once when its socket follows (or is having checked) the most
   * addresses it may; otherwise allowed when the address's feature says this person may follow it and the socket is
   * still open by then.
   */
  private void register(BridgeEvent event) {
    Connection connection = connections.get(event.socket());
    String address = event.getRawMessage() == null ? null : event.getRawMessage().getString("address");
    if (connection == null || connection.closed
        || connection.checking.get() + connection.following.size() >= MAX_ADDRESSES_PER_SOCKET) {
      event.complete(false);
      return;
    }
    connection.checking.incrementAndGet();
    decide(connection.user, address).onComplete(decision -> {
      connection.checking.decrementAndGet();
      boolean allowed = decision.succeeded() && Boolean.TRUE.equals(decision.result());
      if (decision.failed()) {
        LOG.warn("Could not decide whether {} may follow {}: {}", who(connection), address,
            decision.cause().getMessage());
      }
      if (allowed && !connection.closed) {
        // Fanout delivers; the bridge registers (and later unregisters) the quiet twin for the socket.
        startFollowing(connection, address);
        event.getRawMessage().put("address", Fanout.quiet(address));
        event.complete(true);
      } else {
        event.complete(false);
      }
    });
  }

  private void startFollowing(Connection connection, String address) {
    fanout.join(address, connection.socket);
    if (connection.following.add(address)) {
      notifyFollow(connection, address, 1);
    }
  }

  private void stopFollowing(Connection connection, String address) {
    if (connection.following.remove(address)) {
      fanout.leave(address, connection.socket);
      notifyFollow(connection, address, -1);
    }
  }

  /**
   * Once the address's consumer is in place (cluster-wide, when clustered), nothing published on it can pass the
   * browser by: now is when its catch-up request is safe, so the browser is told.
   */
  private void confirm(SockJSSocket socket, String address) {
    fanout.ready(address).onComplete(ready -> {
      JsonObject confirmation = ready.succeeded()
          ? new JsonObject().put("type", "registered").put("address", address)
          : new JsonObject().put("type", "err").put("body", "registration_failure");
      outbound.write(socket, Buffer.buffer(confirmation.encode()));
    });
  }

  /** A feature changed who may follow some addresses: the connections concerned are checked again. */
  private void accessChanged(JsonObject change) {
    String scope = change.getString(AccessChanges.SCOPE, "");
    String id = change.getString(AccessChanges.ID);
    for (Connection connection : connections.values()) {
      switch (scope) {
        case AccessChanges.THREAD -> recheck(connection, Addresses.thread(String.valueOf(id))::equals);
        case AccessChanges.ALL_THREADS -> recheck(connection, address -> Addresses.THREAD.matcher(address).matches());
        case AccessChanges.SESSION -> recheck(connection, address -> address.equals(Addresses.session(id))
            || address.equals(Addresses.sessionModerators(id)));
        case AccessChanges.USER -> {
          if (connection.user != null && connection.user.id().equals(id)) {
            recheck(connection, address -> true);
          }
        }
        case AccessChanges.SIGNED_OUT -> {
          if (id != null && id.equals(connection.sessionId)) {
            signOut(connection);
          }
        }
        case AccessChanges.RECONNECT -> {
          if (id != null && id.equals(connection.sessionId)) {
            // The page reconnects at once; its new connection is authorised for the person as they are now.
            connection.socket.close();
          }
        }
        default -> LOG.warn("Unknown access change {}", scope);
      }
    }
  }

  /** Decides again for each address the connection follows that {@code concerned} selects; drops the refused. */
  private void recheck(Connection connection, Predicate<String> concerned) {
    for (String address : List.copyOf(connection.following)) {
      if (!concerned.test(address)) {
        continue;
      }
      decide(connection.user, address).onComplete(decision -> {
        if (decision.failed()) {
          // Unknown is not allowed; the page tries again a little later.
          LOG.warn("Could not check again whether {} may follow {}: {}", who(connection), address,
              decision.cause().getMessage());
          revoke(connection, address, REVOKED_UNAVAILABLE);
        } else if (!Boolean.TRUE.equals(decision.result())) {
          revoke(connection, address, REVOKED_ACCESS);
        }
      });
    }
  }

  /**
   * Stops delivering {@code address} to the connection and tells the page why; the page unregisters it. (The bridge
   * keeps its quiet registration until then, on which nothing is ever published.)
   */
  private void revoke(Connection connection, String address, String reason) {
    if (connection.following.contains(address)) {
      stopFollowing(connection, address);
      outbound.write(connection.socket, Buffer.buffer(new JsonObject().put("type", "revoked")
          .put("address", address).put("reason", reason).encode()));
    }
  }

  /** The session the connection was opened under has ended: it follows nothing more and is closed. */
  private void signOut(Connection connection) {
    List.copyOf(connection.following).forEach(address -> revoke(connection, address, REVOKED_SIGNED_OUT));
    connection.socket.close();
  }

  /** How many sockets are open on this bridge (what it holds for them), for tests and diagnostics. */
  int openConnections() {
    return connections.size();
  }

  /** How many sockets this bridge delivers {@code address} to, for tests and diagnostics. */
  int audience(String address) {
    return fanout.audience(address);
  }

  private static String who(Connection connection) {
    return connection.user == null ? "anonymous" : connection.user.username();
  }

  private void notifyFollow(Connection connection, String address, int delta) {
    liveFollows.addAndGet(delta);
    List<Runnable> calls = new ArrayList<>();
    followListeners.forEach(listener -> calls.add(() -> listener.changed(address, delta)));
    presenceListeners.forEach(listener -> calls.add(() -> listener.changed(address, connection.user, connection.id,
        delta)));
    for (Runnable call : calls) {
      try {
        call.run();
      } catch (RuntimeException e) {
        LOG.warn("A follow listener failed on {}", address, e);
      }
    }
  }

  /** Whether {@code user} may follow {@code address}: the most specific claimed pattern decides. */
  Future<Boolean> decide(CurrentUser user, String address) {
    if (address == null) {
      return Future.succeededFuture(false);
    }
    for (Pattern pattern : new Pattern[] {Addresses.SESSION_MODERATORS, Addresses.SESSION, Addresses.THREAD,
        Addresses.USER, Addresses.CONSULTATION}) {
      Matcher matcher = pattern.matcher(address);
      RegistrationCheck check = checks.get(pattern);
      if (matcher.matches()) {
        return check == null ? Future.succeededFuture(false) : check.mayFollow(user, matcher.group(1));
      }
    }
    return Future.succeededFuture(false);
  }
}
