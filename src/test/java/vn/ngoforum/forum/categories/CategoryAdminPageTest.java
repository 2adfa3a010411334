package vn.ngoforum.forum.categories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.TestForum;

/** The forum admins' page for categories: create, edit and order them without the API. */
class CategoryAdminPageTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-category-admin");

  @Test
  @DisplayName("a forum admin creates a category on the page, renames it and moves it to the top; members may not")
  void adminManagesCategories() {
    Browser admin = forum.signedIn("admin");
    assertTrue(admin.get(forum.base()
        + "/c/field-reports").body().contains("href=\"/admin/categories#category-field-reports\""),
        "a category page leads its admins to the management page");
    Page page = admin.get(forum.base() + "/admin/categories");
    assertEquals(200, page.status(), page.body());
    assertTrue(page.body().contains("action=\"/admin/categories/field-reports\""), "every category has a form");
    String csrf = csrf(page.body());

    String slug = "khu-bao-ton-" + Long.toString(System.nanoTime(), 36);
    Map<String, String> form = new HashMap<>(Map.of("_csrf", csrf, "slug", slug, "nameVi", "Khu bảo tồn",
        "nameEn", "Protected areas", "descriptionVi", "Tin từ các khu bảo tồn.", "position", "50",
        "visibility", "public"));
    Page created = admin.postForm(forum.base() + "/admin/categories", form);
    assertEquals(302, created.status(), created.body());
    Page twice = admin.postForm(forum.base() + "/admin/categories", form);
    assertEquals(409, twice.status(), "the same address twice");
    assertTrue(twice.body().contains("class=\"form-error\""), "the page says why: " + twice.body());
    form.put("slug", "Not A Slug");
    Page invalid = admin.postForm(forum.base() + "/admin/categories", form);
    assertEquals(400, invalid.status());
    assertTrue(invalid.body().contains("class=\"form-error\""), "the page says why: " + invalid.body());

    Page edited = admin.postForm(forum.base() + "/admin/categories/" + slug, Map.of("_csrf", csrf,
        "nameVi", "Khu bảo tồn thiên nhiên", "nameEn", "Nature reserves", "position", "0", "visibility", "public"));
    assertEquals(302, edited.status(), edited.body());
    JsonArray categories = new JsonArray(new Browser().get(forum.base() + "/api/v1/categories").body());
    JsonObject first = categories.getJsonObject(0);
    assertEquals(slug, first.getString("slug"), "position 0 lists it first: " + categories.encode());
    assertEquals("Khu bảo tồn thiên nhiên", first.getJsonObject("name").getString("vi"));
    assertEquals("Tin từ các khu bảo tồn.", first.getJsonObject("description").getString("vi"),
        "what the edit left out stays");

    Browser member = forum.signedIn("member");
    assertEquals(403, member.get(forum.base() + "/admin/categories").status());
  }

  private static String csrf(String html) {
    Matcher matcher = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
    assertTrue(matcher.find(), "the forms carry the CSRF token");
    return matcher.group(1);
  }
}
