package vn.ngoforum.qa.questions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.qa.QaClient;
import vn.ngoforum.qa.http.GuestPass;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;

/**
 * Guests (issue 16, point 4): where a session allows it, a person without an account joins with a display name (or
 * anonymously), asks through the same moderation, and votes once per guest identity when voting is allowed.
 */
class QaGuestsTest {

  /** The forum of this class; its guests are Browsers without an account, each with its own cookies. */
  @RegisterExtension
  static final QaClient qa = QaClient.perClass("qa-guests");

  private static String guests(String session, String setting) {
    Api.expect(200, qa.as("moderator").patch("/api/v1/sessions/" + session,
        new JsonObject().put("guests", setting)));
    return session;
  }

  @Test
  @DisplayName("guests off (the default): joining is 403 with a clear message and the page offers no guest form")
  void guestsOff() {
    String session = qa.as("moderator").newSession("pre", "public");
    Page refused = join(new Browser(), session, "Hoa");
    assertEquals(403, refused.status(), refused.body());
    assertTrue(Api.json(refused).getString("message").contains("does not allow guests"), refused.body());
    assertFalse(refused.setCookies().stream().anyMatch(cookie -> cookie.startsWith(GuestPass.COOKIE)));
    assertFalse(new Browser().get(qa.forum().base() + "/qa/" + session).body().contains("/guest\""));
    Browser guest = new Browser();
    assertEquals(201, join(guest, guests(qa.as("moderator").newSession("pre", "public"), "ask"), "Hoa").status(),
        "a guest of another session");
    assertEquals(403, ask(guest, session, "Hỏi ở phiên không nhận khách").status(),
        "still cannot ask where guests are off");
  }

  @Test
  @DisplayName("a guest asks through moderation and is marked as a guest to moderators; may not vote under 'ask'")
  void guestAsks() {
    String session = guests(qa.as("moderator").newSession("pre", "public"), "ask");
    Browser hoa = new Browser();
    Page joined = join(hoa, session, "Hoa");
    assertEquals(201, joined.status(), joined.body());
    assertTrue(hoa.cookie(qa.forum().base(), GuestPass.COOKIE).isPresent(), "a guest cookie");
    Page asked = ask(hoa, session, "Khách hỏi: ai tài trợ hội thảo?");
    assertEquals(201, asked.status(), asked.body());
    String id = Api.json(asked).getString("id");
    assertEquals("pending", Api.json(asked).getString("status"), "the same moderation as anyone");
    JsonObject seen = QaClient.byId(qa.as("moderator").questions(session, null).getJsonArray("questions"), id);
    assertTrue(seen.getJsonObject("author").getBoolean("guest"), "marked as a guest: " + seen.encode());
    assertEquals("Hoa", seen.getJsonObject("author").getString("name"));
    assertTrue(qa.forum().signedIn("moderator").get(qa.forum().base() + "/qa/" + session + "/moderate").body()
        .contains("qa-guest-badge"), "the moderation page marks it");
    qa.as("moderator").moderate(id, "approve");
    Page vote = hoa.sendJson("POST", qa.forum().base() + "/api/v1/questions/" + id + "/vote", "{}", Map.of());
    assertEquals(403, vote.status(), "guests may not vote in an 'ask' session: " + vote.body());
    assertEquals(401, ask(new Browser(), session, "Không có cookie").status(), "without a guest cookie");
  }

  @Test
  @DisplayName("under 'ask-and-vote' a guest's second vote counts once; another guest counts again")
  void guestVotesOnce() {
    String session = guests(qa.as("moderator").newSession("post", "public"), "ask-and-vote");
    String id = qa.as("attendee").askId(session, "Có nên mở rộng khu bảo tồn?");
    Browser first = new Browser();
    assertEquals(201, join(first, session, "").status(), "anonymous guest");
    assertEquals(1, vote(first, id), "the first vote counts");
    assertEquals(1, vote(first, id), "voting again counts once");
    Browser second = new Browser();
    assertEquals(201, join(second, session, "Minh Anh").status());
    assertEquals(2, vote(second, id), "another guest identity counts");
    String asked = Api.json(ask(first, session, "Câu hỏi của khách ẩn danh")).getString("id");
    JsonObject seen = QaClient.byId(qa.questions(session, null).getJsonArray("questions"), asked);
    assertTrue(seen.getBoolean("anonymous"), "a guest without a name asks anonymously");
  }

