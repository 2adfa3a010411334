package vn.ngoforum.forum.search;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import vn.ngoforum.text.VietnameseText;

/**
 * Search snippets: a short window of a post's plain text around the first word that matches the query, as parts
 * {@code [{text, match}]} so that a page can highlight the matches without ever building HTML from text.
 */
final class Snippets {

  private static final int WORDS_BEFORE = 10;
  private static final int WORDS_TOTAL = 36;

  private Snippets() {
  }

  static JsonArray around(String text, List<String> queryTokens) {
    String[] words = text.strip().split("\\s+");
    Set<String> wanted = new HashSet<>(queryTokens);
    int first = 0;
    for (int i = 0; i < words.length; i++) {
      if (matches(words[i], wanted)) {
        first = i;
        break;
      }
    }
    int start = Math.max(0, first - WORDS_BEFORE);
    int end = Math.min(words.length, start + WORDS_TOTAL);
    JsonArray parts = new JsonArray();
    StringBuilder plain = new StringBuilder(start > 0 ? "… " : "");
    for (int i = start; i < end; i++) {
      String separator = i + 1 < end ? " " : "";
      if (matches(words[i], wanted)) {
        flush(parts, plain);
        parts.add(new JsonObject().put("text", words[i]).put("match", true));
        plain.append(separator);
      } else {
        plain.append(words[i]).append(separator);
      }
    }
    if (end < words.length) {
      plain.append(" …");
    }
    flush(parts, plain);
    return parts;
  }

  private static boolean matches(String word, Set<String> wanted) {
    return VietnameseText.tokens(word).stream().anyMatch(wanted::contains);
  }

  private static void flush(JsonArray parts, StringBuilder plain) {
    if (!plain.isEmpty()) {
      parts.add(new JsonObject().put("text", plain.toString()).put("match", false));
      plain.setLength(0);
    }
  }
}
