package vn.ngoforum.forum.notifications;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
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
    String actor = notification.actor() == null ? "" : notification.actor().name();
    JsonObject about = notification.about() == null ? new JsonObject() : notification.about();
    JsonObject orgName = about.getJsonObject("orgName", new JsonObject());
    String orgVi = orgName.getString("vi", orgName.getString("en", about.getString("org", "")));
    String orgEn = orgName.getString("en", orgVi);
    String title = "“" + notification.title() + "”";
    String decision = about.getString("decision", "");
    String vi = switch (notification.kind()) {
      case "mention" -> actor + " đã nhắc đến bạn trong " + title;
      case "quote" -> actor + " đã trích dẫn bạn trong " + title;
      case "org.join_request" -> actor + " xin gia nhập " + orgVi;
      case "org.join_decision" -> "Yêu cầu gia nhập " + orgVi + " của bạn đã "
          + ("approved".equals(decision) ? "được chấp thuận" : "bị từ chối");
      case "org.verification_decision" -> "verified".equals(decision)
          ? orgVi + " đã được quản trị viên diễn đàn xác minh"
          : "Quản trị viên diễn đàn đã thu hồi xác minh của " + orgVi;
      default -> actor + " đã trả lời chủ đề của bạn " + title;
    };
    String en = switch (notification.kind()) {
      case "mention" -> actor + " mentioned you in " + title;
      case "quote" -> actor + " quoted you in " + title;
      case "org.join_request" -> actor + " asks to join " + orgEn;
      case "org.join_decision" -> "Your request to join " + orgEn + " was "
          + ("approved".equals(decision) ? "approved" : "declined");
      case "org.verification_decision" -> "verified".equals(decision)
          ? orgEn + " has been verified by the forum admins"
          : "The verification of " + orgEn + " was withdrawn by the forum admins";
      default -> actor + " replied to your thread " + title;
    };
    MailMessage message = new MailMessage()
        .setFrom(from)
        .setTo(email)
        .setSubject("[NGO Forum] " + vi)
        .setText(vi + ".\n" + en + ".\n\n" + publicUrl + notification.url() + "\n\n"
            + "Diễn đàn NGO · NGO Forum — " + publicUrl + "/notifications\n");
    return client.sendMail(message).mapEmpty();
  }
}
