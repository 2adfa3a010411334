package vn.ngoforum.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Vietnamese-correct matching without {@code $text} (which the embedded store lacks): text is folded to lower
 * case without tones or diacritics, with {@code đ → d}, so "te giac" matches "tê giác" and "duong day" matches
 * "đường dây". Store {@link #tokens(String)} of what should be searchable in an indexed array field and match a
 * query's tokens against it: the same query runs on the embedded store and on real MongoDB.
 */
public final class VietnameseText {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{Nd}]+");

  private VietnameseText() {
  }

  /** Lower case, no tones or diacritics, {@code đ → d}, words separated by single spaces. */
  public static String fold(String text) {
    if (text == null) {
      return "";
    }
    String lower = text.toLowerCase(Locale.ROOT).replace('đ', 'd');
    String stripped = MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
    return NOT_WORD.matcher(stripped).replaceAll(" ").trim();
  }

  /** The distinct folded words of {@code text}, in order of first appearance. */
  public static List<String> tokens(String text) {
    String folded = fold(text);
    if (folded.isEmpty()) {
      return List.of();
    }
    Set<String> unique = new LinkedHashSet<>(List.of(folded.split(" ")));
    return new ArrayList<>(unique);
  }
}
