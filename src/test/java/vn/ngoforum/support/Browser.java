package vn.ngoforum.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An HTTP client that behaves like a browser for our purposes: it keeps cookies per host (sending
 * {@code Secure} cookies to localhost over http, as browsers do for localhost), follows redirects when asked,
 * and fills in Keycloak's real login form.
 */
public final class Browser {

  private static final Pattern LOGIN_FORM =
      Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
  private static final Pattern ANY_FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");

  private final HttpClient http = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5))
      .build();
  /** host:port → cookie name → value. */
  private final Map<String, Map<String, String>> cookies = new LinkedHashMap<>();

  /** A response with the URL it came from. */
  public record Page(URI uri, int status, HttpHeaders headers, String body) {

    public Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    public List<String> setCookies() {
      return headers.allValues("set-cookie");
    }
  }

  public Page get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET(), Map.of());
  }

  public Page get(String url, Map<String, String> headers) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET(), headers);
  }

  public Page postForm(String url, Map<String, String> form) {
    return postForm(url, form, Map.of());
  }

  public Page postForm(String url, Map<String, String> form, Map<String, String> headers) {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)), headers);
  }

  public Page postJson(String url, String json, Map<String, String> headers) {
    return send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)), headers);
  }

  /** Posts raw bytes of a type (a file sent as the request body, as a script would). */
  public Page postBytes(String url, String type, byte[] body, Map<String, String> headers) {
    return send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)), headers);
  }

  /** Posts an upload form, as the browser's form would, with its cookies. */
  public Page postMultipart(String url, Multipart form) {
    return send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", form.contentType())
        .POST(HttpRequest.BodyPublishers.ofByteArray(form.body())), Map.of());
  }

  /** Any method with a JSON body ({@code null}: none), e.g. PUT, PATCH or DELETE on the API. */
  public Page sendJson(String method, String url, String json, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method,
        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    return send(request, headers);
  }

  /** Follows redirects from {@code page} (at most 10) and returns the first page that is not a redirect. */
  public Page follow(Page page) {
    Page current = page;
    for (int hops = 0; hops < 10 && isRedirect(current.status()); hops++) {
      URI next = current.uri().resolve(current.header("location").orElseThrow());
      current = get(next.toString());
    }
    return current;
  }

  /** GET with redirects followed. */
  public Page open(String url) {
    return follow(get(url));
  }

  /**
   * Signs in through the forum's {@code /login} and Keycloak's real login form, and returns the forum page the
   * browser lands on.
   */
  public Page signIn(String forumUrl, String username, String password) {
    Page loginPage = open(forumUrl + "/login");
    return follow(submitLoginForm(loginPage, username, password));
  }

  /** A new browser signed in to the forum at {@code forumUrl} as the test realm's {@code username}. */
  public static Browser signedIn(String forumUrl, String username) {
    Browser browser = new Browser();
    browser.signIn(forumUrl, username, TestServers.PASSWORD);
    return browser;
  }

  /** Fills in Keycloak's login form on {@code loginPage} and posts it (no redirects followed). */
  public Page submitLoginForm(Page loginPage, String username, String password) {
    Matcher form = LOGIN_FORM.matcher(loginPage.body());
    if (!form.find()) {
      form = ANY_FORM_ACTION.matcher(loginPage.body());
      if (!form.find()) {
        throw new AssertionError("No Keycloak login form at " + loginPage.uri() + " (status " + loginPage.status()
            + ")");
      }
    }
    String action = form.group(1).replace("&amp;", "&");
    return postForm(loginPage.uri().resolve(action).toString(),
        Map.of("username", username, "password", password, "credentialId", ""));
  }

  /** The value of the cookie {@code name} that this browser holds for {@code url}'s host, if any. */
  public Optional<String> cookie(String url, String name) {
    return Optional.ofNullable(cookies.getOrDefault(hostKey(URI.create(url)), Map.of()).get(name));
  }

  /** Puts a cookie into this browser's jar for {@code url}'s host, as another site or an attacker might plant it. */
  public void setCookie(String url, String name, String value) {
    cookies.computeIfAbsent(hostKey(URI.create(url)), key -> new LinkedHashMap<>()).put(name, value);
  }

  private Page send(HttpRequest.Builder request, Map<String, String> headers) {
    HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
    URI uri = built.uri();
    HttpRequest.Builder withCookies = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
        .method(built.method(), built.bodyPublisher().orElse(HttpRequest.BodyPublishers.noBody()));
    built.headers().map().forEach((name, values) -> values.forEach(value -> withCookies.header(name, value)));
    headers.forEach(withCookies::header);
    Map<String, String> jar = cookies.getOrDefault(hostKey(uri), Map.of());
    if (!jar.isEmpty()) {
      withCookies.header("Cookie", jar.entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
    }
    try {
      HttpResponse<String> response = http.send(withCookies.build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      remember(uri, response.headers().allValues("set-cookie"));
      return new Page(uri, response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("Request to " + uri + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void remember(URI uri, List<String> setCookies) {
    Map<String, String> jar = cookies.computeIfAbsent(hostKey(uri), key -> new LinkedHashMap<>());
    for (String header : setCookies) {
      String[] parts = header.split(";");
      String[] nameValue = parts[0].split("=", 2);
      String name = nameValue[0].trim();
      String value = nameValue.length > 1 ? nameValue[1].trim() : "";
      if (value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2) {
        value = value.substring(1, value.length() - 1);
      }
      boolean expired = false;
      for (int i = 1; i < parts.length; i++) {
        String attribute = parts[i].trim().toLowerCase();
        if (attribute.equals("max-age=0") || attribute.startsWith("expires=thu, 01 jan 1970")) {
          expired = true;
        }
      }
      if (expired || value.isEmpty()) {
        jar.remove(name);
      } else {
        jar.put(name, value);
      }
    }
  }

  private static String hostKey(URI uri) {
    return uri.getHost() + ":" + uri.getPort();
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }
}
