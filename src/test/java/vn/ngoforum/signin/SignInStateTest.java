package vn.ngoforum.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The sealed sign-in cookie: readable only by forum nodes that share the client secret, and only for minutes. */
class SignInStateTest {

  private static final Instant NOW = Instant.parse("2026-09-29T01:30:00Z");
  private static final SignInState.Pending PENDING = new SignInState.Pending("state-1", "verifier-1", "/orgs?q=tê");

  @Test
  @DisplayName("another node with the same client secret opens what this one sealed, until the sign-in expires")
  void opensOnAnyNodeUntilItExpires() {
    String sealed = new SignInState("client-secret").seal(PENDING, NOW);
    SignInState otherNode = new SignInState("client-secret");
    assertEquals(PENDING, otherNode.open(sealed, NOW.plusSeconds(60)).orElseThrow());
    assertTrue(otherNode.open(sealed, NOW.plus(SignInState.LIFETIME).minusSeconds(1)).isPresent());
    assertFalse(otherNode.open(sealed, NOW.plus(SignInState.LIFETIME)).isPresent(), "expired");
  }

  @Test
  @DisplayName("the cookie hides the PKCE verifier and refuses any change, another secret, or junk")
  void sealedAgainstReadingAndTampering() {
    SignInState state = new SignInState("client-secret");
    String sealed = state.seal(PENDING, NOW);
    String decoded = new String(java.util.Base64.getUrlDecoder().decode(sealed),
        java.nio.charset.StandardCharsets.ISO_8859_1);
    assertFalse(decoded.contains("verifier-1") || decoded.contains("state-1"), "nothing readable in the cookie");
    // Every character but the last, whose low bits base64 may leave unused.
    for (int i = 0; i < sealed.length() - 1; i++) {
      char c = sealed.charAt(i);
      String changed = sealed.substring(0, i) + (c == 'A' ? 'B' : 'A') + sealed.substring(i + 1);
      assertFalse(state.open(changed, NOW).isPresent(), "changed at " + i);
    }
    assertFalse(new SignInState("another-secret").open(sealed, NOW).isPresent());
    for (String junk : new String[] {null, "", "a", "!!!", "AAAA", "x".repeat(5000), sealed + "A"}) {
      assertFalse(state.open(junk, NOW).isPresent(), String.valueOf(junk));
    }
    assertTrue(state.open(sealed, NOW).isPresent());
  }
}
