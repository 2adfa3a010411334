package vn.ngoforum.realtime;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Role;
import vn.ngoforum.web.ForumException;

/**
 * The SockJS event-bus bridge at {@code /eventbus} (and the raw WebSocket at {@code /eventbus/websocket}).
 *
 * <p>Outbound only: browsers may receive on the {@link Addresses} and nothing else, and may never send or
 * publish (no inbound address is permitted, so the bridge refuses every browser message but registration and
 * ping). Who may follow which address is decided when the browser registers, by the feature's
 * {@link RegistrationCheck}, from the person of the browser's session. A registration no feature has claimed is
 * refused. Connections from other sites are refused by their {@code Origin}. A connection that stops reading is
 * closed once it is too far behind ({@link OutboundLimit}), and catches up by sequence number when it reconnects.
 * What is published reaches the sockets through {@link Fanout}: one consumer per address and event loop, one
 * frame written to every socket, instead of the bridge's consumer per socket.
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
  private static final int MAX_ADDRESSES_PER_SOCKET = 50;

  private final Vertx vertx;
  private final String publicOrigin;
  private final Map<Pattern, RegistrationCheck> checks = new ConcurrentHashMap<>();
  private final List<FollowListener> followListeners = new CopyOnWriteArrayList<>();
  private final OutboundLimit outbound = new OutboundLimit();
  private final Fanout fanout;
  /** The addresses each open socket follows, so that a closed socket stops following all of them. */
  private final Map<SockJSSocket, Set<String>> following = new ConcurrentHashMap<>();

  /**
   * Told when a browser starts following an address (registration accepted) or stops (unregistered, or its socket
   * closed): {@code delta} is +1 or -1. Each socket counts once per address. For presence counters such as "people
   * following this session"; it runs on the bridge's event loop and must not block.
   */
  @FunctionalInterface
  public interface FollowListener {
    void changed(String address, int delta);
  }

  public EventBusBridge(Vertx vertx, String publicUrl) {
    this.vertx = vertx;
    URI uri = URI.create(publicUrl);
    this.publicOrigin = uri.getScheme() + "://" + uri.getAuthority();
    // Live events from other nodes can arrive as soon as the bridge takes registrations.
    LiveEvent.registerCodec(vertx);
    this.fanout = new Fanout(vertx, outbound);
    // Every person may follow their own notifications, and nobody else's.
    checks.put(Addresses.USER, (user, id) -> Future.succeededFuture(user != null && user.id().equals(id)));
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

  /** Mounts the bridge at {@code /eventbus/*}. */
  public void mount(Router router) {
    // The bridge itself only ever registers the quiet twins of the claimed addresses (see Fanout).
    String claimed = Pattern.quote(Addresses.QUIET_PREFIX)
        + checks.keySet().stream().map(Pattern::pattern).collect(Collectors.joining("|", "(?:", ")"));
    SockJSBridgeOptions options = new SockJSBridgeOptions()
        .setPingTimeout(PING_TIMEOUT_MILLIS)
        .setMaxHandlersPerSocket(MAX_ADDRESSES_PER_SOCKET)
        .addOutboundPermitted(new PermittedOptions().setAddressRegex(claimed));
    SockJSHandler sockJs = SockJSHandler.create(vertx, new SockJSHandlerOptions()
        .setHeartbeatInterval(25_000)
        .setRegisterWriteHandler(false));
    router.route("/eventbus/*").handler(this::sameOriginOnly);
    router.route("/eventbus/*").subRouter(sockJs.bridge(options, this::onEvent));
  }

  private void sameOriginOnly(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    if (origin != null && !origin.equals(publicOrigin) && !origin.equals("null")) {
      ctx.fail(ForumException.forbidden("The live connection only accepts this forum's own pages."));
      return;
    }
    ctx.next();
  }

  private void onEvent(BridgeEvent event) {
    trackFollowing(event);
    switch (event.type()) {
      case SOCKET_CREATED -> outbound.opened(event.socket());
      case SOCKET_CLOSED -> {
        fanout.closed(event.socket());
        outbound.closed(event.socket());
      }
      case UNREGISTER -> {
        // From the browser (the address it follows) or from the bridge for a closed socket (the quiet twin): the
        // bridge removes its registration of the quiet twin, Fanout the socket from the address's audience.
        String address = Fanout.loud(event.getRawMessage().getString("address"));
        if (address != null) {
          fanout.leave(address, event.socket());
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
    if (event.type() != BridgeEventType.REGISTER) {
      // SEND and PUBLISH never match an inbound permission, so the bridge refuses them after this.
      event.complete(true);
      return;
    }
    String address = event.getRawMessage() == null ? null : event.getRawMessage().getString("address");
    CurrentUser user = event.socket().routingContext() == null ? null
        : CurrentUser.of(event.socket().routingContext()).orElse(null);
    decide(user, address).onComplete(decision -> {
      boolean allowed = decision.succeeded() && Boolean.TRUE.equals(decision.result());
      if (decision.failed()) {
        LOG.warn("Could not decide whether {} may follow {}: {}", user == null ? "anonymous" : user.username(),
            address, decision.cause().getMessage());
      }
      if (allowed) {
        // Fanout delivers; the bridge registers (and later unregisters) the quiet twin for the socket.
        fanout.join(address, event.socket());
        event.getRawMessage().put("address", Fanout.quiet(address));
      }
      event.complete(allowed);
    });
  }

  private void trackFollowing(BridgeEvent event) {
    SockJSSocket socket = event.socket();
    String address = event.getRawMessage() == null ? null
        : Fanout.loud(event.getRawMessage().getString("address"));
    switch (event.type()) {
      case REGISTERED -> {
        if (address != null && following.computeIfAbsent(socket, s -> ConcurrentHashMap.newKeySet()).add(address)) {
          notifyFollow(address, 1);
        }
        // Once the address's consumer is in place (cluster-wide, when clustered), nothing published on it can
        // pass the browser by: now is when its catch-up request is safe.
        fanout.ready(address).onComplete(ready -> {
          JsonObject confirmation = ready.succeeded()
              ? new JsonObject().put("type", "registered").put("address", address)
              : new JsonObject().put("type", "err").put("body", "registration_failure");
          outbound.write(socket, Buffer.buffer(confirmation.encode()));
        });
      }
      case UNREGISTER -> {
        Set<String> addresses = following.get(socket);
        if (address != null && addresses != null && addresses.remove(address)) {
          notifyFollow(address, -1);
        }
      }
      case SOCKET_CLOSED -> {
        Set<String> addresses = following.remove(socket);
        if (addresses != null) {
          addresses.forEach(gone -> notifyFollow(gone, -1));
        }
      }
      default -> {
      }
    }
  }

  private void notifyFollow(String address, int delta) {
    for (FollowListener listener : followListeners) {
      try {
        listener.changed(address, delta);
      } catch (RuntimeException e) {
        LOG.warn("A follow listener failed on {}", address, e);
      }
    }
  }

  /**
   * The bytes of a bridge frame ({@code {"type":"rec",...}}): a {@link LiveEvent}'s frame is built once for all
   * event loops; anything else (an event published as plain JSON, or with headers) is encoded here.
   */
  static Buffer frame(JsonObject envelope) {
    if (envelope.getValue("body") instanceof LiveEvent live) {
      if (envelope.size() == 3) {
        return live.frame(envelope.getString("address"));
      }
      envelope.put("body", live.body());
    }
    return Buffer.buffer(envelope.encode());
  }

  /** Whether {@code user} may follow {@code address}: the most specific claimed pattern decides. */
  Future<Boolean> decide(CurrentUser user, String address) {
    if (address == null) {
      return Future.succeededFuture(false);
    }
    for (Pattern pattern : new Pattern[] {Addresses.SESSION_MODERATORS, Addresses.SESSION, Addresses.THREAD,
        Addresses.USER}) {
      Matcher matcher = pattern.matcher(address);
      RegistrationCheck check = checks.get(pattern);
      if (matcher.matches()) {
        return check == null ? Future.succeededFuture(false) : check.mayFollow(user, matcher.group(1));
      }
    }
    return Future.succeededFuture(false);
  }
}
