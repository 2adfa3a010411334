package vn.ngoforum.forum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What people write becomes safe HTML, and stays readable. */
class MarkdownTest {

  @Test
  @DisplayName("ordinary Markdown becomes the expected formatting, Vietnamese text intact")
  void formatting() {
    Markdown.Rendered rendered = Markdown.render("**Tê giác** và *ngà voi*\n\n- một\n- hai\n\n> trích dẫn\n\n`mã`");
    assertTrue(rendered.html().contains("<strong>Tê giác</strong>"), rendered.html());
    assertTrue(rendered.html().contains("<em>ngà voi</em>"));
    assertTrue(rendered.html().contains("<li>một</li>"));
    assertTrue(rendered.html().contains("<blockquote>"));
    assertTrue(rendered.html().contains("<code>mã</code>"));
    assertTrue(rendered.text().contains("Tê giác"));
  }

  @Test
  @DisplayName("links keep their address and get rel=\"nofollow ugc noopener\"")
  void links() {
    String html = Markdown.render("[WWF](https://wwf.org.vn/)").html();
    assertTrue(html.contains("href=\"https://wwf.org.vn/\""), html);
    assertTrue(hasSafeRel(html), html);
  }

  @Test
  @DisplayName("scripts, event handlers, javascript: and data: URLs, iframes, styles and forms never survive")
  void hostile() {
    String[] attacks = {
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "![pic](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
        "[d](data:text/html,<script>alert(1)</script>)",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<a href=\"javascript:alert(1)\" onclick=\"alert(1)\">x</a>",
        "<div style=\"position:fixed\">x</div>",
        "<form action=\"https://evil.example\"><input name=a></form>",
        "<svg onload=alert(1)>",
        "[x](  javascript:alert(1) )",
        "<<script>script>alert(1)<</script>/script>"
    };
    for (String attack : attacks) {
      String html = Markdown.render("before\n\n" + attack + "\n\nafter").html().toLowerCase(Locale.ROOT);
      assertFalse(html.contains("<script"), attack + " → " + html);
      assertFalse(html.contains("<iframe"), attack + " → " + html);
      assertFalse(html.contains("<form"), attack + " → " + html);
      assertFalse(html.contains("<input"), attack + " → " + html);
      assertFalse(html.contains("<svg"), attack + " → " + html);
      assertFalse(html.contains("<div"), attack + " → " + html);
      assertFalse(html.contains("javascript:") && html.contains("href=\"javascript"), attack + " → " + html);
      assertFalse(html.contains("href=\"data:") || html.contains("src=\"data:"), attack + " → " + html);
      assertFalse(html.matches("(?s).*<[^>]*\\son[a-z]+=.*"), attack + " → " + html);
      assertFalse(html.contains("style="), attack + " → " + html);
    }
  }

  @Test
  @DisplayName("bidirectional control characters are removed, so text reads as it is")
  void bidi() {
    Markdown.Rendered rendered = Markdown.render("abc\u202Edef\u2066ghi\u2069");
    assertEquals("<p>abcdefghi</p>", rendered.html().strip());
    assertEquals("tiêu đề", Markdown.neutraliseBidi("tiêu\u202E đề"));
  }

  /** Whether every link carries rel with nofollow, ugc and noopener (in any order). */
  static boolean hasSafeRel(String html) {
    java.util.regex.Matcher links = java.util.regex.Pattern.compile("<a [^>]*>").matcher(html);
    boolean any = false;
    while (links.find()) {
      any = true;
      java.util.regex.Matcher rel = java.util.regex.Pattern.compile("rel=\"([^\"]*)\"").matcher(links.group());
      if (!rel.find() || !java.util.Set.of(rel.group(1).split(" ")).containsAll(
          java.util.Set.of("nofollow", "ugc", "noopener"))) {
        return false;
      }
    }
    return any;
  }
}
