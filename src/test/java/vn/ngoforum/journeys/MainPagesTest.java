package vn.ngoforum.journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import vn.ngoforum.support.Accessibility;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.HeadlessChromium;
import vn.ngoforum.support.TestServers;

/**
 * The main pages in Chromium, for a visitor and for a signed-in moderator, in Vietnamese and English: axe-core
 * finds nothing serious or critical, each page has what keyboard and screen-reader users rely on, and no page
 * needs more than {@value #BUDGET_BYTES} bytes of script and style (the modules its scripts import included).
 */
@Tag("browser")
@ExtendWith(VertxExtension.class)
class MainPagesTest {

  static final int BUDGET_BYTES = 150 * 1024;

  private static String base;
  private static Person guest;
  private static Person moderator;
  /** Page name → path; the last two only for people who are signed in. */
  private static final Map<String, String> PAGES = new LinkedHashMap<>();
  private static final List<String> SIGNED_IN_ONLY = List.of("moderator page", "notifications", "register org",
      "event editor", "session editor", "notification settings", "my watches");

  @BeforeAll
  static void deploy(Vertx vertx) {
    ForumUnderTest.deploy(vertx, TestServers.get().forumConfig("main-pages"));
    base = TestServers.get().forumUrl();
    String thread = Setup.post("moderator", "/api/v1/threads", new JsonObject().put("category", "field-reports")
        .put("title", "Tê giác Java: cập nhật tuần tra").put("body", "**Tin vui**: không phát hiện bẫy mới.\n\n"
            + "- Khu A: sạch\n- Khu B: 2 bẫy cũ")).getString("id");
    Setup.post("member", "/api/v1/threads/" + thread + "/posts", new JsonObject()
        .put("body", "> không phát hiện bẫy mới\n\nTuyệt vời, cảm ơn anh!"));
    Setup.Workshop workshop = Setup.workshop("Hội thảo bảo tồn 2026", "Phiên hỏi đáp: buôn bán động vật hoang dã");
    String question = Setup.post("member", "/api/v1/sessions/" + workshop.session() + "/questions",
        new JsonObject().put("text", "Khi nào có quy định mới về nuôi nhốt gấu?").put("anonymous", false))
        .getString("id");
    Setup.post("moderator", "/api/v1/questions/" + question + "/moderate", new JsonObject().put("action", "approve"),
        200);
    Setup.post("moderator", "/api/v1/events/" + workshop.event() + "/sessions", new JsonObject()
        .put("title", "Phiên 2: chính sách").put("speakers", new JsonArray().add("Nguyễn Văn A").add("Trần Thị B"))
        .put("description", "Thảo luận về dự thảo nghị định.").put("stream", "https://example.org/live"));
    String pending = Setup.post("attendee", "/api/v1/sessions/" + workshop.session() + "/questions",
        new JsonObject().put("text", "Có tài liệu tiếng Anh không?").put("anonymous", true)).getString("id");
    assertTrue(pending != null);
    String org = Setup.post("member", "/api/v1/orgs", new JsonObject()
        .put("name", new JsonObject().put("vi", "Trung tâm Cứu hộ Động vật Hoang dã").put("en", "Wildlife Rescue Centre"))
        .put("acronym", "WRC").put("province", "ha-noi").put("focusAreas", new JsonArray().add("rescue"))
        .put("website", "https://example.org").put("description", new JsonObject()
            .put("vi", "Cứu hộ và tái thả động vật hoang dã.").put("en", "Rescue and release of wildlife.")))
        .getString("slug");
    PAGES.put("home", "/");
    PAGES.put("category", "/c/field-reports");
    PAGES.put("thread", "/t/" + thread);
    PAGES.put("search", "/search?q=te+giac");
    PAGES.put("event", "/events/" + workshop.event());
    PAGES.put("Q&A session", "/qa/" + workshop.session());
    PAGES.put("projector", "/qa/" + workshop.session() + "/present");
    PAGES.put("org directory", "/orgs");
    PAGES.put("org page", "/orgs/" + org);
    PAGES.put("moderator page", "/qa/" + workshop.session() + "/moderate");
    PAGES.put("workshops", "/events");
    PAGES.put("event editor", "/events/" + workshop.event() + "/edit");
    PAGES.put("session editor", "/qa/" + workshop.session() + "/edit");
    PAGES.put("notifications", "/notifications");
    PAGES.put("register org", "/orgs/new");
    PAGES.put("notification settings", "/settings/notifications");
    PAGES.put("my watches", "/watches");
    guest = new Person("guest", base);
    moderator = new Person("moderator", base);
    moderator.signInFromHome("moderator");
  }

  @AfterAll
  static void stop() {
    Stream.of(guest, moderator).filter(java.util.Objects::nonNull).forEach(Person::close);
  }

