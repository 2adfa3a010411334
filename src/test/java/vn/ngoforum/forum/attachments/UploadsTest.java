package vn.ngoforum.forum.attachments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.forum.common.Ids;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.Images;
import vn.ngoforum.support.Multipart;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;
import vn.ngoforum.support.TestServers;

/**
 * Uploads are refused from the request's headers when the person may not upload, are stored only once the post
 * carrying them is allowed, follow their post when it is hidden or deleted, and are removed when no post ever
 * carries them.
 */
class UploadsTest {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  /** How long the tests wait for an answer that the forum can give from the request's headers alone. */
  private static final int ANSWER_TIMEOUT_MILLIS = 20_000;
  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-uploads");

  @Test
  @DisplayName("an anonymous upload is answered from its headers (401 for the API, sign-in for the page form)"
      + " while its body is still on the way, and none of it reaches the disk")
  void anonymousUploadsRefusedFromHeaders() throws IOException {
    String threadId = thread(People.newMember(), "Ảnh ẩn danh");
    Set<String> before = uploadFiles();

    Raw api = headThenWait("POST /api/v1/attachments?name=a.pdf HTTP/1.1\r\nHost: localhost\r\n"
        + "Content-Type: application/octet-stream\r\nContent-Length: 9000000\r\n\r\n", "%PDF-1.4\n".getBytes(
        StandardCharsets.US_ASCII));
    assertEquals(401, api.status(), api.head());

    String boundary = "----anonymous" + System.nanoTime();
    byte[] start = (multipartHead(boundary, "_csrf", "x") + "--" + boundary
        + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.pdf\"\r\n"
        + "Content-Type: application/pdf\r\n\r\n%PDF-1.4\n" + "x".repeat(64 * 1024))
        .getBytes(StandardCharsets.UTF_8);
    Raw form = headThenWait("POST /t/" + threadId + "/posts HTTP/1.1\r\nHost: localhost\r\n"
        + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: 40000000\r\n\r\n", start);
    assertEquals(302, form.status(), form.head());
    assertTrue(form.head().toLowerCase().contains("location: /login?next="), form.head());
    assertEquals(before, form.uploadsWhileOpen(), "no file of the unfinished form reached the disk");
    assertEquals(before, uploadFiles());
  }

  @Test
  @DisplayName("a signed-in person who may not post is refused (403) from the headers of the upload, before its"
      + " body is read; a member's upload through the same checks arrives whole")
  void nonMemberUploadRefusedFromHeaders() throws IOException {
    String outsider = People.token(People.create(null));
    Raw refused = headThenWait("POST /api/v1/attachments?name=a.pdf HTTP/1.1\r\nHost: localhost\r\n"
        + "Authorization: Bearer " + outsider + "\r\nContent-Type: application/octet-stream\r\n"
        + "Content-Length: 9000000\r\n\r\n", "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII));
    assertEquals(403, refused.status(), refused.head());

    byte[] pdf = new byte[3 * 1024 * 1024];
    new java.util.Random(7).nextBytes(pdf);
    System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, pdf, 0, 9);
    String member = People.newMember();
    JsonObject uploaded = upload(member, "whole.pdf", pdf, 201);
    HttpResponse<byte[]> back = get(member, uploaded.getString("url"), Map.of());
    assertEquals(200, back.statusCode());
    assertTrue(java.util.Arrays.equals(pdf, back.body()), "the body passed the checks without losing a byte");
  }

  @Test
  @DisplayName("the files of a reply form are stored only once the reply is allowed: a reply to a locked thread,"
      + " or one over the person's limits (429), stores none of its files")
  void formFilesStoredOnlyWhenAllowed() {
    People.Person writer = People.person("member");
    String threadId = thread(writer.token(), "Ảnh sau khi được phép");
    Browser member = forum.signedIn(writer.username());
    String csrf = csrf(member, "/t/" + threadId);
    byte[] photo = Images.png(40, 30);

    Page sent = multipart(member, "/t/" + threadId + "/posts", csrf, "Ảnh đầu tiên",
        "anh.png", photo);
    assertEquals(302, sent.status(), sent.body());
    long stored = count();

    String userId = new JsonObject(member.get(forum.base() + "/api/v1/me").body()).getString("id");
    forum.useUpFirstDayReplies(userId);
    Page tooMany = multipart(member, "/t/" + threadId + "/posts", csrf, "Ảnh thứ hai",
        "anh-2.png", photo);
    assertEquals(429, tooMany.status(), tooMany.body());
    assertEquals(stored, count(), "a reply over the limits stores no file");

    String locked = thread(People.newMember(), "Chủ đề sẽ khóa");
    assertEquals(200, api(People.token("moderator"), "POST", "/api/v1/threads/" + locked + "/moderate",
        new JsonObject().put("action", "lock").put("reason", "Đã đủ")).status());
    String otherName = People.create("member");
    Browser other = forum.signedIn(otherName);
    Page toLocked = multipart(other, "/t/" + locked + "/posts", csrf(other, "/t/" + locked),
        "Trả lời chủ đề đã khóa", "anh-3.png", photo);
    assertEquals(409, toLocked.status(), toLocked.body());
    assertEquals(stored, count(), "a reply to a locked thread stores no file");
  }

  @Test
  @DisplayName("a file of a hidden or deleted post is 404 for everyone but moderators, and comes back with its"
      + " post; downloads are never cached publicly and are checked again on every use")
  void filesFollowTheirPost() {
    String author = People.newMember();
    String deleter = People.newMember();
    String moderator = People.token("moderator");
    String reader = People.newMember();
    JsonObject opening = upload(author, "mo-dau.pdf", pdf("mở đầu"), 201);
    JsonObject hiddenFile = upload(author, "an.pdf", pdf("sẽ bị ẩn"), 201);
    JsonObject deletedFile = upload(deleter, "xoa.pdf", pdf("sẽ bị xoá"), 201);
    String threadId = thread(author, "Tệp theo bài", opening.getString("id"));
    String hiddenPost = reply(author, threadId, "Sẽ bị ẩn.", hiddenFile.getString("id"));
    String deletedPost = reply(deleter, threadId, "Sẽ bị xoá.", deletedFile.getString("id"));

    assertEquals(200, api(moderator, "POST", "/api/v1/posts/" + hiddenPost + "/moderate",
        new JsonObject().put("action", "hide").put("reason", "Thông tin cá nhân")).status());
    assertEquals(200, api(deleter, "DELETE", "/api/v1/posts/" + deletedPost, null).status());
    Map<JsonObject, String> authors = Map.of(hiddenFile, author, deletedFile, deleter);
    for (Map.Entry<JsonObject, String> file : authors.entrySet()) {
      String url = file.getKey().getString("url");
      assertEquals(404, get(null, url, Map.of()).statusCode(), "anonymous: " + url);
      assertEquals(404, get(reader, url, Map.of()).statusCode(), "another member: " + url);
      assertEquals(404, get(file.getValue(), url, Map.of()).statusCode(), "its author: " + url);
      assertEquals(200, get(moderator, url, Map.of()).statusCode(), "moderators: " + url);
    }
    HttpResponse<byte[]> open = get(null, opening.getString("url"), Map.of());
    assertEquals(200, open.statusCode());
    String cache = open.headers().firstValue("cache-control").orElse("");
    assertTrue(cache.contains("private") && cache.contains("no-cache") && !cache.contains("public"), cache);
    String etag = open.headers().firstValue("etag").orElseThrow();
    assertEquals(304, get(null, opening.getString("url"), Map.of("If-None-Match", etag)).statusCode(),
        "an unchanged file is not sent again, but its access is checked");
    for (JsonObject file : authors.keySet()) {
      String url = file.getString("url");
      String held = get(moderator, url, Map.of()).headers().firstValue("etag").orElseThrow();
      assertEquals(404, get(null, url, Map.of("If-None-Match", held)).statusCode(),
          "a copy held from before is not confirmed: " + url);
    }
    JsonObject shown = new JsonObject(api(author, "GET", "/api/v1/threads/" + threadId, null).body());
    JsonObject hiddenView = shown.getJsonArray("posts").getJsonObject(1);
    assertTrue(hiddenView.getBoolean("hidden"), hiddenView.encode());
    assertTrue(hiddenView.getJsonArray("attachments").isEmpty(), "the author is not shown links that are 404");

    assertEquals(200, api(moderator, "POST", "/api/v1/posts/" + hiddenPost + "/moderate",
        new JsonObject().put("action", "show")).status());
    assertEquals(200, get(null, hiddenFile.getString("url"), Map.of()).statusCode(), "shown again: readable again");
    assertEquals(200, get(null, opening.getString("url"), Map.of()).statusCode());
  }

  @Test
  @DisplayName("an image attachment whose header declares more pixels than the limit is refused (400) and not"
      + " stored; an ordinary photo is accepted")
  void oversizedImageAttachmentRefused() {
    String member = People.newMember();
    long before = count();
    HttpResponse<String> png = rawUpload(member, "bom.png", Images.png(100_000, 100_000));
    assertEquals(400, png.statusCode(), png.body());
    assertTrue(new JsonObject(png.body()).getString("message").contains("pixels"), png.body());
    HttpResponse<String> jpeg = rawUpload(member, "bom.jpg", Images.jpeg(60_000, 60_000));
    assertEquals(400, jpeg.statusCode(), jpeg.body());
    assertEquals(before, count(), "nothing stored");
    assertEquals("image/png", upload(member, "anh.png", Images.png(4000, 3000), 201).getString("type"));
    assertEquals("image/jpeg", upload(member, "anh.jpg", Images.jpeg(4000, 3000), 201).getString("type"));
  }

  @Test
  @DisplayName("uploads that no post carries are removed after a few hours (their bytes too); a file on a post and"
      + " a fresh upload stay; an upload past its usable time cannot be attached any more")
  void unusedUploadsSwept() {
    String member = People.newMember();
    JsonObject forgotten = upload(member, "quen.pdf", pdf("bị quên"), 201);
    JsonObject fresh = upload(member, "moi.pdf", pdf("vừa tải"), 201);
    JsonObject attached = upload(member, "dinh-kem.pdf", pdf("đính kèm"), 201);
    JsonObject stale = upload(member, "cu.pdf", pdf("quá hạn"), 201);
    String threadId = thread(member, "Tệp được giữ", attached.getString("id"));
    Instant now = Instant.now();
    age(forgotten, now.minus(AttachmentService.UNUSED_REMOVED_AFTER).minus(Duration.ofMinutes(1)));
    age(attached, now.minus(Duration.ofDays(2)));
    age(stale, now.minus(AttachmentService.UNUSED_USABLE_FOR).minus(Duration.ofMinutes(1)));
    String forgottenFile = document(forgotten).getString("fileId");

    Page late = api(member, "POST", "/api/v1/threads/" + threadId + "/posts", new JsonObject()
        .put("body", "Đính kèm tệp cũ.").put("attachments", new JsonArray().add(stale.getString("id"))));
    assertEquals(400, late.status(), "an upload past its usable time: " + late.body());

    int removed = ForumUnderTest.await(new UnusedUploads(new AttachmentRepository(forum.mongo())).removeOld());
    assertTrue(removed >= 1, "removed " + removed);
    assertNull(document(forgotten), "the forgotten upload is gone");
    assertEquals(0L, ForumUnderTest.await(forum.mongo().count("fs.files", new JsonObject().put("_id", forgottenFile))),
        "with its bytes");
    assertEquals(404, get(member, forgotten.getString("url"), Map.of()).statusCode());
    assertEquals(200, get(member, fresh.getString("url"), Map.of()).statusCode(), "a fresh upload stays");
    assertEquals(200, get(member, stale.getString("url"), Map.of()).statusCode(),
        "not yet removed: only uploads older than the removal age are");
    assertEquals(200, get(null, attached.getString("url"), Map.of()).statusCode(), "a file on a post stays");
    assertEquals(0, ForumUnderTest.await(new UnusedUploads(new AttachmentRepository(forum.mongo())).removeOld()),
        "a second run finds nothing more to remove");
  }

  // ---- helpers

  /** What a raw HTTP/1.1 exchange returned: the status, the head, and the upload folder seen while it was open. */
  private record Raw(int status, String head, Set<String> uploadsWhileOpen) {
  }

  /**
   * Sends a request head and only the start of the body it announces, then waits (bounded) for the answer: an
   * answer can only come from the head, since the rest of the body never comes. Lists the upload folder while
   * the request is still open.
   */
  private static Raw headThenWait(String head, byte[] bodyStart) throws IOException {
    try (Socket socket = new Socket("localhost", forum.port())) {
      socket.setSoTimeout(ANSWER_TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.write(bodyStart);
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
          StandardCharsets.ISO_8859_1));
      StringBuilder answer = new StringBuilder();
      String line = in.readLine();
      assertNotNull(line, "the forum closed the connection without an answer");
      int status = Integer.parseInt(line.split(" ")[1]);
      while (line != null && !line.isEmpty()) {
        answer.append(line).append('\n');
        line = in.readLine();
      }
      return new Raw(status, answer.toString(), uploadFiles());
    }
  }

