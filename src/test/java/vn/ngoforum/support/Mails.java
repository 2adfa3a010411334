package vn.ngoforum.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.Vertx;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import vn.ngoforum.config.AppConfig;

/**
 * A test mail server (GreenMail) and a forum that mails to it; reading what it received: waiting for it, and its
 * subject, text and headers.
 */
public final class Mails {

  private Mails() {
  }

  /** A mail server for one test class, on a free port (stop it after the class). */
  public static GreenMail server() {
    GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    return smtp;
  }

  /**
   * The forum on the tests' port (the one the realm sends browsers back to) and {@code database}, sending its e-mail
   * to {@code smtp}.
   */
  public static TestForum forum(Vertx vertx, String database, GreenMail smtp) {
    TestServers servers = TestServers.get();
    return TestForum.deploy(vertx, database, TestServers.config(Map.of(
        AppConfig.FORUM_HTTP_PORT, String.valueOf(servers.forumPort()),
        AppConfig.MONGO_URI, servers.mongoUri(database),
        AppConfig.KEYCLOAK_URL, servers.keycloakUrl(),
        AppConfig.FORUM_SMTP_HOST, "127.0.0.1",
        AppConfig.FORUM_SMTP_PORT, String.valueOf(smtp.getSmtp().getPort()),
        AppConfig.FORUM_SMTP_FROM, "Diễn đàn NGO <forum@example.org>")));
  }

  /**
   * The e-mails {@code wanted} picks, once there is at least one: e-mails arrive after the answer that caused them,
   * so this waits (bounded, 15 s) for them; empty when none came.
   */
  public static List<MimeMessage> await(GreenMail smtp, Predicate<MimeMessage> wanted) {
    return Eventually.value(() -> Arrays.stream(smtp.getReceivedMessages()).filter(wanted).toList(),
        mails -> !mails.isEmpty(), Duration.ofSeconds(15));
  }

  /** The e-mails received so far for {@code address}, in order. */
  public static List<MimeMessage> to(GreenMail smtp, String address) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(mail -> {
      try {
        return Arrays.stream(mail.getRecipients(Message.RecipientType.TO))
            .anyMatch(to -> to.toString().equals(address));
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  public static String subject(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text of an e-mail, decoded (it travels quoted-printable: Vietnamese, long lines). */
  public static String text(MimeMessage mail) {
    try {
      return String.valueOf(mail.getContent());
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A header's one value, as one line (a long one travels folded); {@code null} when absent. */
  public static String header(MimeMessage mail, String name) {
    try {
      String[] values = mail.getHeader(name);
      if (values == null || values.length != 1) {
        return values == null ? null : String.join(" | ", values);
      }
      return MimeUtility.unfold(values[0]).strip();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
