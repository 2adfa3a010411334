package vn.ngoforum.qa;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/** The workshop series the forum was born from: Hanoi, 29–30 September 2022, by CNREC, WWF Vietnam and VUSTA. */
final class DemoWorkshop {

  static final String EVENT_ID = "hanoi-2022-wildlife-trade";
  private static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");

  private DemoWorkshop() {
  }

  static JsonObject event() {
    return new JsonObject()
        .put("_id", EVENT_ID)
        .put("title", bilingual(
            "Xác định vai trò và tăng cường năng lực vận động chính sách nhằm ngăn chặn buôn bán và tiêu thụ trái"
                + " phép động vật hoang dã cho các tổ chức bảo tồn tại Việt Nam",
            "Identifying roles and strengthening policy advocacy capacity to prevent illegal wildlife trade and"
                + " consumption for conservation organizations in Vietnam"))
        .put("startsAt", at(2022, 9, 29, 8, 30))
        .put("endsAt", at(2022, 9, 30, 17, 0))
        .put("location", bilingual("Hà Nội", "Hanoi"))
        .put("organisers", new JsonArray().add("CNREC").add("WWF Vietnam").add("VUSTA"));
  }

  static List<JsonObject> sessions() {
    return List.of(
        session(EVENT_ID + "-topic-1", at(2022, 9, 29, 8, 30), at(2022, 9, 29, 17, 0),
            "Chủ đề 1: Ghi nhận vai trò và thành tựu của các tổ chức xã hội trong bảo tồn đa dạng sinh học và"
                + " phòng, chống buôn bán, tiêu thụ động vật hoang dã",
            "Topic 1: Recognising the role and achievements of civil society organisations in biodiversity"
                + " conservation and preventing wildlife trade and consumption"),
        session(EVENT_ID + "-topic-2", at(2022, 9, 30, 8, 30), at(2022, 9, 30, 17, 0),
            "Chủ đề 2: Thúc đẩy vai trò của các tổ chức xã hội trong hoàn thiện chính sách bảo vệ động vật hoang"
                + " dã",
            "Topic 2: Promoting the role of civil society organisations in improving wildlife-protection policy"));
  }

  private static JsonObject session(String id, JsonObject startsAt, JsonObject endsAt, String vi, String en) {
    return new JsonObject()
        .put("_id", id)
        .put("eventId", EVENT_ID)
        .put("title", bilingual(vi, en))
        .put("startsAt", startsAt)
        .put("endsAt", endsAt)
        .put("moderation", "post")
        .put("visibility", "public")
        // Open, so that a newcomer trying the demo accounts can ask and vote straight away.
        .put("qaOpen", true)
        .put("seq", 0L);
  }

  private static JsonObject bilingual(String vi, String en) {
    return new JsonObject().put("vi", vi).put("en", en);
  }

  private static JsonObject at(int year, int month, int day, int hour, int minute) {
    return new JsonObject().put("$date",
        LocalDateTime.of(year, month, day, hour, minute).atZone(HANOI).toInstant().toString());
  }
}
