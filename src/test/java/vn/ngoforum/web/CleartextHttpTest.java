package vn.ngoforum.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.ngoforum.support.TestForum;

/**
 * Plain-text HTTP as clients other than browsers speak it. The JDK's {@link HttpClient} prefers HTTP/2 and, on
 * an {@code http://} address, asks to upgrade ({@code Upgrade: h2c}); it must get whole answers.
 */
@ExtendWith(VertxExtension.class)
class CleartextHttpTest {

  private static final List<String> PATHS = List.of(
      "/static/vendor/sockjs-client/1.6.1/dist/sockjs.min.js", "/", "/api/v1/openapi.yaml", "/orgs");

  private static String base;

  @BeforeAll
  static void deploy(Vertx vertx) {
    base = TestForum.deploy(vertx, "cleartext-http").base();
  }

  @Test
  @DisplayName("a client that prefers HTTP/2 (the JDK's) gets every page and file whole, time after time")
  void http2PreferringClient() throws Exception {
    Map<String, byte[]> expected = new LinkedHashMap<>();
    HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    for (String path : PATHS) {
      HttpResponse<byte[]> answer = http11.send(request(path), HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, answer.statusCode(), path);
      expected.put(path, answer.body());
    }
    List<String> broken = new ArrayList<>();
    for (int round = 0; round < 10; round++) {
      for (String path : PATHS) {
        // A new client each time: each opens a connection and tries the upgrade again, as MainPagesTest did.
        HttpClient preferring = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        try {
          HttpResponse<byte[]> answer = preferring.send(request(path), HttpResponse.BodyHandlers.ofByteArray());
          assertEquals(200, answer.statusCode(), path);
          if (path.equals("/") || path.equals("/orgs")) {
            assertTrue(new String(answer.body(), StandardCharsets.UTF_8).strip().endsWith("</html>"), path);
          } else {
            assertArrayEquals(expected.get(path), answer.body(), path);
          }
        } catch (IOException e) {
          broken.add(path + ": " + e);
        }
      }
    }
    assertTrue(broken.isEmpty(), broken.size() + " of " + 10 * PATHS.size() + " requests failed: " + broken);
  }

  @Test
  @DisplayName("a request asking to upgrade to h2c is answered over HTTP/1.1, as no browser uses h2c")
  void upgradeAnsweredAsHttp11() throws IOException {
    URI uri = URI.create(base);
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET /api/v1/openapi.yaml HTTP/1.1\r\n"
          + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
          + "Connection: Upgrade, HTTP2-Settings\r\n"
          + "Upgrade: h2c\r\n"
          + "HTTP2-Settings: AAEAAEAAAAIAAAABAAMAAABkAAQBAAAAAAUAAEAA\r\n"
          + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String statusLine = readLine(socket.getInputStream());
      assertEquals("HTTP/1.1 200 OK", statusLine);
    }
  }

  private static HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build();
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }
}
