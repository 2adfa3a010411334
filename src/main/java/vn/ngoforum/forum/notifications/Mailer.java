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
public record Mailer(MailClient client, String from, String publicUrl) {

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
    String title = "“" + (notification.title() != null ? notification.title() : about.getString("title", "")) + "”";
    String decision = about.getString("decision", "");
    boolean approved = "approved".equals(decision);
    boolean verified = "verified".equals(decision);
    Line line = switch (notification.kind()) {
      case "mention" -> new Line(actor + " đã nhắc đến bạn trong " + title, actor + " mentioned you in " + title);
      case "quote" -> new Line(actor + " đã trích dẫn bạn trong " + title, actor + " quoted you in " + title);
      case "watched.post" -> new Line(actor + " đã viết trong " + title + " (bạn đang theo dõi)",
          actor + " wrote in " + title + " (which you watch)");
      case "watched.thread" -> new Line(actor + " đã mở chủ đề mới " + title + " (trong chuyên mục bạn theo dõi)",
          actor + " started " + title + " (in a category you watch)");
      case "post.hidden" -> new Line("Điều phối viên đã ẩn bài viết của bạn trong " + title,
          "A moderator hid your post in " + title);
      case "post.shown" -> new Line("Điều phối viên đã hiện lại bài viết của bạn trong " + title,
          "A moderator showed your post in " + title + " again");
      case "thread.locked" -> new Line("Điều phối viên đã khoá chủ đề " + title + " của bạn",
          "A moderator locked your thread " + title);
      case "thread.unlocked" -> new Line("Điều phối viên đã mở khoá chủ đề " + title + " của bạn",
          "A moderator unlocked your thread " + title);
      case "thread.moved" -> new Line("Điều phối viên đã chuyển chủ đề " + title + " của bạn",
          "A moderator moved your thread " + title);
      case "org.join_request" -> new Line(actor + " xin gia nhập " + orgVi, actor + " asks to join " + orgEn);
      case "org.join_decision" -> new Line(
          "Yêu cầu gia nhập " + orgVi + " của bạn đã " + (approved ? "được chấp thuận" : "bị từ chối"),
          "Your request to join " + orgEn + " was " + (approved ? "approved" : "declined"));
      case "org.verification_decision" -> verified
          ? new Line(orgVi + " đã được quản trị viên diễn đàn xác minh",
              orgEn + " has been verified by the forum admins")
          : new Line("Quản trị viên diễn đàn đã thu hồi xác minh của " + orgVi,
              "The verification of " + orgEn + " was withdrawn by the forum admins");
      default -> new Line(actor + " đã trả lời chủ đề của bạn " + title, actor + " replied to your thread " + title);
    };
    String vi = line.vi();
    String en = line.en();
    MailMessage message = new MailMessage()
        .setFrom(from)
        .setTo(email)
        .setSubject("[NGO Forum] " + vi)
        .setText(vi + ".\n" + en + ".\n\n" + publicUrl + notification.url() + "\n\n"
            + "Diễn đàn NGO · NGO Forum — " + publicUrl + "/notifications\n");
    return client.sendMail(message).mapEmpty();
  }

  /** What a notification says, in Vietnamese and in English. */
  private record Line(String vi, String en) {
  }
}
