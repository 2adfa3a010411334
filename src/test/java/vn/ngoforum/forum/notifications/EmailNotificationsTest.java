package vn.ngoforum.forum.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.ngoforum.config.AppConfig;
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

    assertTrue(smtp.waitForIncomingEmail(15_000, 1), "an e-mail arrives");
    MimeMessage[] received = smtp.getReceivedMessagesForDomain("example.org");
    assertEquals(1, received.length);
    MimeMessage mail = received[0];
    assertEquals(author + "@example.org", mail.getAllRecipients()[0].toString());
    assertTrue(mail.getSubject().contains("Báo cáo tuần tra rừng " + author), mail.getSubject());
    String body = GreenMailUtil.getBody(mail);
    assertTrue(body.contains("/t/" + threadId), body);
  }
}
