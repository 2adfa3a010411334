package vn.ngoforum.qa.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.qa.QaClient;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;

/** Anyone in the room joins a session in seconds: its six-digit code, or the QR code on the projector. */
class QaJoinTest {

  @RegisterExtension
  static final QaClient qa = QaClient.perClass("qa-join");

  @Test
  @DisplayName("each new session has its own six-digit code, and /j/{code} (or the home page's form) leads to it")
  void joinByCode() {
    String first = qa.as("moderator").newSession("pre", "public");
    String second = qa.as("moderator").newSession("post", "public");
    String code = Api.json(qa.get("/api/v1/sessions/" + first)).getString("code");
    String other = Api.json(qa.get("/api/v1/sessions/" + second)).getString("code");
    assertTrue(code.matches("\\d{6}"), code);
    assertNotEquals(code, other, "codes are unique");

    Page joined = new Browser().get(qa.forum().base() + "/j/" + code);
    assertEquals(302, joined.status());
    assertEquals("/qa/" + first, joined.header("location").orElseThrow());
    Page typed = new Browser().get(qa.forum().base() + "/j?code=" + code.substring(0, 3) + "%20" + code.substring(3));
    assertEquals(302, typed.status(), "the home page's form, with the space people type");
    assertEquals("/qa/" + first, typed.header("location").orElseThrow());

    Page home = new Browser().get(qa.forum().base() + "/");
    assertTrue(home.body().contains("<form method=\"get\" action=\"/j\""), "the home page has the join form");
    assertTrue(home.body().contains("name=\"code\""));
    assertEquals(200, new Browser().get(qa.forum().base() + "/j").status(), "the join page on its own");
  }

  @Test
  @DisplayName("a code nobody holds gets a 404 page with the form again, in Vietnamese or English; a malformed one 400")
  void unknownCode() {
    String unused = unusedCode();
    Page unknown = new Browser().get(qa.forum().base() + "/j/" + unused);
    assertEquals(404, unknown.status());
    assertTrue(unknown.body().contains("Không có phiên nào có mã này"), unknown.body());
    assertTrue(unknown.body().contains("value=\"" + unused + "\""), "what was typed stays in the field");
    Browser english = new Browser();
    english.setCookie(qa.forum().base(), "lang", "en");
    Page inEnglish = english.get(qa.forum().base() + "/j?code=" + unused);
    assertEquals(404, inEnglish.status());
    assertTrue(inEnglish.body().contains("No session has this code"), inEnglish.body());
    Page malformed = english.get(qa.forum().base() + "/j?code=12ab");
    assertEquals(400, malformed.status());
    assertTrue(malformed.body().contains("A join code has six digits"));
    assertEquals(400, new Browser().get(qa.forum().base() + "/j/12345").status(), "five digits is not a code");
  }

  @Test
  @DisplayName("the projector shows the code and a QR code drawn on the server that reads as the session's address")
  void projectorShowsCodeAndQr() throws Exception {
    String session = qa.as("moderator").newSession("pre", "public");
    String code = Api.json(qa.get("/api/v1/sessions/" + session)).getString("code");
    Page projector = new Browser().get(qa.forum().base() + "/qa/" + session + "/present");
    assertEquals(200, projector.status());
    assertTrue(projector.body().contains(code.substring(0, 3) + " " + code.substring(3)), "the code, readable");
    assertTrue(projector.body().contains("<img class=\"qa-qr\" src=\"/qa/" + session + "/qr.svg\""));

    Page qr = new Browser().get(qa.forum().base() + "/qa/" + session + "/qr.svg");
    assertEquals(200, qr.status());
    assertTrue(qr.header("content-type").orElseThrow().startsWith("image/svg+xml"));
    assertFalse(qr.body().contains("<script"), "an image, nothing else");
    String read = decode(qr.body());
    assertTrue(read.endsWith("/qa/" + session), read);

    String members = qa.as("moderator").newSession("pre", "members");
    assertEquals(401, new Browser().get(qa.forum().base() + "/qa/" + members + "/qr.svg").status(),
        "a members-only session's address is not handed out to visitors");
    assertEquals(404, new Browser().get(qa.forum().base() + "/qa/no-such-session/qr.svg").status());
  }

  @Test
  @DisplayName("sessions stored before join codes get one at start-up (once), or when their projector opens first")
  void existingSessionsGetCodes() throws Exception {
    SessionRepository sessions = new SessionRepository(qa.forum().mongo());
    JoinCodes codes = new JoinCodes(new JoinCodeRepository(qa.forum().mongo()), sessions);
    String event = Api.json(qa.get("/api/v1/sessions/" + qa.as("moderator").newSession("pre", "public")))
        .getString("eventId");
    String old = "old-" + System.nanoTime();
    String older = "older-" + System.nanoTime();
    for (String id : List.of(old, older)) {
      await(sessions.insert(new Session(id, event, new JsonObject().put("vi", "Cũ").put("en", "Old"), null, null,
          "pre", "public", true, List.of(), 0), "moderator", Instant.now()));
      assertNull(await(sessions.find(id)).code(), "stored as before codes");
    }

    Page projector = new Browser().get(qa.forum().base() + "/qa/" + old + "/present");
    assertEquals(200, projector.status());
    String lazily = await(sessions.find(old)).code();
    assertNotNull(lazily, "the projector gave it a code");
    assertTrue(projector.body().contains(lazily.substring(0, 3) + " " + lazily.substring(3)));

    await(codes.migrate());
    String migrated = await(sessions.find(older)).code();
    assertNotNull(migrated);
    assertEquals(lazily, await(sessions.find(old)).code(), "a session keeps the code it has");
    assertTrue(await(sessions.withoutCode()).isEmpty());
    await(codes.migrate());
    assertEquals(migrated, await(sessions.find(older)).code(), "running it again changes nothing");
    assertEquals("/qa/" + older, new Browser().get(qa.forum().base() + "/j/" + migrated).header("location").orElseThrow());
  }

  /** A six-digit code no session holds. */
  private static String unusedCode() {
    for (int candidate = 100_000; ; candidate += 7919) {
      String code = Integer.toString(candidate);
      if (new Browser().get(qa.forum().base() + "/j/" + code).status() == 404) {
        return code;
      }
    }
  }

  /** Reads the SVG's unit squares back into pixels and decodes them with ZXing's reader. */
  private static String decode(String svg) throws Exception {
    Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
    assertTrue(box.find(), svg);
    int modules = Integer.parseInt(box.group(1));
    int scale = 4;
    int size = modules * scale;
    int[] pixels = new int[size * size];
    Arrays.fill(pixels, 0xFFFFFFFF);
    Matcher run = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\d+z").matcher(svg);
    while (run.find()) {
      int x0 = Integer.parseInt(run.group(1));
      int y = Integer.parseInt(run.group(2));
      int length = Integer.parseInt(run.group(3));
      for (int x = x0 * scale; x < (x0 + length) * scale; x++) {
        for (int dy = 0; dy < scale; dy++) {
          pixels[(y * scale + dy) * size + x] = 0xFF000000;
        }
      }
    }
    return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(size, size, pixels))))
        .getText();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
