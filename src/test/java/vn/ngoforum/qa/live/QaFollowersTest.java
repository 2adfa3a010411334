package vn.ngoforum.qa.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.qa.QaClient;
import vn.ngoforum.realtime.Addresses;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.BridgeClient;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Eventually;

/** The live count of people following a session, from the bridge's registrations. */
class QaFollowersTest {

  @RegisterExtension
  static final QaClient qa = QaClient.perClass("qa-followers");

  @Test
  @DisplayName("followers see how many people follow the session, going up as they join and down as they leave")
  void liveFollowerCount() {
    String session = qa.as("moderator").newSession("pre", "public");
    String moderatorCookie = qa.forum().sessionCookie("moderator");
    try (BridgeClient first = BridgeClient.connect(qa.forum().vertx(), qa.forum().port(), null);
         BridgeClient second = BridgeClient.connect(qa.forum().vertx(), qa.forum().port(), null);
         BridgeClient moderator = BridgeClient.connect(qa.forum().vertx(), qa.forum().port(), moderatorCookie)) {
      first.register(Addresses.session(session));
      second.register(Addresses.session(session));
      moderator.register(Addresses.sessionModerators(session));
      assertEquals(2, lastCount(first, 2), "both attendees are counted, the moderator queue is not");
      assertEquals(2, followersByApi(session, 2));
      assertTrue(new Browser().get(qa.forum().base() + "/qa/" + session).body()
          .contains("<strong data-followers>2</strong>"), "the attendee page shows the count");
      assertTrue(new Browser().get(qa.forum().base() + "/qa/" + session + "/present").body()
          .contains("<strong data-followers>2</strong>"), "so does the projector view");

      second.close();
      assertEquals(1, lastCount(first, 1), "a closed connection stops counting");
      first.send(new JsonObject().put("type", "unregister").put("address", Addresses.session(session)));
      assertEquals(0, followersByApi(session, 0), "so does an unregistered one");
    }
  }

  /** Reads followers frames until one says {@code expected} (or 10 s pass); the last count seen. */
  private static int lastCount(BridgeClient client, int expected) {
    JsonObject last = client.lastBody("followers", body -> {
      assertTrue(body.getLong("seq") >= 0, "like every body on the address, with seq");
      return body.getInteger("count") == expected;
    }, Duration.ofSeconds(10));
    return last == null ? -1 : last.getInteger("count");
  }

  private static int followersByApi(String session, int expected) {
    return Eventually.value(() -> Api.json(qa.get("/api/v1/sessions/" + session)).getInteger("followers"),
        count -> count == expected, Duration.ofSeconds(10));
  }
}
