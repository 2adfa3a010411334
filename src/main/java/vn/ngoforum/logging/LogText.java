package vn.ngoforum.logging;

/**
 * Text that came from outside, made safe for a one-line log record: every character that could end a line or
 * steer a terminal is written as an escape, so a user name, path, frame or exception message holding
 * {@code "\r\n12:00:00.000 INFO  ..."} cannot start a forged record of its own.
 *
 * <p>CR and LF become {@code \r} and {@code \n}; other control characters (ESC among them), NEL and the Unicode
 * line and paragraph separators become {@code \}{@code uXXXX}. Tabs stay. A backslash stays as it is: escaped
 * text is for a person reading a log, not for decoding.
 */
public final class LogText {

  private LogText() {
  }

  /** {@code text} with line breaks and control characters escaped; {@code null} stays {@code null}. */
  public static String escape(String text) {
    if (text == null) {
      return null;
    }
    int first = firstUnsafe(text);
    if (first < 0) {
      return text;
    }
    StringBuilder escaped = new StringBuilder(text.length() + 16).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        escaped.append("\\n");
      } else if (c == '\r') {
        escaped.append("\\r");
      } else if (isUnsafe(c)) {
        escaped.append(String.format("\\u%04x", (int) c));
      } else {
        escaped.append(c);
      }
    }
    return escaped.toString();
  }

  private static int firstUnsafe(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isUnsafe(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isUnsafe(char c) {
    return c < 0x20 && c != '\t' || c == 0x7f || c == 0x85 || c == '\u2028' || c == '\u2029';
  }
}
