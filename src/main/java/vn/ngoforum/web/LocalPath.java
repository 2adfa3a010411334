package vn.ngoforum.web;

import io.vertx.core.http.HttpServerRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Guards "go back to" parameters ({@code ?next=}) against open redirects and header injection.
 *
 * <p>A return target is a path of this site: it starts with one {@code /}, and the second character is neither
 * {@code /} nor {@code \} (browsers read both {@code //host} and {@code /\host} as another site). A value with a
 * control character (TAB, CR, LF, NUL, DEL: browsers drop TAB and newlines from URLs, so {@code /<TAB>/evil} is
 * {@code //evil} to them, and CR LF would end the {@code Location} header), with a backslash anywhere, or longer
 * than {@link #MAX_LENGTH} goes home. A path cannot carry a scheme, so {@code https:…} and {@code javascript:…}
 * go home too. Characters that a URL may not hold as they are (spaces, Vietnamese letters) are percent-encoded
 * in UTF-8, so the {@code Location} header is always plain ASCII.
 */
public final class LocalPath {

  /** Home, where anything that is not a path of this site leads. */
  public static final String HOME = "/";
  /** Longer return targets go home: no page of the forum has a longer address. */
  static final int MAX_LENGTH = 2048;
  private static final String URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
      + "-._~:/?#[]@!$&'()*+,;=%";
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private LocalPath() {
  }

  /** {@code next} when it is a path on this site, made safe for a {@code Location} header; anything else is "/". */
  public static String orHome(String next) {
    if (next == null || next.isEmpty() || next.length() > MAX_LENGTH || next.charAt(0) != '/') {
      return HOME;
    }
    if (next.length() > 1 && (next.charAt(1) == '/' || next.charAt(1) == '\\')) {
      return HOME;
    }
    StringBuilder safe = new StringBuilder(next.length() + 16);
    for (int i = 0; i < next.length(); ) {
      int codePoint = next.codePointAt(i);
      i += Character.charCount(codePoint);
      if (codePoint < 0x20 || codePoint == 0x7F || codePoint == '\\'
          || (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE)) {
        return HOME;
      }
      if (codePoint < 0x80 && URL_SAFE.indexOf(codePoint) >= 0) {
        safe.append((char) codePoint);
      } else {
        for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
          safe.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
      }
    }
    return safe.length() > MAX_LENGTH ? HOME : safe.toString();
  }

  /**
   * {@code uri} (a request's path and query) encoded as the value of a {@code ?next=} parameter, so that links back
   * to it keep its whole query: {@code /login?next=%2Fsearch%3Fq%3Dte%2Bgiac%26page%3D2}.
   */
  public static String asParameter(String uri) {
    return URLEncoder.encode(uri, StandardCharsets.UTF_8);
  }

  /**
   * The request's {@code next} query parameter as a safe return target. A query string with broken percent-encoding
   * cannot be decoded at all: that is no target, so home.
   */
  public static String next(HttpServerRequest request) {
    String next;
    try {
      next = request.getParam("next");
    } catch (IllegalArgumentException brokenQuery) {
      return HOME;
    }
    return orHome(next);
  }
}