  @Test
  @DisplayName("a tampered or forged guest cookie is no guest at all")
  void tamperedCookie() {
    String session = guests(qa.as("moderator").newSession("post", "public"), "ask-and-vote");
    Browser real = new Browser();
    assertEquals(201, join(real, session, "Hoa").status());
    String value = real.cookie(qa.forum().base(), GuestPass.COOKIE).orElseThrow();
    String payload = value.substring(0, value.indexOf('.'));
    String signature = value.substring(value.indexOf('.') + 1);
    String otherPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"g\":\"someone-else\",\"n\":\"Hoa\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    for (String forged : new String[] {otherPayload + "." + signature, payload + "." + signature.substring(1) + "A",
        payload, "garbage", payload + ".!!"}) {
      Page asked = new Browser().sendJson("POST", qa.forum().base() + "/api/v1/sessions/" + session + "/questions",
          new JsonObject().put("text", "Giả mạo").encode(), Map.of("Cookie", GuestPass.COOKIE + "=" + forged));
      assertEquals(401, asked.status(), forged + ": " + asked.body());
    }
    assertEquals(201, ask(real, session, "Thật").status(), "the real one works");
  }

  @Test
  @DisplayName("pages: a visitor joins as a guest with a plain form, asks, and the limits apply per guest")
  void guestPages() {
    String session = guests(qa.as("moderator").newSession("pre", "public"), "ask");
    Browser phone = new Browser();
    String page = phone.get(qa.forum().base() + "/qa/" + session).body();
    assertTrue(page.contains("action=\"/qa/" + session + "/guest\""), "the guest form");
    Page joined = phone.postForm(qa.forum().base() + "/qa/" + session + "/guest",
        Map.of("name", "Lan Anh", "_csrf", phone.cookie(qa.forum().base(), "XSRF-TOKEN").orElse("")));
    assertEquals(302, joined.status(), joined.body());
    String asking = phone.get(qa.forum().base() + "/qa/" + session).body();
    assertTrue(asking.contains("Lan Anh"), "the page says who the guest is");
    assertTrue(asking.contains("action=\"/qa/" + session + "/ask\""), "and offers the ask form");
    Page asked = phone.postForm(qa.forum().base() + "/qa/" + session + "/ask",
        Map.of("text", "Hỏi từ điện thoại", "_csrf", phone.cookie(qa.forum().base(), "XSRF-TOKEN").orElse("")));
    assertEquals(302, asked.status(), asked.body());
    assertTrue(phone.get(qa.forum().base() + "/qa/" + session).body().contains("Hỏi từ điện thoại"),
        "the guest sees their question waiting for review");
    int status = 0;
    for (int i = 0; i < 12 && status != 429; i++) {
      status = ask(phone, session, "Câu hỏi số " + i).status();
    }
    assertEquals(429, status, "a guest has the same per-minute budget as anyone");
  }

  private static Page join(Browser browser, String session, String name) {
    return browser.sendJson("POST", qa.forum().base() + "/api/v1/sessions/" + session + "/guests",
        new JsonObject().put("name", name).encode(), Map.of());
  }

  private static Page ask(Browser browser, String session, String text) {
    return browser.sendJson("POST", qa.forum().base() + "/api/v1/sessions/" + session + "/questions",
        new JsonObject().put("text", text).encode(), Map.of());
  }

  private static int vote(Browser browser, String questionId) {
    Page voted = browser.sendJson("POST", qa.forum().base() + "/api/v1/questions/" + questionId + "/vote", "{}",
        Map.of());
    assertEquals(200, voted.status(), voted.body());
    JsonObject body = Api.json(voted);
    assertNotNull(body);
    return body.getInteger("votes");
  }
}
