package vn.ngoforum.forum.notifications;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import vn.ngoforum.config.AppConfig;

/**
 * E-mail copies of notifications, one at a time or as the daily digest, through the SMTP server of the configuration
 * (Vert.x's non-blocking mail client, so the event loop never waits on the mail server). Every e-mail carries its
 * one-click unsubscribe link ({@link UnsubscribeLinks}) in its headers and its text. Absent when SMTP is not
 * configured.
 */
public record Mailer(MailClient client, String from, String publicUrl, UnsubscribeLinks links) {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  /** A mailer for the configuration's SMTP server, or {@code null} when e-mail is off. */
  public static Mailer create(Vertx vertx, AppConfig config) {
    AppConfig.Smtp smtp = config.smtp();
    if (smtp == null || !smtp.enabled()) {
      return null;
    }
    MailConfig mail = new MailConfig()
        .setHostname(smtp.host())
        .setPort(smtp.port())
        .setStarttls(StartTLSOptions.OPTIONAL)
        .setLogin(smtp.username() == null ? LoginOption.DISABLED : LoginOption.REQUIRED)
        .setUsername(smtp.username())
        .setPassword(smtp.password())
        .setKeepAlive(true);
    return new Mailer(MailClient.createShared(vertx, mail, "forum-mail"), smtp.from(), config.publicUrl(),
        new UnsubscribeLinks(config.keycloakClientSecret()));
  }

  /**
   * Sends one notification to {@code email}, in Vietnamese and English, with its one-click unsubscribe link (the
   * {@code List-Unsubscribe} headers of RFC 8058, and in the text) for its topic.
   */
  Future<Void> send(String email, Notification notification) {
    Line line = line(notification);
    String unsubscribe = links.url(publicUrl, notification.userId(),
        Preferences.Topic.ofKind(notification.kind()).map(Preferences.Topic::code).orElse(UnsubscribeLinks.DIGEST));
    return send(email, "[NGO Forum] " + line.vi(), line.vi() + ".\n" + line.en() + ".\n\n" + publicUrl
        + notification.url() + "\n", unsubscribe);
  }

  /**
   * Sends the daily digest of {@code day} (Asia/Ho_Chi_Minh) to {@code email}: one line per notification, newest
   * first, each with its link; its unsubscribe link stops the digest.
   */
  Future<Void> sendDigest(String email, String userId, LocalDate day, List<Notification> notifications) {
    String date = day.format(DAY);
    StringBuilder text = new StringBuilder("Tóm tắt hằng ngày của Diễn đàn NGO, " + date + ".\nThe NGO Forum's daily"
        + " digest, " + date + ".\n");
    for (Notification notification : notifications) {
      Line line = line(notification);
      text.append("\n- ").append(line.vi()).append("\n  ").append(line.en()).append("\n  ").append(publicUrl)
          .append(notification.url()).append('\n');
    }
    return send(email, "[NGO Forum] Tóm tắt " + date + ": " + notifications.size() + " thông báo · Daily digest",
        text.toString(), links.url(publicUrl, userId, UnsubscribeLinks.DIGEST));
  }

  private Future<Void> send(String email, String subject, String text, String unsubscribe) {
    MailMessage message = new MailMessage()
        .setFrom(from)
        .setTo(email)
        .setSubject(subject)
        .setHeaders(MultiMap.caseInsensitiveMultiMap()
            .add("List-Unsubscribe", "<" + unsubscribe + ">")
            .add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))
        .setText(text + "\nDiễn đàn NGO · NGO Forum — " + publicUrl + "/notifications\n"
            + "Ngừng nhận những e-mail này · Stop these e-mails: " + unsubscribe + "\n"
            + "Cài đặt thông báo · Notification settings: " + publicUrl + PreferenceRoutes.PAGE + "\n");
    return client.sendMail(message).mapEmpty();
  }

  /** What {@code notification} says, in Vietnamese and English. */
  private static Line line(Notification notification) {
    String actor = notification.actor() == null ? "" : notification.actor().name();
    JsonObject about = notification.about() == null ? new JsonObject() : notification.about();
    JsonObject orgName = about.getJsonObject("orgName", new JsonObject());
    String orgVi = orgName.getString("vi", orgName.getString("en", about.getString("org", "")));
    String orgEn = orgName.getString("en", orgVi);
    String title = "“" + (notification.title() != null ? notification.title() : about.getString("title", "")) + "”";
    String decision = about.getString("decision", "");
    boolean approved = "approved".equals(decision);
    boolean verified = "verified".equals(decision);
    return switch (notification.kind()) {
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
  }

  /** What a notification says, in Vietnamese and in English. */
  private record Line(String vi, String en) {
  }
}
