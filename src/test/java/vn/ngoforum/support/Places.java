package vn.ngoforum.support;

import io.vertx.core.json.JsonObject;
import vn.ngoforum.consultations.text.SplitterTest;

/** Places where people write outside the forum's threads, made through the API by a moderator for a test. */
public final class Places {

  private Places() {
  }

  /** A new event with one Q&amp;A session ({@code moderation} "pre" or "post", public); answers the session's id. */
  public static String session(Api moderator, String moderation) {
    JsonObject event = Api.expect(201, moderator.post("/api/v1/events", new JsonObject()
        .put("title", new JsonObject().put("vi", "Hội thảo thử nghiệm").put("en", "Test workshop"))
        .put("startsAt", "2026-09-29T08:30:00+07:00").put("endsAt", "2026-09-29T17:00:00+07:00")
        .put("location", "Hà Nội")));
    return Api.expect(201, moderator.post("/api/v1/events/" + event.getString("id") + "/sessions",
        new JsonObject().put("title", new JsonObject().put("vi", "Phiên hỏi đáp").put("en", "Q&A session"))
            .put("moderation", moderation).put("visibility", "public"))).getString("id");
  }

  /** A new public consultation on the test decree, open for comments; answers its id (clause {@code d2-k1}). */
  public static String openConsultation(Api moderator) {
    String id = Api.expect(201, moderator.post("/api/v1/consultations", new JsonObject()
        .put("title", new JsonObject().put("vi", "Dự thảo Nghị định").put("en", "Draft decree"))
        .put("summary", new JsonObject().put("vi", "Lấy ý kiến").put("en", "For comment"))
        .put("authority", "Bộ Nông nghiệp và Môi trường").put("deadline", "2027-01-31T17:00:00+07:00")
        .put("visibility", "public").put("text", SplitterTest.DECREE))).getString("id");
    Api.expect(200, moderator.post("/api/v1/consultations/" + id + "/open", null));
    return id;
  }
}
