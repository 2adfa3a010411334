package vn.ngoforum.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.TestForum;

/** The public face of the forum: home page in both languages, headers, errors, health, static files. */
class PagesTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("pages");

  @Test
  @DisplayName("a visitor sees the home page in Vietnamese, with the workshop's topics and the 2022 Hanoi workshop")
  void homeInVietnamese() {
    Page home = new Browser().get(forum.base() + "/");
    assertEquals(200, home.status());
    assertTrue(home.header("content-type").orElse("").startsWith("text/html"));
    assertTrue(home.body().contains("<html lang=\"vi\">"), "Vietnamese is the default language");
    assertTrue(home.body().contains("Diễn đàn NGO"));
    assertTrue(home.body().contains("Thúc đẩy vai trò của các tổ chức xã hội trong hoàn thiện chính sách"));
    assertTrue(home.body().contains("Hà Nội"));
    assertTrue(home.body().contains("29/09/2022"), "dates are shown in Vietnamese format, Hanoi time");
    assertTrue(home.body().contains(">Đăng nhập<"), "the sign-in link is visible");
    assertTrue(home.body().contains("href=\"#main\""), "a skip link leads to the content");
    assertTrue(home.setCookies().isEmpty(), "reading creates no session and sets no cookie");
  }

  @Test
  @DisplayName("choosing English sticks: every later page is in English until the visitor switches back")
  void englishSticks() {
    Browser browser = new Browser();
    Page switched = browser.get(forum.base() + "/lang/en?next=/");
    assertEquals(302, switched.status());
    assertEquals("/", switched.header("location").orElseThrow());
    Page home = browser.get(forum.base() + "/");
    assertTrue(home.body().contains("<html lang=\"en\">"));
    assertTrue(home.body().contains("NGO Forum"));
    assertTrue(home.body().contains("Promoting the role of civil society organisations in improving"));
    assertTrue(home.body().contains(">Sign in<"));
    assertTrue(browser.get(forum.base() + "/nowhere").body().contains("Page not found"),
        "error pages follow the choice");
    browser.get(forum.base() + "/lang/vi?next=/");
    assertTrue(browser.get(forum.base() + "/").body().contains("<html lang=\"vi\">"));
  }

  @Test
  @DisplayName("the language switch never sends a visitor to another site")
  void noOpenRedirect() {
    Page page = new Browser().get(forum.base() + "/lang/en?next=//evil.example/x");
    assertEquals("/", page.header("location").orElseThrow());
  }

  @Test
  @DisplayName("every response carries the security headers, pages, API, static files and errors alike")
  void securityHeaders() {
    Browser browser = new Browser();
    for (String path : List.of("/", "/api/v1/categories", "/static/css/forum.css", "/nowhere", "/api/v1/nowhere",
        "/health")) {
      Page page = browser.get(forum.base() + path);
      String csp = page.header("content-security-policy").orElse("");
      assertTrue(csp.contains("default-src 'self'"), path + " has a CSP: " + csp);
      assertTrue(csp.contains("frame-ancestors 'none'"), path);
      assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), path);
      assertEquals("nosniff", page.header("x-content-type-options").orElse(null), path);
      assertTrue(page.header("referrer-policy").isPresent(), path);
    }
  }

  @Test
  @DisplayName("an unknown page gets the error page; an unknown API path gets a JSON error")
  void notFound() {
    Browser browser = new Browser();
    Page page = browser.get(forum.base() + "/nowhere");
    assertEquals(404, page.status());
    assertTrue(page.body().contains("Không tìm thấy trang"));
    Page api = browser.get(forum.base() + "/api/v1/nowhere");
    assertEquals(404, api.status());
    JsonObject error = new JsonObject(api.body());
    assertEquals("not_found", error.getString("error"));
    assertTrue(error.getString("message").length() > 0);
  }

  @Test
  @DisplayName("static files are served with cache headers")
  void staticFiles() {
    Page css = new Browser().get(forum.base() + "/static/css/forum.css");
    assertEquals(200, css.status());
    assertTrue(css.header("cache-control").orElse("").contains("max-age"));
    assertTrue(css.body().contains("--green-700"));
  }

  @Test
  @DisplayName("health says UP while MongoDB and Keycloak answer, and the search index once it is built")
  void health() {
    Page health = forum.api().get("/health");
    assertEquals(200, health.status());
    JsonObject body = Api.json(health);
    assertEquals("UP", body.getString("status"));
    assertEquals("UP", body.getString("mongo"));
    assertEquals("UP", body.getString("keycloak"));
    String search = Eventually.value(() -> Api.json(forum.api().get("/health")).getString("search"), "UP"::equals,
        Duration.ofSeconds(20));
    assertEquals("UP", search, "the index is built from the test database within seconds");
  }

  @Test
  @DisplayName("the categories API lists the workshop's two topics first, then policy, field reports, news")
  void categoriesInOrder() {
    JsonArray categories = Api.array(forum.api().get("/api/v1/categories"));
    assertEquals(List.of("csos-role-and-achievements", "csos-in-wildlife-policy", "policy-and-law",
            "field-reports", "announcements"),
        categories.stream().map(c -> ((JsonObject) c).getString("slug")).toList());
    JsonObject first = categories.getJsonObject(0);
    assertTrue(first.getJsonObject("name").getString("en").startsWith("Recognising the role and achievements"));
    assertTrue(first.getJsonObject("name").getString("vi").startsWith("Vai trò và thành tựu"));
  }

  @Test
  @DisplayName("the API is described by an OpenAPI document")
  void openApi() {
    Page spec = forum.api().get("/api/v1/openapi.yaml");
    assertEquals(200, spec.status());
    assertTrue(spec.body().startsWith("openapi: 3"));
    assertTrue(spec.body().contains("/me:"));
  }
}
