package vn.ngoforum.forum.categories;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** The categories a new forum starts with: the 2022 Hanoi workshop's two topics, then policy, field, news. */
public final class DemoCategories {

  private DemoCategories() {
  }

  /**
   * Creates the workshop's categories when there are none yet. Safe when two nodes start at once: each category
   * has a fixed slug, so the second insert of the same one is ignored.
   */
  public static Future<Void> seed(CategoryRepository categories) {
    return categories.count().compose(count -> {
      if (count > 0) {
        return Future.succeededFuture();
      }
      Instant now = Instant.now();
      Future<Void> chain = Future.succeededFuture();
      for (Category category : all()) {
        chain = chain.compose(v -> categories.insertIfAbsent(category, now));
      }
      return chain;
    });
  }

  static List<Category> all() {
    return List.of(
        category("csos-role-and-achievements", 1,
            "Vai trò và thành tựu của các tổ chức xã hội trong bảo tồn đa dạng sinh học và phòng, chống buôn bán,"
                + " tiêu thụ động vật hoang dã",
            "Recognising the role and achievements of civil society organisations in biodiversity conservation"
                + " and preventing wildlife trade and consumption",
            "Chủ đề 1 của hội thảo Hà Nội 2022: ghi nhận những gì các tổ chức xã hội đã làm được và chia sẻ kinh"
                + " nghiệm.",
            "Topic 1 of the 2022 Hanoi workshop: recognising what civil society organisations have achieved and"
                + " sharing their experience."),
        category("csos-in-wildlife-policy", 2,
            "Thúc đẩy vai trò của các tổ chức xã hội trong hoàn thiện chính sách bảo vệ động vật hoang dã",
            "Promoting the role of civil society organisations in improving wildlife-protection policy",
            "Chủ đề 2 của hội thảo: vận động chính sách, góp ý dự thảo văn bản pháp luật.",
            "Topic 2 of the workshop: policy advocacy and comments on draft legislation."),
        category("policy-and-law", 3,
            "Chính sách và pháp luật",
            "Policy and law",
            "Chỉ thị 29/CT-TTg, Chỉ thị 04/CT-TTg, Chiến lược quốc gia về đa dạng sinh học đến năm 2030, tầm nhìn"
                + " đến năm 2050.",
            "Directives 29/CT-TTg and 04/CT-TTg, the National Biodiversity Strategy to 2030 with a vision to 2050."),
        category("field-reports", 4,
            "Báo cáo hiện trường",
            "Field reports",
            "Ghi chép từ hiện trường: tuần tra, cứu hộ, điều tra thị trường.",
            "Notes from the field: patrols, rescues, market surveys."),
        category("announcements", 5,
            "Thông báo",
            "Announcements",
            "Tin tức của diễn đàn, sự kiện và hội thảo sắp tới.",
            "Forum news, upcoming events and workshops."));
  }

  private static Category category(String slug, int position, String nameVi, String nameEn, String descVi,
      String descEn) {
    return new Category(slug, new JsonObject().put("vi", nameVi).put("en", nameEn),
        new JsonObject().put("vi", descVi).put("en", descEn), position, Category.PUBLIC);
  }
}
