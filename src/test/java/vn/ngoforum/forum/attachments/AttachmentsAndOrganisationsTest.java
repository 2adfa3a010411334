package vn.ngoforum.forum.attachments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.forum.categories.CategoryRepository;
import vn.ngoforum.forum.threads.OrganisationPosts;
import vn.ngoforum.forum.threads.PostRepository;
import vn.ngoforum.forum.threads.ThreadRepository;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.Multipart;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;

/** Attachments in GridFS, speaking for a verified organisation, and the people finder for @mentions. */
class AttachmentsAndOrganisationsTest {

  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
      'R'};
  @RegisterExtension
  static final TestForum forum = TestForum.perClass("forum-attachments");

  @Test
  @DisplayName("a member attaches a PDF policy draft and a photo to a post; readers download the PDF with its real"
      + " type, nosniff and an attachment disposition, and see the photo as a thumbnail")
  void attachAndDownload() {
    String member = People.newMember();
    JsonObject pdf = upload(member, "Dự thảo chính sách \"mới\".pdf", "%PDF-1.7\n% test draft\n".getBytes(
        StandardCharsets.US_ASCII), 201);
    assertEquals("application/pdf", pdf.getString("type"));
    JsonObject photo = upload(member, "photo.pdf", PNG, 201);
    assertEquals("image/png", photo.getString("type"), "the type comes from the bytes, not the name");
    assertEquals("photo.png", photo.getString("name"));
    JsonObject docx = upload(member, "report.docx", docx(), 201);
    assertEquals(FileTypes.DOCX, docx.getString("type"));

    Page unused = new Browser().get(forum.base() + pdf.getString("url"));
    assertEquals(404, unused.status(), "an upload no post carries yet is its uploader's only");
    assertEquals(200, get(member, pdf.getString("url")).statusCode());

    Page created = call(member, "/api/v1/threads", new JsonObject().put("category", "policy-and-law")
        .put("title", "Dự thảo góp ý Chỉ thị 29").put("body", "Xin góp ý bản dự thảo đính kèm.")
        .put("attachments", new JsonArray().add(pdf.getString("id")).add(photo.getString("id"))));
    assertEquals(201, created.status(), created.body());
    String threadId = new JsonObject(created.body()).getString("id");

    JsonObject thread = new JsonObject(new Browser().get(forum.base() + "/api/v1/threads/" + threadId).body());
    JsonArray attached = thread.getJsonArray("posts").getJsonObject(0).getJsonArray("attachments");
    assertEquals(2, attached.size(), thread.encode());

    HttpResponse<byte[]> download = get(null, pdf.getString("url"));
    assertEquals(200, download.statusCode());
    assertEquals("application/pdf", download.headers().firstValue("content-type").orElseThrow());
    assertEquals("nosniff", download.headers().firstValue("x-content-type-options").orElseThrow());
    String disposition = download.headers().firstValue("content-disposition").orElseThrow();
    assertTrue(disposition.startsWith("attachment;"), disposition);
    assertFalse(disposition.contains("\"mới\""), "the name cannot break out of the header: " + disposition);
    assertTrue(disposition.contains("filename*=UTF-8''"), disposition);
    assertTrue(Arrays.equals("%PDF-1.7\n% test draft\n".getBytes(StandardCharsets.US_ASCII), download.body()));

    HttpResponse<byte[]> inline = get(null, photo.getString("inlineUrl"));
    assertEquals(200, inline.statusCode());
    assertEquals("image/png", inline.headers().firstValue("content-type").orElseThrow());
    assertTrue(inline.headers().firstValue("content-disposition").orElseThrow().startsWith("inline;"));
    assertEquals(404, get(null, pdf.getString("url") + "/inline").statusCode(), "only images are shown inline");

    String page = new Browser().get(forum.base() + "/t/" + threadId).body();
    assertTrue(page.contains("class=\"attachment-thumb\" src=\"" + photo.getString("inlineUrl") + "\""), page);
    assertTrue(page.contains("href=\"" + pdf.getString("url") + "\""));

    Page reused = call(People.newMember(), "/api/v1/threads/" + threadId + "/posts", new JsonObject()
        .put("body", "Tôi cũng gửi tệp đó.").put("attachments", new JsonArray().add(pdf.getString("id"))));
    assertEquals(400, reused.status(), "someone else's upload cannot be attached");
  }

  @Test
  @DisplayName("only readers of a members-only thread may download its files")
  void membersOnlyFiles() {
    String slug = "members-files-" + System.nanoTime();
    Page category = call(People.token("admin"), "/api/v1/categories", new JsonObject().put("slug", slug)
        .put("name", new JsonObject().put("vi", "Nội bộ").put("en", "Internal")).put("visibility", "members"));
    assertEquals(201, category.status(), category.body());
    String member = People.newMember();
    JsonObject pdf = upload(member, "noi-bo.pdf", "%PDF-1.4 internal".getBytes(StandardCharsets.US_ASCII), 201);
    Page created = call(member, "/api/v1/threads", new JsonObject().put("category", slug).put("title", "Nội bộ")
        .put("body", "Tài liệu nội bộ.").put("attachments", new JsonArray().add(pdf.getString("id"))));
    assertEquals(201, created.status(), created.body());
    assertEquals(404, get(null, pdf.getString("url")).statusCode(), "anonymous readers may not");
    assertEquals(200, get(People.newMember(), pdf.getString("url")).statusCode(), "members may");
  }

  @Test
  @DisplayName("files over 10 MB get 413, types other than PDF, PNG, JPEG and DOCX get 415, and neither is stored")
  void refusedFiles() {
    String member = People.newMember();
    long before = count();
    upload(member, "page.pdf", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8), 415);
    upload(member, "archive.docx", zip("other.txt"), 415);
    byte[] big = new byte[10 * 1024 * 1024 + 1];
    System.arraycopy("%PDF-1.4".getBytes(StandardCharsets.US_ASCII), 0, big, 0, 8);
    upload(member, "big.pdf", big, 413);
    assertEquals(before, count(), "nothing stored");
    HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(forum.base()
        + "/api/v1/attachments?name=a.pdf"))
        .POST(HttpRequest.BodyPublishers.ofString("%PDF-1.4")), HttpResponse.BodyHandlers.ofString());
    assertEquals(401, anonymous.statusCode());
  }

  @Test
  @DisplayName("a member of a verified organisation posts on its behalf, shown with its name and a verified badge;"
      + " before verification, or for someone else's organisation, it is refused; the organisation's profile"
      + " lists the post")
  void onBehalfOfOrganisation() {
    String username = People.create("member");
    String member = People.token(username);
    String unique = Long.toString(System.nanoTime(), 36);
    Page org = call(member, "/api/v1/orgs", new JsonObject()
        .put("name", new JsonObject().put("vi", "Trung tâm Bảo tồn " + unique).put("en", "Conservation " + unique))
        .put("acronym", "TB" + unique).put("province", "Hà Nội").put("focusAreas", new JsonArray().add("rescue"))
        .put("website", "https://example.org/" + unique));
    assertEquals(201, org.status(), org.body());
    String slug = new JsonObject(org.body()).getString("slug");
    JsonObject thread = new JsonObject().put("category", "field-reports").put("title", "Báo cáo của tổ chức")
        .put("body", "Chúng tôi báo cáo.").put("onBehalfOf", slug);
    assertEquals(403, call(member, "/api/v1/threads", thread).status(), "not verified yet");

    Page verified = call(People.token("admin"), "/api/v1/orgs/" + slug + "/verify", new JsonObject());
    assertEquals(200, verified.status(), verified.body());
    Page created = call(member, "/api/v1/threads", thread);
    assertEquals(201, created.status(), created.body());
    String threadId = new JsonObject(created.body()).getString("id");
    assertEquals(403, call(People.newMember(), "/api/v1/threads/" + threadId + "/posts", new JsonObject()
        .put("body", "Mạo danh.").put("onBehalfOf", slug)).status(), "only its members speak for it");

    JsonObject post = new JsonObject(new Browser().get(forum.base() + "/api/v1/threads/" + threadId).body())
        .getJsonArray("posts").getJsonObject(0);
    assertEquals(slug, post.getJsonObject("onBehalfOf").getString("slug"), post.encode());
    assertTrue(post.getJsonObject("onBehalfOf").getBoolean("verified"));
    assertEquals(slug, post.getJsonArray("organisations").getJsonObject(0).getString("slug"));
    String page = new Browser().get(forum.base() + "/t/" + threadId).body();
    assertTrue(page.contains("Trung tâm Bảo tồn " + unique), "the organisation's name is next to the post");
    assertTrue(page.contains("badge-verified"), "with a verified badge");

    OrganisationPosts organisationPosts = new OrganisationPosts(new ThreadRepository(forum.mongo()),
        new PostRepository(forum.mongo()), new CategoryRepository(forum.mongo()));
    List<JsonObject> recent = ForumUnderTest.await(organisationPosts.recentFor(slug, 5));
    assertEquals(1, recent.size(), recent.toString());
    assertEquals(threadId, recent.get(0).getString("threadId"));
    assertNotNull(recent.get(0).getString("at"));

    Page people = new Browser().get(forum.base() + "/api/v1/people?q=" + username.substring(0, username.length() - 1),
        Map.of("Authorization", "Bearer " + member));
    assertEquals(200, people.status(), people.body());
    assertTrue(people.body().contains("\"" + username + "\""), "the @mention finder knows the writer");
    assertEquals(401, new Browser().get(forum.base() + "/api/v1/people?q=p").status());
  }

  @Test
  @DisplayName("the reply page form works without JavaScript: a photo sent with the reply is attached to it,"
      + " and a file of another type re-shows the form with a message (415) and stores nothing")
  void replyFormWithFiles() {
    People.Person writer = People.person("member");
    Page created = call(writer.token(), "/api/v1/threads", new JsonObject().put("category", "field-reports")
        .put("title", "Ảnh tuần tra").put("body", "Gửi ảnh ở phần trả lời."));
    assertEquals(201, created.status(), created.body());
    String threadId = new JsonObject(created.body()).getString("id");
    Browser member = forum.signedIn(writer.username());
    String page = member.get(forum.base() + "/t/" + threadId).body();
    assertTrue(page.contains("enctype=\"multipart/form-data\""), "the reply form can carry files");
    java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
        .matcher(page);
    assertTrue(csrf.find());
    byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F'};

    long before = count();
    Page refused = multipart(member, "/t/" + threadId + "/posts", csrf.group(1), "Tệp lạ",
        "script.jpg", "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.US_ASCII));
    assertEquals(415, refused.status());
    assertTrue(refused.body().contains("reply-body"), "the form is shown again");
    assertEquals(before, count(), "nothing stored");

    Page sent = multipart(member, "/t/" + threadId + "/posts", csrf.group(1), "Ảnh hiện trường",
        "hiện trường.jpg", jpeg);
    assertEquals(302, sent.status(), sent.body());
    JsonObject thread = new JsonObject(new Browser().get(forum.base() + "/api/v1/threads/" + threadId).body());
    JsonArray files = thread.getJsonArray("posts").getJsonObject(1).getJsonArray("attachments");
    assertEquals(1, files.size(), thread.encode());
    assertEquals("image/jpeg", files.getJsonObject(0).getString("type"));
    assertEquals("hiện trường.jpg", files.getJsonObject(0).getString("name"));
  }

  private static Page multipart(Browser browser, String path, String csrf, String body, String fileName,
      byte[] file) {
    return browser.postMultipart(forum.base() + path, new Multipart().field("_csrf", csrf).field("body", body)
        .file("files", fileName, "application/octet-stream", file));
  }

  private static long count() {
    return ForumUnderTest.await(forum.mongo().count("attachments", new JsonObject()))
        + ForumUnderTest.await(forum.mongo().count("fs.files", new JsonObject()));
  }

  private static JsonObject upload(String token, String name, byte[] bytes, int expected) {
    HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(forum.base() + "/api/v1/attachments?name="
            + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8)))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)), HttpResponse.BodyHandlers.ofString());
    assertEquals(expected, answer.statusCode(), answer.body());
    return expected == 201 ? new JsonObject(answer.body()) : null;
  }

  private static HttpResponse<byte[]> get(String token, String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(forum.base() + path)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private static <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
    try {
      return HttpClient.newHttpClient().send(request.build(), handler);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Page call(String token, String path, JsonObject body) {
    return new Browser().postJson(forum.base() + path, body.encode(), Map.of("Authorization", "Bearer " + token));
  }

  private static byte[] docx() {
    return zip("[Content_Types].xml", "word/document.xml");
  }

  private static byte[] zip(String... entries) {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (String entry : entries) {
        zip.putNextEntry(new ZipEntry(entry));
        zip.write("<x/>".getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
      zip.finish();
      return bytes.toByteArray();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
