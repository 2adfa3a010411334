package vn.ngoforum.forum.notifications;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import vn.ngoforum.error.ForumException;

/**
 * The one-click unsubscribe links of e-mails ({@code /unsubscribe/{token}}): the token names a person and what to stop
 * e-mailing them (a topic's code, or {@value #DIGEST} for the daily digest) and carries an HMAC-SHA256 of both under a
 * key derived from the forum's secret (the Keycloak client secret, the same on every node). So a link works on any
 * node, needs no sign-in (a mail client posts it without cookies, RFC 8058), and cannot be made for anyone else or
 * turned to another topic: a changed token does not verify.
 */
public final class UnsubscribeLinks {

  /** The scope of a digest e-mail's link: every topic heard of by digest. */
  static final String DIGEST = "digest";
  private static final String PURPOSE = "ngo-forum unsubscribe v1";
  private static final int MAX_TOKEN = 400;
  private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();

  /** What a verified token asks: stop e-mailing {@code userId} about {@code scope}. */
  record Target(String userId, String scope) {
  }

  private final byte[] key;

  /** @param secret the forum's secret (the same on every node) */
  public UnsubscribeLinks(String secret) {
    this.key = mac(secret.getBytes(StandardCharsets.UTF_8), PURPOSE);
  }

  /** The token for {@code userId} and {@code scope} (a topic's code or {@value #DIGEST}). */
  String token(String userId, String scope) {
    String payload = ENCODE.encodeToString((userId + "\n" + scope).getBytes(StandardCharsets.UTF_8));
    return payload + "." + ENCODE.encodeToString(mac(key, payload));
  }

  /** The link, under the forum's public URL. */
  String url(String publicUrl, String userId, String scope) {
    return publicUrl + PreferenceRoutes.UNSUBSCRIBE + token(userId, scope);
  }

  /** What {@code token} asks, when this forum made it unchanged; empty for anything else. */
  Optional<Target> verify(String token) {
    int dot = token == null || token.length() > MAX_TOKEN ? -1 : token.indexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    String payload = token.substring(0, dot);
    try {
      byte[] sent = Base64.getUrlDecoder().decode(token.substring(dot + 1));
      if (!MessageDigest.isEqual(mac(key, payload), sent)) {
        return Optional.empty();
      }
      String[] parts = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8).split("\n", -1);
      return parts.length == 2 && !parts[0].isEmpty() ? Optional.of(new Target(parts[0], parts[1]))
          : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The answer to a token that does not verify: 400, and nothing changes. */
  static ForumException invalid() {
    return ForumException.invalid("This unsubscribe link is not valid: it was cut or changed.")
        .withMessageKey("unsubscribe.invalid");
  }

  private static byte[] mac(byte[] key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is always available", e);
    }
  }
}