  @TestFactory
  @DisplayName("axe-core finds no serious or critical problem on the main pages")
  Stream<DynamicTest> accessibility() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String lang : List.of("vi", "en")) {
      for (Person person : List.of(guest, moderator)) {
        for (Map.Entry<String, String> page : PAGES.entrySet()) {
          if (person == guest && SIGNED_IN_ONLY.contains(page.getKey())) {
            continue;
          }
          tests.add(dynamicTest(page.getKey() + ", " + person.label + ", " + lang, () -> {
            show(person, lang, page.getValue());
            String label = page.getKey() + ", " + person.label + ", " + lang;
            Accessibility.assertNoSeriousViolations(person.browser, label);
            if ("vi".equals(lang)) {
              person.screenshots("page-" + page.getKey().replaceAll("[^A-Za-z]+", "-").toLowerCase() + "-"
                  + person.label, null);
            }
            assertBasics(person, page.getKey(), lang);
          }));
        }
      }
    }
    return tests.stream();
  }

  @Test
  @DisplayName("no main page needs more than 150 KB of script and style")
  void lightPages() {
    for (Person person : List.of(guest, moderator)) {
      for (Map.Entry<String, String> page : PAGES.entrySet()) {
        if (person == guest && SIGNED_IN_ONLY.contains(page.getKey())) {
          continue;
        }
        show(person, "vi", page.getValue());
        @SuppressWarnings("unchecked")
        List<String> tags = (List<String>) ((JavascriptExecutor) person.browser).executeScript(
            "return Array.from(document.querySelectorAll('script[src], link[rel=stylesheet], link[rel=modulepreload]'))"
                + ".map(function (e) { return e.src || e.href; });");
        List<String> urls = new ArrayList<>(new LinkedHashSet<>(tags));
        long bytes = 0;
        for (int i = 0; i < urls.size(); i++) {
          String url = urls.get(i);
          Browser.Page asset = new Browser().get(url);
          assertEquals(200, asset.status(), url);
          bytes += asset.body().getBytes(StandardCharsets.UTF_8).length;
          for (String imported : staticImports(url, asset.body())) {
            if (!urls.contains(imported)) {
              urls.add(imported);
            }
          }
        }
        @SuppressWarnings("unchecked")
        List<String> fetched = (List<String>) ((JavascriptExecutor) person.browser).executeScript(
            "return performance.getEntriesByType('resource').map(function (e) { return e.name; })"
                + ".filter(function (url) { return /\\.(js|css)$/.test(url.split('?')[0]); });");
        assertTrue(urls.containsAll(fetched), page.getKey() + ": counted " + urls + ", fetched " + fetched);
        System.out.println("WEIGHT " + page.getKey() + " (" + person.label + ") " + bytes + " " + urls);
        assertTrue(bytes <= BUDGET_BYTES, page.getKey() + " (" + person.label + ") loads " + bytes
            + " bytes of script and style: " + urls);
      }
    }
  }

  @Test
  @DisplayName("no main page scrolls sideways on a 360 px phone, in either language, with every form opened")
  void nothingOverflowsOnSmallPhones() {
    List<String> wide = new ArrayList<>();
    for (Person person : List.of(guest, moderator)) {
      HeadlessChromium.show(person.browser, HeadlessChromium.Screen.SMALL_PHONE);
      try {
        for (String lang : List.of("vi", "en")) {
          for (Map.Entry<String, String> page : PAGES.entrySet()) {
            if (person == guest && SIGNED_IN_ONLY.contains(page.getKey())) {
              continue;
            }
            show(person, lang, page.getValue());
            String overflow = HeadlessChromium.sidewaysScroll(person.browser, true);
            if (overflow != null) {
              wide.add(page.getKey() + " (" + person.label + ", " + lang + ") by " + overflow);
            }
          }
        }
      } finally {
        HeadlessChromium.show(person.browser, HeadlessChromium.Screen.DESKTOP);
      }
    }
    assertEquals(List.of(), wide);
  }

  @Test
  @DisplayName("a keyboard user's first Tab reaches a visible skip link that moves focus to the main content")
  void skipLinkWorksWithTheKeyboard() {
    show(guest, "vi", "/");
    guest.find("body").sendKeys(Keys.TAB);
    WebElement focused = guest.browser.switchTo().activeElement();
    assertEquals("#main", focused.getAttribute("href").substring(base.length() + 1));
    assertTrue(focused.isDisplayed() && focused.getLocation().getY() >= 0, "the skip link shows when focused");
    String outline = focused.getCssValue("outline-style");
    assertTrue(!"none".equals(outline), "focus is visible: " + outline);
    focused.sendKeys(Keys.ENTER);
    assertEquals("main", guest.browser.switchTo().activeElement().getAttribute("id"));
  }

  @Test
  @DisplayName("a reply with a file shows its upload progress, and a refused file leaves a clear message in"
      + " Vietnamese and the typed text in place")
  void uploadProgressAndKeptText() throws Exception {
    show(moderator, "vi", PAGES.get("thread"));
    java.nio.file.Path file = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/upload-test"))
        .resolve("ghi-chu.txt");
    java.nio.file.Files.writeString(file, "không phải PDF ".repeat(2000));
    moderator.markPage();
    moderator.type("#reply-body", "Bản ghi chú cuộc họp với kiểm lâm");
    moderator.find("#reply-files").sendKeys(file.toAbsolutePath().toString());
    moderator.click("#reply-form button[type=submit]");
    WebElement status = moderator.waitFor("#reply-form [data-upload-status][data-state=failed]");
    assertTrue(status.getText().contains("tệp"), status.getText());
    assertEquals("100", moderator.find("#reply-form progress").getAttribute("value"));
    assertEquals("Bản ghi chú cuộc họp với kiểm lâm", moderator.find("#reply-body").getAttribute("value"));
    moderator.assertNotReloaded();
    moderator.screenshots("upload-refused", "#reply-form [data-upload-status]");
  }

  @Test
  @DisplayName("a moderator's export says it is working, then names the file it saved")
  void exportShowsProgress() {
    show(moderator, "vi", PAGES.get("moderator page"));
    moderator.click("a[data-download='qa.csv']");
    moderator.waitUntil("the export is done", driver -> "ready".equals(
        driver.findElement(By.id("export-status")).getAttribute("data-state")));
    String said = moderator.find("#export-status").getText();
    assertTrue(said.startsWith("Đã tải xuống") && said.contains(".csv"), said);
  }

  @Test
  @DisplayName("the check can fail: an image without a text alternative and a button without a name are reported")
  void axeReportsProblems() {
    show(guest, "vi", "/");
    ((JavascriptExecutor) guest.browser).executeScript("var main = document.getElementById('main');"
        + "main.insertAdjacentHTML('beforeend', '<img src=\"/static/img/favicon.svg\">"
        + "<button type=\"button\"></button>');");
    List<String> found = Accessibility.seriousViolations(guest.browser, "home with planted problems");
    assertTrue(found.stream().anyMatch(line -> line.contains("image-alt")), String.valueOf(found));
    assertTrue(found.stream().anyMatch(line -> line.contains("button-name")), String.valueOf(found));
  }

  /** A static import (or re-export) of an ES module: {@code import {a} from './x.js'}, {@code import './y.js'}. */
  private static final Pattern STATIC_IMPORT = Pattern.compile(
      "(?m)^\\s*(?:import\\s*|(?:import|export)\\s[^'\";()=]*?\\bfrom\\s*)['\"]([^'\"]+)['\"]");

  /** The modules a script imports (the page loads them too, so they count): its static import and export lines. */
  static List<String> staticImports(String url, String script) {
    List<String> found = new ArrayList<>();
    if (url.contains("/static/js/") && url.endsWith(".js")) {
      Matcher imports = STATIC_IMPORT.matcher(script);
      while (imports.find()) {
        found.add(URI.create(url).resolve(imports.group(1)).toString());
      }
    }
    return found;
  }

  static void show(Person person, String lang, String path) {
    String current = (String) ((JavascriptExecutor) person.browser).executeScript(
        "return document.documentElement ? document.documentElement.lang : '';");
    if (!lang.equals(current)) {
      person.open("/lang/" + lang + "?next=/");
    }
    person.open(path);
    person.waitUntil("the page has loaded", driver -> "complete".equals(
        ((JavascriptExecutor) driver).executeScript("return document.readyState;")));
    if (!person.browser.findElements(By.cssSelector("[data-live-status]:not([hidden])")).isEmpty()
        || !person.browser.findElements(By.cssSelector("[data-qa-session]")).isEmpty()) {
      person.waitUntilLive();
    }
  }

  /** What axe does not check by itself: the page's language, a skip link, one h1 and headings without gaps. */
  static void assertBasics(Person person, String page, String lang) {
    JavascriptExecutor js = (JavascriptExecutor) person.browser;
    assertEquals(lang, js.executeScript("return document.documentElement.lang;"), page + ": lang");
    if (!"projector".equals(page)) {
      assertEquals(1L, js.executeScript("return document.querySelectorAll('a.skip-link[href=\"#main\"]').length;"),
          page + ": skip link");
    }
    @SuppressWarnings("unchecked")
    List<Long> levels = (List<Long>) js.executeScript("return Array.from(document.querySelectorAll("
        + "'h1,h2,h3,h4,h5,h6')).map(function (h) { return Number(h.tagName.substring(1)); });");
    assertEquals(1L, levels.stream().filter(level -> level == 1).count(), page + ": one h1 " + levels);
    for (int i = 1; i < levels.size(); i++) {
      assertTrue(levels.get(i) <= levels.get(i - 1) + 1, page + ": heading levels in order " + levels);
    }
  }
}
