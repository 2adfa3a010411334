package vn.ngoforum.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.TestForum;
import vn.ngoforum.support.TestServers;

/**
 * "Go back to" targets ({@code ?next=}) only ever lead to a page of this site, and no value makes the forum fail:
 * the language switch, the signed-in shortcut of {@code /login} and the return after Keycloak's page.
 */
@ExtendWith(VertxExtension.class)
class RedirectsTest {

  /**
   * Query-string values (already percent-encoded as they travel) that must all send the person home. The comment
   * says what a browser would make of the value if the forum echoed it into {@code Location}.
   */
  private static final Map<String, String> HOSTILE = new LinkedHashMap<>();

  static {
    HOSTILE.put("protocol-relative", "//evil.example/");
    HOSTILE.put("protocol-relative, encoded", "%2F%2Fevil.example%2F");
    HOSTILE.put("backslash after the slash (browsers read /\\ as //)", "/%5Cevil.example");
    HOSTILE.put("backslash first", "%5C/evil.example");
    HOSTILE.put("backslash anywhere", "/orgs%5C..%5C..%5Cx");
    HOSTILE.put("TAB between the slashes (browsers drop it: //evil)", "/%09/evil.example");
    HOSTILE.put("CR LF: a header injection", "/%0D%0ASet-Cookie:%20x=1");
    HOSTILE.put("LF alone", "/%0A/evil.example");
    HOSTILE.put("CR alone", "/%0D/evil.example");
    HOSTILE.put("NUL", "/%00evil");
    HOSTILE.put("DEL", "/%7Fevil");
    HOSTILE.put("a scheme", "https:evil.example");
    HOSTILE.put("an absolute URL", "https://evil.example/");
    HOSTILE.put("javascript:", "javascript:alert(1)");
    HOSTILE.put("javascript: after a slash-less space", "%20javascript:alert(1)");
    HOSTILE.put("leading space before //", "%20//evil.example");
    HOSTILE.put("relative path", "evil");
    HOSTILE.put("empty", "");
    HOSTILE.put("very long", "/" + "a".repeat(3000));
  }

  /** Query-string values whose decoded path is on the site and kept as it is. */
  private static final Map<String, String> LOCAL = new LinkedHashMap<>();

  static {
    LOCAL.put("/orgs", "/orgs");
    LOCAL.put("%2Forgs%3Fprovince%3DHu%E1%BA%BF%26focus%3Dbirds", "/orgs?province=Hu%E1%BA%BF&focus=birds");
    LOCAL.put("/t/abc%23post-1", "/t/abc#post-1");
    LOCAL.put("/search%3Fq%3Dt%C3%AA%20gi%C3%A1c", "/search?q=t%C3%AA%20gi%C3%A1c");
    LOCAL.put("/%252F%252Fevil", "/%2F%2Fevil");
  }

  private static String base;
  private static int port;

  @BeforeAll
  static void deploy(Vertx vertx) {
    TestForum forum = TestForum.deploy(vertx, "redirects");
    port = forum.port();
    base = forum.base();
  }

  @Test
  @DisplayName("the language switch returns to a page of this site, and anything else goes home")
  void languageSwitch() {
    assertSentHomeOrKept(next -> new Browser().get(base + "/lang/en?next=" + next));
  }

  @Test
  @DisplayName("the language switch and sign-in links of a page lead back to that page with its whole query")
  void linksKeepTheQuery() {
    String page = "/orgs?province=Hu%E1%BA%BF&focus=birds";
    String html = new Browser().get(base + page).body();
    for (String link : List.of("/lang/", "/login?")) {
      java.util.regex.Matcher href = java.util.regex.Pattern.compile("href=\"(" + java.util.regex.Pattern.quote(link)
          + "[^\"]*)\"").matcher(html);
      assertTrue(href.find(), "the page links to " + link);
      String url = href.group(1).replace("&amp;", "&").replace("&#x3D;", "=");
      if (link.equals("/lang/")) {
        assertEquals(page, new Browser().get(base + url).header("location").orElseThrow(), url);
      } else {
        Browser browser = Browser.signedIn(base, "member");
        assertEquals(page, browser.get(base + url).header("location").orElseThrow(), url);
      }
    }
  }

  @Test
  @DisplayName("a signed-in person sent to /login goes straight back to the page, never to another site")
  void signedInLogin() {
    Browser browser = Browser.signedIn(base, "member");
    assertSentHomeOrKept(next -> browser.get(base + "/login?next=" + next));
  }

  @Test
  @DisplayName("after Keycloak's page the person lands on this site even when the sign-in link named another")
  void afterSignIn() {
    for (String next : List.of("/%09/evil.example", "//evil.example", "/%5Cevil.example", "/%0D%0AX:%20y")) {
      Browser browser = new Browser();
      Page login = browser.open(base + "/login?next=" + next);
      Page back = browser.follow(browser.submitLoginForm(login, "member", TestServers.PASSWORD));
      assertEquals(base + "/", back.uri().toString(), next);
      assertEquals(200, back.status(), next);
    }
  }

  @Test
  @DisplayName("broken percent-encoding, over-long and raw control characters in next= never cause a server error")
  void neverAServerError() throws IOException {
    List<String> wrong = new ArrayList<>();
    for (String path : List.of("/lang/en?next=%zz", "/lang/en?next=%", "/lang/en?next=/a%E0%A4%A",
        "/login?next=%zz", "/login?next=%", "/lang/%zz?next=/", "/lang/en%0D%0A?next=/",
        "/lang/en?next=/" + "b".repeat(20_000), "/login?next=/" + "c".repeat(20_000))) {
      String status = rawStatus("GET " + path + " HTTP/1.1");
      if (status.isEmpty() || status.charAt(0) == '5') {
        wrong.add(path.substring(0, Math.min(60, path.length())) + " → " + status);
      }
    }
    for (String raw : List.of("/lang/en?next=/\t/evil.example", "/login?next=/\t/evil.example",
        "/lang/en?next=/\r/evil.example", "/lang/en?next=/\\evil.example")) {
      String status = rawStatus("GET " + raw + " HTTP/1.1");
      if (status.isEmpty() || status.charAt(0) == '5') {
        wrong.add(raw.replace("\t", "<TAB>").replace("\r", "<CR>") + " → " + status);
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  /** Sends one request line as it is (bytes no client library would send) and returns the status code. */
  private static String rawStatus(String requestLine) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write((requestLine + "\r\nHost: localhost:" + port + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) != -1 && c != '\n') {
        line.append((char) c);
      }
      String[] parts = line.toString().split(" ");
      return parts.length > 1 ? parts[1] : "";
    }
  }

  /**
   * Asks {@code redirect} (a page given a {@code next} query-string value) for every hostile value, which must send
   * the person home, and every local one, which must send them to its decoded path; names all that went elsewhere.
   */
  private static void assertSentHomeOrKept(java.util.function.Function<String, Page> redirect) {
    List<String> wrong = new ArrayList<>();
    HOSTILE.forEach((what, next) -> {
      Page page = redirect.apply(next);
      String location = page.header("location").orElse("(none)");
      if (page.status() != 302 || !location.equals("/")) {
        wrong.add(what + ": " + page.status() + " → " + location);
      }
    });
    LOCAL.forEach((next, expected) -> {
      Page page = redirect.apply(next);
      if (page.status() != 302 || !expected.equals(page.header("location").orElse(null))) {
        wrong.add(next + ": " + page.status() + " → " + page.header("location").orElse("(none)"));
      }
    });
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }
}
