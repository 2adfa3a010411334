package vn.ngoforum.signin;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A sign-in in progress (the OAuth {@code state}, the PKCE verifier, the page to return to), carried by the
 * browser in one short-lived cookie instead of a server session, so that {@code GET /login} stores nothing.
 *
 * <p>The cookie is sealed with AES-256-GCM: nobody can read the verifier from it or change the return page, and
 * it carries its own expiry ({@link #LIFETIME}), checked here whatever the browser keeps. The key is derived from
 * the Keycloak client secret, which every forum node has (from the environment): a sign-in started on one node
 * can come back on another. A person who starts two sign-ins in two windows finishes the later one, as before.
 */
final class SignInState {

  /** How long a person has on Keycloak's page before the sign-in must start again. */
  static final Duration LIFETIME = Duration.ofMinutes(10);
  private static final String PURPOSE = "ngo-forum sign-in state v1";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  /** Cookies are at most 4 KB; a sealed state is far smaller, so a longer value is junk. */
  private static final int MAX_SEALED_LENGTH = 4096;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What the callback needs to finish the sign-in. */
  record Pending(String state, String verifier, String next) {
  }

  private final SecretKey key;

  /** @param secret the Keycloak client secret (any node's: they are the same) */
  SignInState(String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      this.key = new SecretKeySpec(mac.doFinal(PURPOSE.getBytes(StandardCharsets.UTF_8)), "AES");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is always available", e);
    }
  }

  /** The cookie value for {@code pending}, valid until {@code now} + {@link #LIFETIME}. */
  String seal(Pending pending, Instant now) {
    byte[] plain = new JsonObject()
        .put("s", pending.state())
        .put("v", pending.verifier())
        .put("n", pending.next())
        .put("e", now.plus(LIFETIME).getEpochSecond())
        .encode().getBytes(StandardCharsets.UTF_8);
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(PURPOSE.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plain);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(
          ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is always available", e);
    }
  }

  /** The sign-in sealed in {@code cookie}, unless it was not made by a forum node, was altered, or has expired. */
  Optional<Pending> open(String cookie, Instant now) {
    if (cookie == null || cookie.isEmpty() || cookie.length() > MAX_SEALED_LENGTH) {
      return Optional.empty();
    }
    try {
      byte[] all = Base64.getUrlDecoder().decode(cookie);
      if (all.length <= IV_BYTES + TAG_BITS / 8) {
        return Optional.empty();
      }
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
      cipher.updateAAD(PURPOSE.getBytes(StandardCharsets.UTF_8));
      JsonObject json = new JsonObject(new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES),
          StandardCharsets.UTF_8));
      Long expires = json.getLong("e");
      if (expires == null || now.getEpochSecond() >= expires || json.getString("s") == null
          || json.getString("v") == null) {
        return Optional.empty();
      }
      return Optional.of(new Pending(json.getString("s"), json.getString("v"), json.getString("n", "/")));
    } catch (GeneralSecurityException | IllegalArgumentException | DecodeException | ClassCastException e) {
      return Optional.empty();
    }
  }
}
