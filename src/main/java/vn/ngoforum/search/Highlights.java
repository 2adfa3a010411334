package vn.ngoforum.search;

import java.util.ArrayList;
import java.util.List;

/**
 * A highlighted title or snippet ({@link Found.Hit}) as parts of plain text, each marked as a match or not, for
 * views that draw the marks themselves (a template, a JSON answer).
 */
public final class Highlights {

  private static final String OPEN = "<mark>";
  private static final String CLOSE = "</mark>";

  private Highlights() {
  }

  /** One part of a highlighted text: plain text (not escaped), and whether it is a word searched for. */
  public record Part(String text, boolean match) {
  }

  /** The parts of {@code html}, a text escaped and marked by the index; neighbouring plain parts are one. */
  public static List<Part> parts(String html) {
    List<Part> parts = new ArrayList<>();
    int at = 0;
    while (at < html.length()) {
      int open = html.indexOf(OPEN, at);
      if (open < 0) {
        add(parts, html.substring(at), false);
        break;
      }
      add(parts, html.substring(at, open), false);
      int close = html.indexOf(CLOSE, open);
      if (close < 0) {
        add(parts, html.substring(open + OPEN.length()), true);
        break;
      }
      add(parts, html.substring(open + OPEN.length(), close), true);
      at = close + CLOSE.length();
    }
    return parts;
  }

  /** The plain text of {@code html}, without marks or escapes. */
  public static String text(String html) {
    StringBuilder text = new StringBuilder();
    parts(html).forEach(part -> text.append(part.text()));
    return text.toString();
  }

  private static void add(List<Part> parts, String escaped, boolean match) {
    if (escaped.isEmpty()) {
      return;
    }
    String text = unescape(escaped);
    if (!match && !parts.isEmpty() && !parts.get(parts.size() - 1).match()) {
      Part last = parts.remove(parts.size() - 1);
      parts.add(new Part(last.text() + text, false));
    } else {
      parts.add(new Part(text, match));
    }
  }

  /** Undoes the index's escaping (the OWASP rules of Lucene's passage formatter, and our own for titles). */
  private static String unescape(String escaped) {
    return escaped.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#x27;", "'")
        .replace("&#39;", "'").replace("&#x2F;", "/").replace("&amp;", "&");
  }
}
