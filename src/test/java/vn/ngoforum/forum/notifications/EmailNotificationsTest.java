package vn.ngoforum.forum.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.core.json.JsonArray;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.Mails;
import vn.ngoforum.support.TestForum;
import vn.ngoforum.support.People;

/** E-mail copies of notifications, sent to a real SMTP server (GreenMail) when SMTP is configured. */
@ExtendWith(VertxExtension.class)
class EmailNotificationsTest {

  private static GreenMail smtp;
  private static TestForum forum;

  @BeforeAll
  static void deploy(Vertx vertx) {
    smtp = Mails.server();
    forum = Mails.forum(vertx, "forum-email", smtp);
  }

  @AfterAll
  static void stop() {
    forum.close();
    smtp.stop();
  }

  @Test
  @DisplayName("the author of a thread gets an e-mail with a link to the reply, and nobody else is mailed")
  void replyByEmail() throws Exception {
    String author = People.create("member");
    String authorToken = People.token(author);
    Page created = forum.as(authorToken).post("/api/v1/threads", new JsonObject().put("category", "field-reports")
        .put("title", "Báo cáo tuần tra rừng " + author).put("body", "Tuần này chúng tôi tuần tra."));
    assertEquals(201, created.status(), created.body());
    String threadId = new JsonObject(created.body()).getString("id");
    Page reply = forum.as(People.newMember()).post("/api/v1/threads/" + threadId + "/posts",
        new JsonObject().put("body", "Cảm ơn báo cáo!"));
    assertEquals(201, reply.status(), reply.body());

    String title = "Báo cáo tuần tra rừng " + author;
    List<MimeMessage> received = Mails.await(smtp, mail -> Mails.subject(mail).contains(title));
    assertEquals(1, received.size(), "one e-mail about this thread");
    MimeMessage mail = received.get(0);
    assertEquals(author + "@example.org", mail.getAllRecipients()[0].toString());
    assertTrue(mail.getSubject().contains("Báo cáo tuần tra rừng " + author), mail.getSubject());
    String body = GreenMailUtil.getBody(mail);
    assertTrue(body.contains("/t/" + threadId), body);
  }

  @Test
  @DisplayName("a join request e-mails the organisation's admin; the link in it opens the request on the"
      + " organisation's page")
  void joinRequestByEmail() throws Exception {
    String admin = People.create("member");
    Browser adminBrowser = forum.signedIn(admin);
    String unique = UUID.randomUUID().toString().substring(0, 8);
    Page created = forum.as(People.token(admin)).post("/api/v1/orgs", new JsonObject()
        .put("name", new JsonObject().put("vi", "Hội Bảo tồn " + unique).put("en", "Conservation " + unique))
        .put("acronym", "HB" + unique).put("province", "Nghệ An")
        .put("focusAreas", new JsonArray().add("rescue")));
    assertEquals(201, created.status(), created.body());
    String slug = new JsonObject(created.body()).getString("slug");
    String applicant = People.token(People.create("member"));
    String applicantId = new JsonObject(forum.as(applicant).get("/api/v1/me").body()).getString("id");
    Page join = forum.as(applicant).post("/api/v1/orgs/" + slug + "/join", new JsonObject());
    assertEquals(202, join.status(), join.body());

    List<MimeMessage> received = Mails.await(smtp, mail -> Mails.subject(mail).contains("Hội Bảo tồn " + unique));
    assertEquals(1, received.size());
    MimeMessage mail = received.get(0);
    assertEquals(admin + "@example.org", mail.getAllRecipients()[0].toString());
    assertTrue(Mails.subject(mail).contains("xin gia nhập"), Mails.subject(mail));
    String body = String.valueOf(mail.getContent());
    assertTrue(body.contains("asks to join Conservation " + unique), body);
    Matcher link = Pattern.compile("(http\\S*/orgs/" + Pattern.quote(slug) + "#request-\\S+)").matcher(body);
    assertTrue(link.find(), body);
    assertTrue(link.group(1).endsWith("#request-" + applicantId), link.group(1));
    Page request = adminBrowser.get(link.group(1).substring(0, link.group(1).indexOf('#')));
    assertEquals(200, request.status());
    assertTrue(request.body().contains("id=\"request-" + applicantId + "\""), "the request is on the page");
  }

