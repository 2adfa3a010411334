package vn.ngoforum.forum.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/** Brand-new accounts have an hourly cap on replies on top of the usual interval; established ones do not. */
class NewAccountLimitsTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-new-accounts");

  @Test
  @DisplayName("a first-day account that used up its hourly replies gets 429 with a long Retry-After, while a"
      + " person who has written here for days is only held to one reply per 5 s")
  void firstDayCap() {
    String thread = thread(People.newMember());
    String newcomer = People.newMember();
    String veteran = People.newMember();
    String veteranId = id(veteran);
    ForumUnderTest.await(forum.mongo().insert("forum_people", new JsonObject().put("_id", veteranId)
        .put("username", "veteran-" + veteranId).put("firstSeenAt", new JsonObject()
            .put("$date", Instant.now().minus(Duration.ofDays(3)).toString()))));
    forum.useUpFirstDayReplies(id(newcomer));
    forum.useUpFirstDayReplies(veteranId);

    Page refused = reply(newcomer, thread);
    assertEquals(429, refused.status(), refused.body());
    assertTrue(Integer.parseInt(refused.header("retry-after").orElseThrow()) >= 1);
    assertTrue(new JsonObject(refused.body()).getString("message").contains("wait"), refused.body());
    Page accepted = reply(veteran, thread);
    assertEquals(201, accepted.status(), accepted.body());
  }

  private static String id(String token) {
    return new JsonObject(forum.as(token).get("/api/v1/me").body()).getString("id");
  }

  private static Page reply(String token, String threadId) {
    return forum.as(token).post("/api/v1/threads/" + threadId + "/posts", new JsonObject().put("body", "Trả lời."));
  }

  private static String thread(String token) {
    Page created = forum.as(token).post("/api/v1/threads", new JsonObject().put("category", "field-reports")
        .put("title", "Giới hạn cho tài khoản mới").put("body", "Mở đầu."));
    assertEquals(201, created.status(), created.body());
    return new JsonObject(created.body()).getString("id");
  }
}
