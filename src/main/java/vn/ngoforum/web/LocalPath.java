package vn.ngoforum.web;

/** Guards "go back to" parameters ({@code ?next=}) against open redirects. */
public final class LocalPath {

  private LocalPath() {
  }

  /** {@code next} when it is a path on this site; anything else (absolute or protocol-relative URLs) is "/". */
  public static String orHome(String next) {
    if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
      return "/";
    }
    return next;
  }
}