  @Test
  @DisplayName("an e-mail carries a one-click unsubscribe link (List-Unsubscribe, RFC 8058, and in its text): a"
      + " changed link is a 400 and changes nothing; the link sets its topic to 'in the forum only' and says so")
  void unsubscribe() throws Exception {
    People.Person author = People.person("member");
    String title = "Hủy nhận e-mail " + System.nanoTime();
    String thread = Api.expect(201, forum.as(author.token()).post("/api/v1/threads", new JsonObject()
        .put("category", "field-reports").put("title", title).put("body", "Báo cáo."))).getString("id");
    Api.expect(201, forum.as(People.newMember()).post("/api/v1/threads/" + thread + "/posts",
        new JsonObject().put("body", "Cảm ơn!")));

    List<MimeMessage> received = Mails.await(smtp, m -> Mails.subject(m).contains(title));
    assertEquals(1, received.size(), "one e-mail about the reply");
    MimeMessage mail = received.get(0);
    String header = Mails.header(mail, "List-Unsubscribe");
    Matcher link = Pattern.compile("<(http://localhost:\\d+/unsubscribe/([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]+))>")
        .matcher(header);
    assertTrue(link.matches(), header);
    assertEquals("List-Unsubscribe=One-Click", Mails.header(mail, "List-Unsubscribe-Post"));
    String body = Mails.text(mail);
    assertTrue(body.contains(link.group(1)), "the same link in the text: " + body);

    Page confirm = new Browser().get(link.group(1));
    assertEquals(200, confirm.status());
    assertTrue(confirm.body().contains("action=\"/unsubscribe/" + link.group(2) + "." + link.group(3) + "\""),
        "opening it shows a button, and changes nothing yet");
    String userId = new String(Base64.getUrlDecoder().decode(link.group(2)), StandardCharsets.UTF_8).split("\n")[0];
    String otherTopic = Base64.getUrlEncoder().withoutPadding().encodeToString((userId + "\nmentions")
        .getBytes(StandardCharsets.UTF_8)) + "." + link.group(3);
    String base = forum.base() + "/unsubscribe/";
    String signature = link.group(3);
    String cut = link.group(2) + "." + signature.substring(0, signature.length() - 2);
    String changed = link.group(2) + "." + (signature.charAt(0) == 'A' ? 'B' : 'A') + signature.substring(1);
    for (String tampered : List.of(otherTopic, cut, changed, "nonsense")) {
      assertEquals(400, new Browser().get(base + tampered).status(), tampered);
      assertEquals(400, oneClick(base + tampered).status(), tampered);
    }
    JsonObject untouched = topics(author.token());
    assertEquals("email", untouched.getString("replies"), "nothing changed");
    assertEquals("email", untouched.getString("mentions"));

    Page done = oneClick(link.group(1));
    assertEquals(200, done.status(), done.body());
    assertTrue(done.body().contains("role=\"status\""), done.body());
    JsonObject topics = topics(author.token());
    assertEquals("forum", topics.getString("replies"));
    assertEquals("email", topics.getString("mentions"), "only the e-mail's topic");
    assertEquals(200, oneClick(link.group(1)).status(), "again: still fine");
  }

  /** The person's channel per topic. */
  private static JsonObject topics(String token) {
    return Api.expect(200, forum.as(token).get("/api/v1/notifications/settings")).getJsonObject("topics");
  }

  /** What a mail client sends for a one-click unsubscribe (RFC 8058): a POST without cookies. */
  private static Page oneClick(String url) {
    return new Browser().postForm(url, Map.of("List-Unsubscribe", "One-Click"));
  }
}
