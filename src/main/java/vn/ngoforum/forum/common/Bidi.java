package vn.ngoforum.forum.common;

import java.util.regex.Pattern;

/**
 * Unicode's bidirectional controls, which can make a text display differently from what it is (a title, a file
 * name, a post): the forum takes them out of everything people type before it keeps it.
 */
public final class Bidi {

  /** LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, LRM, RLM, ALM. */
  private static final Pattern CONTROLS = Pattern.compile("[\\u202A-\\u202E\\u2066-\\u2069\\u200E\\u200F\\u061C]");

  private Bidi() {
  }

  /** The text with bidirectional control characters removed ({@code null} stays {@code null}). */
  public static String neutralise(String text) {
    return text == null ? null : CONTROLS.matcher(text).replaceAll("");
  }
}
