package vn.ngoforum.forum.notifications;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import vn.ngoforum.config.AppConfig;

/**
 * E-mail copies of notifications, through the SMTP server of the configuration (Vert.x's non-blocking mail
 * client, so the event loop never waits on the mail server). Absent when SMTP is not configured.
 */
public final class Mailer {

  private final MailClient client;
  private final String from;
  private final String publicUrl;

  private Mailer(MailClient client, String from, String publicUrl) {
    this.client = client;
    this.from = from;
    this.publicUrl = publicUrl;
  }

  /** A mailer for {@code smtp}, or {@code null} when e-mail is off. */
  public static Mailer create(Vertx vertx, AppConfig.Smtp smtp, String publicUrl) {
    if (smtp == null || !smtp.enabled()) {
      return null;
    }
    MailConfig config = new MailConfig()
        .setHostname(smtp.host())
        .setPort(smtp.port())
        .setStarttls(StartTLSOptions.OPTIONAL)
        .setLogin(smtp.username() == null ? LoginOption.DISABLED : LoginOption.REQUIRED)
        .setUsername(smtp.username())
        .setPassword(smtp.password())
        .setKeepAlive(true);
    return new Mailer(MailClient.createShared(vertx, config, "forum-mail"), smtp.from(), publicUrl);
  }

  /** Sends one notification to {@code email}, in Vietnamese and English. */
  Future<Void> send(String email, Notification notification) {
    String actor = notification.actor().name();
    String title = notification.title();
    String link = publicUrl + notification.url();
    String vi = switch (notification.type()) {
      case "mention" -> actor + " đã nhắc đến bạn trong";
      case "quote" -> actor + " đã trích dẫn bạn trong";
      default -> actor + " đã trả lời chủ đề của bạn";
    };
    String en = switch (notification.type()) {
      case "mention" -> actor + " mentioned you in";
      case "quote" -> actor + " quoted you in";
      default -> actor + " replied to your thread";
    };
    MailMessage message = new MailMessage()
        .setFrom(from)
        .setTo(email)
        .setSubject("[NGO Forum] " + vi + " “" + title + "”")
        .setText(vi + " “" + title + "”.\n" + en + " “" + title + "”.\n\n" + link + "\n\n"
            + "Diễn đàn NGO · NGO Forum — " + publicUrl + "/notifications\n");
    return client.sendMail(message).mapEmpty();
  }
}
