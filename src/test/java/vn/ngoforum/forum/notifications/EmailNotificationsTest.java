package vn.ngoforum.forum.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.core.json.JsonArray;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
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
import vn.ngoforum.support.TestForum;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestServers;

/** E-mail copies of notifications, sent to a real SMTP server (GreenMail) when SMTP is configured. */
@ExtendWith(VertxExtension.class)
class EmailNotificationsTest {

  private static GreenMail smtp;
  private static TestForum forum;

  @BeforeAll
  static void deploy(Vertx vertx) {
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    TestServers servers = TestServers.get();
    AppConfig config = TestServers.config(Map.of(
        AppConfig.FORUM_HTTP_PORT, String.valueOf(servers.forumPort()),
        AppConfig.MONGO_URI, servers.mongoUri("forum-email"),
        AppConfig.KEYCLOAK_URL, servers.keycloakUrl(),
        AppConfig.FORUM_SMTP_HOST, "127.0.0.1",
        AppConfig.FORUM_SMTP_PORT, String.valueOf(smtp.getSmtp().getPort()),
        AppConfig.FORUM_SMTP_FROM, "Diễn đàn NGO <forum@example.org>"));
    forum = TestForum.deploy(vertx, "forum-email", config);
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
    List<MimeMessage> received = awaitMail(mail -> subject(mail).contains(title));
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

    List<MimeMessage> received = awaitMail(mail -> subject(mail).contains("Hội Bảo tồn " + unique));
    assertEquals(1, received.size());
    MimeMessage mail = received.get(0);
    assertEquals(admin + "@example.org", mail.getAllRecipients()[0].toString());
    assertTrue(subject(mail).contains("xin gia nhập"), subject(mail));
    String body = String.valueOf(mail.getContent());
    assertTrue(body.contains("asks to join Conservation " + unique), body);
    Matcher link = Pattern.compile("(http\\S*/orgs/" + Pattern.quote(slug) + "#request-\\S+)").matcher(body);
    assertTrue(link.find(), body);
    assertTrue(link.group(1).endsWith("#request-" + applicantId), link.group(1));
    Page request = adminBrowser.get(link.group(1).substring(0, link.group(1).indexOf('#')));
    assertEquals(200, request.status());
    assertTrue(request.body().contains("id=\"request-" + applicantId + "\""), "the request is on the page");
  }

  /** E-mails arrive after the answer: wait (bounded) for those {@code wanted} picks. */
  private static List<MimeMessage> awaitMail(Predicate<MimeMessage> wanted) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(15);
    List<MimeMessage> found = List.of();
    while (found.isEmpty() && Instant.now().isBefore(deadline)) {
      smtp.waitForIncomingEmail(1_000, smtp.getReceivedMessages().length + 1);
      found = Arrays.stream(smtp.getReceivedMessages()).filter(wanted).toList();
    }
    return found;
  }

  private static String subject(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
