package vn.ngoforum.forum.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.forum.common.Bidi;

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
  @DisplayName("a table, ~~strikethrough~~ and a bare web address render as a table, struck text and a safe link")
  void extensions() {
    String html = Markdown.render("""
        | Tỉnh | Số loài |
        |:-----|-------:|
        | Quảng Trị | **12** |

        Hạn nộp ~~30/5~~ 15/6, khoảng ~5 km.

        Xem https://wwf.org.vn/bao-cao và www.thiennhien.net.
        """).html();
    assertTrue(html.contains("<table>"), html);
    assertTrue(html.contains("<th align=\"left\">Tỉnh</th>"), html);
    assertTrue(html.contains("<th align=\"right\">Số loài</th>"), html);
    assertTrue(html.contains("<td align=\"left\">Quảng Trị</td>"), html);
    assertTrue(html.contains("<strong>12</strong>"), html);
    assertTrue(html.contains("<del>30/5</del> 15/6"), html);
    assertTrue(html.contains("khoảng ~5 km"), html);
    assertTrue(html.contains("<a href=\"https://wwf.org.vn/bao-cao\""), html);
    assertTrue(html.contains("<a href=\"http://www.thiennhien.net\""), html);
    assertEquals(2, count(html, "rel=\"nofollow ugc noopener\""), html);
  }

  @Test
  @DisplayName("nothing unsafe comes through a table cell, a struck word or an address written out")
  void extensionsHostile() {
    String[] attacks = {
        "| a |\n|---|\n| <script>alert(1)</script> |",
        "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
        "| a |\n|---|\n| [x](javascript:alert(1)) |",
        "~~<script>alert(1)</script>~~",
        "~~[x](javascript:alert(1))~~",
        "javascript:alert(1)",
        "https://example.org/\"onmouseover=\"alert(1)",
        "www.example.org/<script>alert(1)</script>",
        "https://example.org/?q=<img src=x onerror=alert(1)>",
        "data:text/html,<script>alert(1)</script>"
    };
    for (String attack : attacks) {
      String html = Markdown.render(attack).html().toLowerCase(Locale.ROOT);
      assertFalse(html.contains("<script"), attack + " → " + html);
      assertFalse(html.contains("<img"), attack + " → " + html);
      assertFalse(html.contains("href=\"javascript") || html.contains("href=\"data:"), attack + " → " + html);
      assertFalse(html.matches("(?s).*<[^>]*\\son[a-z]+=.*"), attack + " → " + html);
    }
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
    assertEquals("tiêu đề", Bidi.neutralise("tiêu\u202E đề"));
  }

  @Test
  @DisplayName("quotes, lists, emphasis and links nested thousands deep are refused as a bad body, never a crash")
  void tooDeep() {
    for (Map.Entry<String, String> body : deepBodies().entrySet()) {
      ForumException refused = assertThrows(ForumException.class, () -> Markdown.render(body.getValue()),
          body.getKey());
      assertEquals(400, refused.status(), body.getKey());
      assertTrue(refused.getMessage().contains("'body'") && refused.getMessage().contains("deep"),
          refused.getMessage());
    }
  }

  @Test
  @DisplayName("the nesting people write (quotes of quotes, lists in lists, bold links) renders in full")
  void ordinaryNesting() {
    String quotes = "> ".repeat(20) + "trích dẫn sâu";
    assertEquals(20, count(Markdown.render(quotes).html(), "<blockquote>"));

    StringBuilder list = new StringBuilder();
    for (int level = 0; level < 12; level++) {
      list.append("  ".repeat(level)).append("- cấp ").append(level).append('\n');
    }
    assertEquals(12, count(Markdown.render(list.toString()).html(), "<ul>"));

    String html = Markdown.render("***[rừng **Cúc _Phương_**](https://example.org)***").html();
    assertTrue(html.contains("<em>Phương</em>"), html);
    assertTrue(html.contains("<a href=\"https://example.org\""), html);
  }

  @Test
  @DisplayName("long flat runs of brackets, marks, backticks and tags render as text")
  void longFlatRuns() {
    for (Map.Entry<String, String> body : flatBodies().entrySet()) {
      Markdown.Rendered rendered = Markdown.render(body.getValue());
      assertFalse(rendered.html().isEmpty(), body.getKey());
    }
  }

  /** Bodies within the size limit of a post: long flat runs of what Markdown reads as marks, nested nowhere. */
  static Map<String, String> flatBodies() {
    int max = Posting.POST_MAX;
    Map<String, String> bodies = new LinkedHashMap<>();
    bodies.put("brackets", "[".repeat(max));
    bodies.put("unclosed links", "[a](".repeat(max / 4));
    bodies.put("stars", "*".repeat(max));
    bodies.put("underscores", "_".repeat(max));
    bodies.put("alternating emphasis", "*a".repeat(max / 2));
    bodies.put("intraword underscores", "a_b".repeat(max / 3));
    bodies.put("backticks", "`a".repeat(max / 2));
    bodies.put("tags", "<div>".repeat(max / 5));
    bodies.put("less-than signs", "<".repeat(max / 4));
    bodies.put("a thousand bold words", "**từ** ".repeat(1000));
    bodies.put("inline tags", "<b>".repeat(max / 3));
    return bodies;
  }

  /** Bodies within the size limit of a post that nest far deeper than anyone writes. */
  static Map<String, String> deepBodies() {
    int max = Posting.POST_MAX;
    Map<String, String> bodies = new LinkedHashMap<>();
    bodies.put("quote markers", ">".repeat(max));
    bodies.put("spaced quote markers", "> ".repeat(max / 2 - 1) + "a");
    bodies.put("bullet markers", "- ".repeat(max / 2 - 1) + "a");
    bodies.put("numbered markers", "1. ".repeat(max / 3 - 1) + "a");
    bodies.put("quoted lists", "> - ".repeat(max / 4 - 1) + "a");
    bodies.put("strong runs", "*".repeat(max / 2 - 1) + "a" + "*".repeat(max / 2 - 1));
    bodies.put("emphasis pairs", "*a **a ".repeat(max / 14) + "b" + " a** a*".repeat(max / 14));
    bodies.put("images in images", "![".repeat(max / 4 - 1) + "a" + "](b)".repeat(max / 8));
    StringBuilder indented = new StringBuilder();
    for (int level = 0; indented.length() < max - 200; level++) {
      indented.append(" ".repeat(2 * level)).append("- x\n");
    }
    bodies.put("indented lists", indented.toString());
    return bodies;
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
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
