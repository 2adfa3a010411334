package vn.ngoforum.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.config.AppConfig;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.Eventually;
import vn.ngoforum.support.People;
import vn.ngoforum.support.TestForum;
import vn.ngoforum.support.TestServers;

/**
 * Account recovery through Keycloak: "Forgot password?" and address verification by e-mail, sent by the real
 * Keycloak of the test run through a real SMTP server (GreenMail), with the settings the run command gives the
 * realm ({@link RealmMail}).
 *
 * <p>The test run's Keycloak is shared by every test class: this class gives its realm GreenMail's address (and
 * turns reset and verification on) through the admin REST API for its own duration, and puts the realm's own values
 * back afterwards. The people it signs in as are its own.
 */
class RealmMailTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("realm-mail");

  private static final Pattern RESET_LINK = Pattern.compile("href=\"([^\"]*/login-actions/reset-credentials[^\"]*)\"");
  private static final Pattern ACTION_LINK = Pattern.compile("(https?://\\S+/login-actions/action-token\\?\\S+)");
  private static final String NEW_PASSWORD = "Rừng-xanh-2026!";

  private static GreenMail smtp;
  private static JsonObject realmBefore;

  @BeforeAll
  static void mailServer() {
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    TestServers servers = TestServers.get();
    realmBefore = realm(servers);
    RealmMail.apply(servers.keycloakUrl(), TestServers.REALM, LocalKeycloak.adminUsername(),
        LocalKeycloak.adminPassword(), new AppConfig.Smtp("127.0.0.1", smtp.getSmtp().getPort(),
            "Diễn đàn NGO <forum@example.org>", null, null, 7));
  }

  @AfterAll
  static void restoreRealm() {
    TestServers servers = TestServers.get();
    RealmMail.update(servers.keycloakUrl(), TestServers.REALM, servers.adminToken(), new JsonObject()
        .put("smtpServer", realmBefore.getJsonObject("smtpServer", new JsonObject()))
        .put("resetPasswordAllowed", realmBefore.getBoolean("resetPasswordAllowed"))
        .put("verifyEmail", realmBefore.getBoolean("verifyEmail")));
    smtp.stop();
  }

  @Test
  @DisplayName("with a mail server the realm gets it (sender, name, login) and offers reset and verification;"
      + " without one it offers neither")
  void settingsFollowTheConfiguration() {
    assertEquals(new JsonObject()
            .put("smtpServer", new JsonObject().put("host", "smtp.example.org").put("port", "587")
                .put("from", "no-reply@example.org").put("ssl", "false").put("starttls", "true").put("auth", "true")
                .put("fromDisplayName", "Diễn đàn NGO").put("user", "forum").put("password", "s3cret"))
            .put("resetPasswordAllowed", true).put("verifyEmail", true),
        RealmMail.settings(new AppConfig.Smtp("smtp.example.org", 587, "Diễn đàn NGO <no-reply@example.org>", "forum",
            "s3cret", 7)));
    assertEquals(new JsonObject().put("host", "smtp.example.org").put("port", "465").put("from", "forum@example.org")
            .put("ssl", "true").put("starttls", "false").put("auth", "false"),
        RealmMail.settings(new AppConfig.Smtp("smtp.example.org", 465, "forum@example.org", null, null, 7))
            .getJsonObject("smtpServer"), "TLS from the first byte on 465; no name, no login");
    assertEquals(new JsonObject().put("smtpServer", new JsonObject()).put("resetPasswordAllowed", false)
            .put("verifyEmail", false),
        RealmMail.settings(new AppConfig.Smtp(null, 25, "NGO Forum <no-reply@localhost>", null, null, 7)),
        "no mail server: no reset, no verification");
  }

  @Test
  @DisplayName("the sign-in page speaks Vietnamese by default and English to someone who chose English on the"
      + " forum, and offers \"Forgot password?\" in both")
  void signInPageInBothLanguages() {
    Page vietnamese = new Browser().open(forum.base() + "/login");
    assertEquals(200, vietnamese.status());
    assertTrue(vietnamese.body().contains("lang=\"vi\""), "a Vietnamese page");
    assertTrue(vietnamese.body().contains("Quên mật khẩu?"), vietnamese.body());
    assertTrue(RESET_LINK.matcher(vietnamese.body()).find(), "a link to the reset form");
    Browser chose = new Browser();
    chose.open(forum.base() + "/lang/en?next=/");
    Page english = chose.open(forum.base() + "/login");
    assertEquals(200, english.status());
    assertTrue(english.body().contains("lang=\"en\""), "an English page");
    assertTrue(english.body().contains("Forgot Password?"), english.body());
    assertTrue(RESET_LINK.matcher(english.body()).find(), "a link to the reset form");
  }

  @Test
  @DisplayName("a member who forgot their password asks for a reset, follows the link in the e-mail, sets a new"
      + " password, and signs in to the forum with it (not with the old one)")
  void passwordReset() throws Exception {
    String username = People.create("member");
    Browser browser = new Browser();
    Page signIn = browser.open(forum.base() + "/login");
    Matcher reset = RESET_LINK.matcher(signIn.body());
    assertTrue(reset.find(), "\"Forgot password?\" on " + signIn.body());
    Page resetForm = browser.open(signIn.uri().resolve(reset.group(1).replace("&amp;", "&")).toString());
    Page asked = browser.follow(browser.postForm(formAction(resetForm, "kc-reset-password-form"),
        Map.of("username", username)));
    assertEquals(200, asked.status(), asked.body());
    assertTrue(asked.body().contains("Bạn sẽ sớm nhận được email"), "told to look for the e-mail: " + asked.body());

    MimeMessage mail = awaitMail(username + "@example.org");
    keep(mail, "password-reset.txt");
    assertEquals("Đặt lại mật khẩu", mail.getSubject(), "in the realm's default language");
    InternetAddress from = (InternetAddress) mail.getFrom()[0];
    assertEquals("forum@example.org", from.getAddress());
    assertEquals("Diễn đàn NGO", from.getPersonal());
    assertTrue(plainText(mail).contains("30 phút"), "the link works for 30 minutes: " + plainText(mail));
    Page update = browser.open(actionLink(mail));
    Page landed = browser.follow(browser.postForm(formAction(update, "kc-passwd-update-form"),
        Map.of("password-new", NEW_PASSWORD, "password-confirm", NEW_PASSWORD)));
    assertEquals(forum.base(), landed.uri().getScheme() + "://" + landed.uri().getAuthority(),
        "back at the forum: " + landed.uri() + " " + landed.body());
    assertSignedIn(browser, username);

    Browser later = new Browser();
    later.signIn(forum.base(), username, NEW_PASSWORD);
    assertSignedIn(later, username);
    Browser withOldPassword = new Browser();
    Page refused = withOldPassword.submitLoginForm(withOldPassword.open(forum.base() + "/login"), username,
        TestServers.PASSWORD);
    assertEquals(200, refused.status(), "the login form again, not a redirect to the forum");
    assertEquals(401, withOldPassword.get(forum.base() + "/api/v1/me").status());
  }

  @Test
  @DisplayName("a person whose address is not verified is asked to verify it at sign-in, follows the link in the"
      + " e-mail, and arrives at the forum with the address verified")
  void addressVerification() throws Exception {
    String username = People.create("member");
    TestServers servers = TestServers.get();
    Map<String, String> admin = Map.of("Authorization", "Bearer " + servers.adminToken());
    String user = servers.keycloakUrl() + "/admin/realms/" + TestServers.REALM + "/users/" + userId(username);
    JsonObject representation = new JsonObject(new Browser().get(user, admin).body()).put("emailVerified", false);
    Page unverified = new Browser().sendJson("PUT", user, representation.encode(), admin);
    assertEquals(204, unverified.status(), unverified.body());

    Browser browser = new Browser();
    Page asked = browser.follow(browser.submitLoginForm(browser.open(forum.base() + "/login"), username,
        TestServers.PASSWORD));
    assertTrue(asked.uri().toString().startsWith(servers.keycloakUrl()), "still at Keycloak: " + asked.uri());
    assertEquals(401, browser.get(forum.base() + "/api/v1/me").status(), "not signed in before verifying");

    MimeMessage mail = awaitMail(username + "@example.org");
    keep(mail, "address-verification.txt");
    assertEquals("Xác thực email", mail.getSubject());
    Page landed = browser.open(actionLink(mail));
    assertEquals(forum.base(), landed.uri().getScheme() + "://" + landed.uri().getAuthority(),
        "back at the forum: " + landed.uri() + " " + landed.body());
    assertSignedIn(browser, username);
    Page after = new Browser().get(user, Map.of("Authorization", "Bearer " + servers.adminToken()));
    assertEquals(Boolean.TRUE, new JsonObject(after.body()).getBoolean("emailVerified"));
  }

  private static void assertSignedIn(Browser browser, String username) {
    Page me = browser.get(forum.base() + "/api/v1/me");
    assertEquals(200, me.status(), me.body());
    assertEquals(username, new JsonObject(me.body()).getString("username"));
  }

  /** The absolute action of the form {@code id} on {@code page}. */
  private static String formAction(Page page, String id) {
    Matcher form = Pattern.compile("<form[^>]*id=\"" + id + "\"[^>]*action=\"([^\"]+)\"").matcher(page.body());
    if (!form.find()) {
      form = Pattern.compile("<form[^>]*action=\"([^\"]+)\"[^>]*id=\"" + id + "\"").matcher(page.body());
      assertTrue(form.find(), "no form " + id + " at " + page.uri() + ": " + page.body());
    }
    return page.uri().resolve(form.group(1).replace("&amp;", "&")).toString();
  }

  /** Saves the e-mail as a person would read it (sender, subject, text) under target/mail/, to look at. */
  private static void keep(MimeMessage mail, String file) throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "mail"));
    Files.writeString(dir.resolve(file), "From: " + ((InternetAddress) mail.getFrom()[0]).toUnicodeString()
        + "\nTo: " + mail.getAllRecipients()[0] + "\nSubject: " + mail.getSubject() + "\n\n" + plainText(mail));
  }

  /** The link of Keycloak's e-mail, from its plain-text part. */
  private static String actionLink(MimeMessage mail) throws Exception {
    String text = plainText(mail);
    Matcher link = ACTION_LINK.matcher(text);
    assertTrue(link.find(), text);
    return link.group(1);
  }

  private static String plainText(MimeMessage mail) throws Exception {
    Object content = mail.getContent();
    if (content instanceof Multipart parts) {
      for (int i = 0; i < parts.getCount(); i++) {
        BodyPart part = parts.getBodyPart(i);
        if (part.isMimeType("text/plain")) {
          return String.valueOf(part.getContent());
        }
      }
    }
    return String.valueOf(content);
  }

  /** The one e-mail to {@code address}, waited for (bounded). */
  private static MimeMessage awaitMail(String address) {
    List<MimeMessage> found = Eventually.value(
        () -> Arrays.stream(smtp.getReceivedMessages()).filter(mail -> sentTo(mail, address)).toList(),
        mails -> !mails.isEmpty(), Duration.ofSeconds(20));
    assertEquals(1, found.size(), "one e-mail to " + address);
    return found.get(0);
  }

  private static boolean sentTo(MimeMessage mail, String address) {
    try {
      return Arrays.stream(mail.getAllRecipients()).anyMatch(to -> to.toString().equals(address));
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonObject realm(TestServers servers) {
    Page realm = new Browser().get(servers.keycloakUrl() + "/admin/realms/" + TestServers.REALM,
        Map.of("Authorization", "Bearer " + servers.adminToken()));
    assertEquals(200, realm.status(), realm.body());
    return new JsonObject(realm.body());
  }

  private static String userId(String username) {
    TestServers servers = TestServers.get();
    Page found = new Browser().get(servers.keycloakUrl() + "/admin/realms/" + TestServers.REALM
        + "/users?exact=true&username=" + username, Map.of("Authorization", "Bearer " + servers.adminToken()));
    assertEquals(200, found.status(), found.body());
    return new JsonArray(found.body()).getJsonObject(0).getString("id");
  }
}