  private static Path uploads() {
    return TestServers.get().forumConfig(forum.database()).dataDir().resolve("uploads");
  }

  private static Set<String> uploadFiles() {
    if (!Files.isDirectory(uploads())) {
      return Set.of();
    }
    try (Stream<Path> files = Files.list(uploads())) {
      return files.map(path -> path.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String multipartHead(String boundary, String name, String value) {
    return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
  }

  private static Page multipart(Browser browser, String path, String csrf, String body, String fileName,
      byte[] file) {
    return browser.postMultipart(forum.base() + path, new Multipart().field("_csrf", csrf).field("body", body)
        .field("_submission", Ids.newId()).file("files", fileName, "application/octet-stream", file));
  }

  private static String csrf(Browser browser, String path) {
    Matcher csrf = CSRF.matcher(browser.get(forum.base() + path).body());
    assertTrue(csrf.find(), "the page carries a CSRF token");
    return csrf.group(1);
  }


  private static void age(JsonObject upload, Instant createdAt) {
    ForumUnderTest.await(forum.mongo().updateCollection("attachments", new JsonObject().put("_id",
        upload.getString("id")),
        new JsonObject().put("$set", new JsonObject().put("createdAt",
            new JsonObject().put("$date", createdAt.toString())))));
  }

  private static JsonObject document(JsonObject upload) {
    return ForumUnderTest.await(forum.mongo().findOne("attachments", new JsonObject().put("_id",
        upload.getString("id")),
        null));
  }

  private static long count() {
    return ForumUnderTest.await(forum.mongo().count("attachments", new JsonObject()))
        + ForumUnderTest.await(forum.mongo().count("fs.files", new JsonObject()));
  }

  private static byte[] pdf(String text) {
    return ("%PDF-1.4\n% " + text + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** A new thread in field reports by the holder of {@code token}, with these uploads on its opening post. */
  private static String thread(String token, String title, String... attachmentIds) {
    Page created = api(token, "POST", "/api/v1/threads", new JsonObject().put("category", "field-reports")
        .put("title", title).put("body", "Mở đầu.").put("attachments", new JsonArray(List.of(attachmentIds))));
    assertEquals(201, created.status(), created.body());
    return new JsonObject(created.body()).getString("id");
  }

  private static String reply(String token, String threadId, String body, String attachmentId) {
    Page replied = api(token, "POST", "/api/v1/threads/" + threadId + "/posts", new JsonObject().put("body", body)
        .put("attachments", new JsonArray().add(attachmentId)));
    assertEquals(201, replied.status(), replied.body());
    return new JsonObject(replied.body()).getString("id");
  }

  private static JsonObject upload(String token, String name, byte[] bytes, int expected) {
    HttpResponse<String> answer = rawUpload(token, name, bytes);
    assertEquals(expected, answer.statusCode(), answer.body());
    return new JsonObject(answer.body());
  }

  private static HttpResponse<String> rawUpload(String token, String name, byte[] bytes) {
    return send(HttpRequest.newBuilder(URI.create(forum.base() + "/api/v1/attachments?name="
            + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8)))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<byte[]> get(String token, String path, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(forum.base() + path)).GET();
    Map<String, String> all = new HashMap<>(headers);
    if (token != null) {
      all.put("Authorization", "Bearer " + token);
    }
    all.forEach(request::header);
    return send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private static Page api(String token, String method, String path, JsonObject body) {
    HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(forum.base() + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.encode())), HttpResponse.BodyHandlers.ofString());
    return new Page(answer.uri(), answer.statusCode(), answer.headers(), answer.body());
  }

  private static <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
    try {
      return HttpClient.newHttpClient().send(request.timeout(Duration.ofSeconds(60)).build(), handler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
