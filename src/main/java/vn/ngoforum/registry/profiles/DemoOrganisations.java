package vn.ngoforum.registry.profiles;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import vn.ngoforum.db.Mongo;
import vn.ngoforum.registry.organisations.Organisation;
import vn.ngoforum.registry.organisations.Organisation.Verification;
import vn.ngoforum.registry.organisations.OrganisationRepository;
import vn.ngoforum.web.JsonInput;

/**
 * Sample organisations for the run command's empty database, so the directory, its filters and its chart have
 * something to show. They are invented (each says so), have no members, and only one is verified.
 */
public final class DemoOrganisations {

  private static final String NOTE_VI = " (Tổ chức mẫu để minh họa danh bạ.)";
  private static final String NOTE_EN = " (A sample organisation illustrating the directory.)";

  private DemoOrganisations() {
  }

  /**
   * Adds the sample organisations when there are none at all (the run command's fresh database). Safe when two
   * nodes start at once: the second insert of a sample is a duplicate key and is ignored.
   */
  public static Future<Void> seed(OrganisationRepository organisations) {
    return organisations.count().compose(count -> {
      if (count > 0) {
        return Future.succeededFuture();
      }
      Future<Void> chain = Future.succeededFuture();
      for (Sample sample : all()) {
        Organisation organisation = sample.organisation(Instant.now());
        chain = chain.compose(v -> Mongo.unlessDuplicate(organisations.insert(organisation)));
      }
      return chain;
    });
  }

  /** Registrations as the API would receive them, and whether the sample shows as verified. */
  record Sample(OrganisationInput input, boolean verified) {

    /** The sample as registered at {@code at} (by nobody), verified "as sample data" when it shows so. */
    Organisation organisation(Instant at) {
      Organisation registered = Organisation.registered(RegistrationService.slugOf(input), input.profile(), at,
          null);
      return verified ? registered.verifiedBy(true, new Verification(at, null, "Sample data")) : registered;
    }
  }

  static List<Sample> all() {
    return List.of(
        sample("Trung tâm Cứu hộ Động vật Hoang dã Miền Trung", "Central Vietnam Wildlife Rescue Centre", "CWRC",
            "Quảng Trị", List.of("rescue", "habitat"),
            "Cứu hộ động vật hoang dã bị buôn bán trái phép và đưa chúng trở về rừng quanh Phong Nha - Kẻ Bàng"
                + " (trước đây thuộc tỉnh Quảng Bình).",
            "Rescues trafficked wildlife and returns it to the forests around Phong Nha - Ke Bang (formerly in"
                + " Quang Binh province).", true),
        sample("Nhóm Giáo dục Bảo tồn Hà Nội", "Hanoi Conservation Education Group", "HCEG", "Hà Nội",
            List.of("communication", "demand-reduction"),
            "Chiến dịch truyền thông thay đổi hành vi, giảm nhu cầu tiêu thụ sản phẩm từ động vật hoang dã.",
            "Behaviour-change campaigns that reduce demand for wildlife products.", false),
        sample("Mạng lưới Bảo vệ Rừng ngập mặn Mũi Cà Mau", "Ca Mau Mangrove Network", "CMMN", "Cà Mau",
            List.of("habitat", "livelihoods"),
            "Cộng đồng ven biển cùng bảo vệ rừng ngập mặn và phát triển sinh kế bền vững.",
            "Coastal communities protecting mangroves and building sustainable livelihoods.", false),
        sample("Liên minh Vận động Chính sách Động vật Hoang dã", "Wildlife Policy Advocacy Alliance", "WPAA",
            "Hồ Chí Minh", List.of("policy", "enforcement", "research"),
            "Nghiên cứu và góp ý chính sách, hỗ trợ cơ quan thực thi pháp luật chống buôn bán động vật hoang dã.",
            "Policy research and advice; support for law enforcement against wildlife trafficking.", false));
  }

  private static Sample sample(String nameVi, String nameEn, String acronym, String province, List<String> focus,
      String descriptionVi, String descriptionEn, boolean verified) {
    JsonObject json = new JsonObject()
        .put("name", new JsonObject().put("vi", nameVi).put("en", nameEn))
        .put("acronym", acronym)
        .put("province", province)
        .put("focusAreas", new JsonArray(focus))
        .put("description", new JsonObject().put("vi", descriptionVi + NOTE_VI).put("en", descriptionEn + NOTE_EN));
    return new Sample(OrganisationInput.parse(JsonInput.of(json.encode())), verified);
  }
}
