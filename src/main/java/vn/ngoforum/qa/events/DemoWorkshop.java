package vn.ngoforum.qa.events;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/** The workshop series the forum was born from: Hanoi, 29–30 September 2022, by CNREC, WWF Vietnam and VUSTA. */
public final class DemoWorkshop {

  static final String EVENT_ID = "hanoi-2022-wildlife-trade";
  private static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");

  private DemoWorkshop() {
  }

  /** Creates the 2022 Hanoi workshop and its two sessions when there are no events yet (idempotent). */
  public static Future<Void> seed(EventRepository events, SessionRepository sessions) {
    return events.count().compose(count -> {
      if (count > 0) {
        return Future.succeededFuture();
      }
      Future<Void> chain = events.insertIfAbsent(event());
      for (Session session : sessions()) {
        chain = chain.compose(v -> sessions.insertIfAbsent(session));
      }
      return chain;
    });
  }

  static Event event() {
    return new Event(EVENT_ID,
        bilingual(
            "Xác định vai trò và tăng cường năng lực vận động chính sách nhằm ngăn chặn buôn bán và tiêu thụ trái"
                + " phép động vật hoang dã cho các tổ chức bảo tồn tại Việt Nam",
            "Identifying roles and strengthening policy advocacy capacity to prevent illegal wildlife trade and"
                + " consumption for conservation organizations in Vietnam"),
        at(2022, 9, 29, 8, 30), at(2022, 9, 30, 17, 0), bilingual("Hà Nội", "Hanoi"),
        List.of("CNREC", "WWF Vietnam", "VUSTA"));
  }

  static List<Session> sessions() {
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

  private static Session session(String id, Instant startsAt, Instant endsAt, String vi, String en) {
    // Post-moderated and open, so that a newcomer trying the demo accounts can ask and vote straight away.
    return new Session(id, EVENT_ID, bilingual(vi, en), startsAt, endsAt, Session.POST, Session.PUBLIC, true,
        List.of(), 0L);
  }

  private static JsonObject bilingual(String vi, String en) {
    return new JsonObject().put("vi", vi).put("en", en);
  }

  private static Instant at(int year, int month, int day, int hour, int minute) {
    return LocalDateTime.of(year, month, day, hour, minute).atZone(HANOI).toInstant();
  }
}
