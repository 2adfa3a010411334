package vn.ngoforum.forum.attachments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.ngoforum.config.AppConfig;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.Multipart;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestServers;

/** The per-person daily upload allowance, configured small here (1 MB a day). */
@ExtendWith(VertxExtension.class)
class UploadQuotaTest {

  private static final String DATABASE = "forum-upload-quota";
  private static String base;
  private static MongoClient mongo;

  @BeforeAll
  static void deploy(Vertx vertx) {
    TestServers servers = TestServers.get();
    ForumUnderTest.deploy(vertx, TestServers.config(Map.of(
        AppConfig.FORUM_HTTP_PORT, String.valueOf(servers.forumPort()),
        AppConfig.MONGO_URI, servers.mongoUri(DATABASE),
        AppConfig.KEYCLOAK_URL, servers.keycloakUrl(),
        AppConfig.FORUM_UPLOAD_MB_PER_DAY, "1")));
    base = servers.forumUrl();
    mongo = MongoClient.create(vertx, new JsonObject().put("connection_string", servers.mongoUri(DATABASE)));
  }

  @AfterAll
  static void close() {
    ForumUnderTest.await(mongo.close());
  }

  @Test
  @DisplayName("a person who used up their daily upload allowance gets 429 with Retry-After and the file is not"
      + " stored; what was refused does not count, so a smaller file still fits; another person is not affected")
  void dailyQuota() {
    String member = People.newMember();
    assertEquals(201, upload(member, pdf(600 * 1024)).statusCode());
    long stored = count();

    HttpResponse<String> refused = upload(member, pdf(600 * 1024));
    assertEquals(429, refused.statusCode(), refused.body());
    int retryAfter = Integer.parseInt(refused.headers().firstValue("retry-after").orElseThrow());
    assertTrue(retryAfter >= 1 && retryAfter <= 24 * 3600, "until the day is over: " + retryAfter);
    assertEquals("too_many_requests", new JsonObject(refused.body()).getString("error"));
    assertEquals(stored, count(), "the refused file is not stored");

    assertEquals(201, upload(member, pdf(300 * 1024)).statusCode(), "the refused bytes were not counted");
    assertEquals(201, upload(People.newMember(), pdf(600 * 1024)).statusCode(), "the allowance is per person");
  }

  @Test
  @DisplayName("files sent with a reply form count against the same allowance: over it, the form is shown again"
      + " (429) with the text kept, and nothing is stored")
  void formFilesCount() {
    People.Person writer = People.person("member");
    assertEquals(201, upload(writer.token(), pdf(900 * 1024)).statusCode());
    Page created = new Browser().postJson(base + "/api/v1/threads", new JsonObject().put("category", "field-reports")
        .put("title", "Hạn mức tải lên").put("body", "Mở đầu.").encode(),
        Map.of("Authorization", "Bearer " + writer.token()));
    assertEquals(201, created.status(), created.body());
    String threadId = new JsonObject(created.body()).getString("id");
    Browser member = Browser.signedIn(base, writer.username());
    Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(member.get(base + "/t/" + threadId)
        .body());
    assertTrue(csrf.find());
    long stored = count();

    Page refused = multipart(member, "/t/" + threadId + "/posts", csrf.group(1),
        "Bài kèm tệp lớn", pdf(300 * 1024));
    assertEquals(429, refused.status(), refused.body());
    assertTrue(refused.headers().firstValue("retry-after").isPresent());
    assertTrue(refused.body().contains("Bài kèm tệp lớn"), "the text is kept");
    assertEquals(stored, count(), "nothing stored");
  }

  private static byte[] pdf(int size) {
    byte[] bytes = new byte[size];
    java.util.Arrays.fill(bytes, (byte) 'x');
    System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 9);
    return bytes;
  }

  private static long count() {
    return ForumUnderTest.await(mongo.count("attachments", new JsonObject()))
        + ForumUnderTest.await(mongo.count("fs.files", new JsonObject()));
  }

  private static HttpResponse<String> upload(String token, byte[] bytes) {
    return send(HttpRequest.newBuilder(URI.create(base + "/api/v1/attachments?name=ban-thao.pdf"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
  }

  private static Page multipart(Browser browser, String path, String csrf, String body, byte[] file) {
    return browser.postMultipart(base + path, new Multipart().field("_csrf", csrf).field("body", body)
        .file("files", "lon.pdf", "application/pdf", file));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
