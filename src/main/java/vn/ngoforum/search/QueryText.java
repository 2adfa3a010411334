package vn.ngoforum.search;

import java.util.ArrayList;
import java.util.List;

/**
 * What a person typed in the search box: words, and "phrases in quotes" whose words must come in that order.
 * Nothing else has a meaning (no operators to get wrong, no syntax errors); an unclosed quote is a phrase to the
 * end.
 *
 * @param words the words outside quotes, each required
 * @param phrases the quoted phrases, each required
 */
public record QueryText(List<String> words, List<String> phrases) {

  /** Longer searches are cut here: nobody types more, and each word is a clause to run. */
  public static final int MAX_LENGTH = 200;

  public static QueryText parse(String typed) {
    String text = Analysis.normal(typed == null ? "" : typed.strip());
    if (text.length() > MAX_LENGTH) {
      text = text.substring(0, MAX_LENGTH);
    }
    List<String> words = new ArrayList<>();
    List<String> phrases = new ArrayList<>();
    boolean quoted = false;
    StringBuilder current = new StringBuilder();
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : '"';
      boolean quote = c == '"' || c == '“' || c == '”';
      if (quote || (!quoted && Character.isWhitespace(c))) {
        String part = current.toString().strip();
        if (!part.isEmpty()) {
          (quoted ? phrases : words).add(part);
        }
        current.setLength(0);
        if (quote && i < text.length()) {
          quoted = !quoted;
        }
      } else {
        current.append(c);
      }
    }
    return new QueryText(List.copyOf(words), List.copyOf(phrases));
  }

  public boolean isEmpty() {
    return words.isEmpty() && phrases.isEmpty();
  }
}
