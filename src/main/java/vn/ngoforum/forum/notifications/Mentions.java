package vn.ngoforum.forum.notifications;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the {@code @username} mentions in a post's text. */
final class Mentions {

  /** At most this many people are notified from one post (a list of fifty names is not a mention). */
  static final int MAX = 10;
  private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{Nd}._-])@([A-Za-z0-9][A-Za-z0-9._-]{0,59})");

  private Mentions() {
  }

  /** The distinct usernames mentioned in {@code text}, lower case, in order, at most {@link #MAX}. */
  static List<String> in(String text) {
    Set<String> names = new LinkedHashSet<>();
    Matcher matcher = MENTION.matcher(text);
    while (matcher.find() && names.size() < MAX) {
      String name = matcher.group(1).replaceAll("[._-]+$", "");
      if (!name.isEmpty()) {
        names.add(name.toLowerCase(Locale.ROOT));
      }
    }
    return List.copyOf(names);
  }
}
