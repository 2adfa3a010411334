package vn.ngoforum.qa.http;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.error.ForumException;

/**
 * A person without an account taking part in a session that allows guests: a display name (or none: anonymous) and
 * a random identity, carried in a cookie signed with HMAC-SHA256 under a key derived from the forum's secret (the
 * Keycloak client secret every node has), so any node recognises it and nobody can forge or change one. A cookie
 * that does not verify is no guest at all.
 *
 * <p>Q&amp;A treats a guest as a person without roles whose id is {@code guest:<identity>}: the same questions,
 * moderation, votes (one per identity, keyed like a person's) and rate limits as anyone. The cookie is
 * {@code SameSite=Lax}: another site cannot make a guest's browser post (guests have no CSRF token, having no
 * forum session).
 */
public final class GuestPass {

  public static final String COOKIE = "forum.qa-guest";
  public static final int MAX_NAME = 60;
  static final String PREFIX = "guest:";
  static final Duration LIFETIME = Duration.ofDays(7);
  private static final String PURPOSE = "ngo-forum qa guest v1";
  private static final int MAX_COOKIE = 1024;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

  private final SecretKeySpec key;
  private final boolean secureCookie;

  /** @param secret the forum's secret (the same on every node); {@code secureCookie}: served over https */
  public GuestPass(String secret, boolean secureCookie) {
    this.key = new SecretKeySpec(hmac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
        PURPOSE.getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
    this.secureCookie = secureCookie;
  }

  /** Whether this person is a guest (not a signed-in account). */
  public static boolean isGuest(CurrentUser user) {
    return user != null && isGuestId(user.id());
  }

  /** Whether this person id is a guest's. */
  public static boolean isGuestId(String id) {
    return id != null && id.startsWith(PREFIX);
  }

  /** Makes a new guest named {@code name} (blank: anonymous), sets its cookie on the response, and answers it. */
  public CurrentUser issue(RoutingContext ctx, String name) {
    String display = name == null ? "" : name.strip();
    if (display.codePointCount(0, display.length()) > MAX_NAME) {
      throw ForumException.invalid("name", "A guest's name may have at most " + MAX_NAME + " characters.")
          .withMessageKey("qa.guest.error_name");
    }
    byte[] identity = new byte[16];
    RANDOM.nextBytes(identity);
    String payload = ENCODE.encodeToString(new JsonObject().put("g", ENCODE.encodeToString(identity))
        .put("n", display).encode().getBytes(StandardCharsets.UTF_8));
    ctx.response().addCookie(Cookie.cookie(COOKIE, payload + "." + ENCODE.encodeToString(sign(payload)))
        .setPath("/").setHttpOnly(true).setSecure(secureCookie).setSameSite(CookieSameSite.LAX)
        .setMaxAge(LIFETIME.toSeconds()));
    return user(ENCODE.encodeToString(identity), display);
  }

  /** The guest the request's cookie names, or {@code null} (no cookie, or one that does not verify). */
  public CurrentUser guest(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    String value = cookie == null ? null : cookie.getValue();
    int dot = value == null || value.length() > MAX_COOKIE ? -1 : value.indexOf('.');
    if (dot <= 0) {
      return null;
    }
    String payload = value.substring(0, dot);
    try {
      if (!MessageDigest.isEqual(sign(payload), DECODE.decode(value.substring(dot + 1)))) {
        return null;
      }
      JsonObject guest = new JsonObject(new String(DECODE.decode(payload), StandardCharsets.UTF_8));
      String identity = guest.getString("g");
      return identity == null || identity.isEmpty() ? null : user(identity, guest.getString("n", ""));
    } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
      return null;
    }
  }

  /**
   * A route guard: a signed-in person or a guest passes; anyone else is answered as {@link Access#signedIn()}
   * answers (401 for the API, sent to sign in for a page).
   */
  public Handler<RoutingContext> required() {
    Handler<RoutingContext> signedIn = Access.signedIn();
    return ctx -> {
      if (Requests.visitor(ctx) == null && guest(ctx) != null) {
        ctx.next();
      } else {
        signedIn.handle(ctx);
      }
    };
  }

  /** The signed-in person, else the guest of this request; 401 when neither. */
  public CurrentUser personOrGuest(RoutingContext ctx) {
    CurrentUser user = Requests.visitor(ctx);
    if (user == null) {
      user = guest(ctx);
    }
    if (user == null) {
      throw ForumException.unauthorized("Please sign in, or join the session as a guest where it allows guests.");
    }
    return user;
  }

  /** The signed-in person, else the guest of this request, else {@code null}. */
  public CurrentUser visitorOrGuest(RoutingContext ctx) {
    CurrentUser user = Requests.visitor(ctx);
    return user != null ? user : guest(ctx);
  }

  private static CurrentUser user(String identity, String name) {
    return new CurrentUser(PREFIX + identity, "guest", name == null || name.isBlank() ? null : name, null, null,
        Set.of());
  }

  private byte[] sign(String payload) {
    return hmac(key, payload.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] hmac(SecretKeySpec key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is always available", e);
    }
  }
}
