package vn.ngoforum.qa.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.ngoforum.support.ForumUnderTest.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.qa.QaClient;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.BridgeClient;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.RecordingMongo;

/**
 * Rapporteurs' live notes (issue 16, point 8): a moderator names rapporteurs on the session; they and moderators
 * write note blocks that the room receives live and reads on the session page (without JavaScript too); a block is
 * changed by its author only and keeps its history for the moderators; notes are read by key.
 */
class QaNotesTest {

  @RegisterExtension
  static final QaClient qa = QaClient.perClass("qa-notes");

  /** A public session whose rapporteur is the demo {@code member}. */
  private static String sessionWithRapporteur() {
    return qa.as("moderator").newSessionWithRapporteur("member");
  }

  private static JsonObject write(String as, String session, String text) {
    return Api.expect(201, qa.as(as).post("/api/v1/sessions/" + session + "/notes",
        new JsonObject().put("text", text)));
  }

  private static JsonArray notes(QaClient client, String session) {
    return Api.expect(200, client.get("/api/v1/sessions/" + session + "/notes")).getJsonArray("notes");
  }

  @Test
  @DisplayName("a rapporteur and a moderator write notes (Markdown made safe); anyone else gets 403, an unknown session"
      + " 404, an empty or too long note and a rapporteur that is no username 400")
  void whoWritesNotes() {
    String session = sessionWithRapporteur();
    JsonObject note = write("member", session,
        "**Ý chính:** tăng tuần tra <script>alert(1)</script> [xem](javascript:alert(2))"
            + " [báo cáo](https://example.org/r)");
    assertEquals("note", note.getString("type"));
    assertTrue(note.getBoolean("mine"), note.encode());
    String html = note.getString("html");
    assertTrue(html.contains("<strong>Ý chính:</strong>"), html);
    assertTrue(html.contains("href=\"https://example.org/r\""), html);
    assertFalse(html.contains("<script"), html);
    assertFalse(html.contains("javascript:"), html);
    assertEquals("member", note.getJsonObject("author").getString("username"));
    write("moderator", session, "Điều phối viên ghi chú");

    assertEquals(403, qa.as("attendee").post("/api/v1/sessions/" + session + "/notes",
        new JsonObject().put("text", "Không phải người ghi chép")).status());
    assertEquals(401, qa.post("/api/v1/sessions/" + session + "/notes",
        new JsonObject().put("text", "Khách")).status());
    assertEquals(404, qa.as("member").post("/api/v1/sessions/no-such-session/notes",
        new JsonObject().put("text", "Lạc")).status());
    assertEquals(400, qa.as("member").post("/api/v1/sessions/" + session + "/notes",
        new JsonObject().put("text", "   ")).status());
    assertEquals(400, qa.as("member").post("/api/v1/sessions/" + session + "/notes",
        new JsonObject().put("text", "ê".repeat(Note.MAX_LENGTH + 1))).status());
    assertEquals(400, qa.as("moderator").patch("/api/v1/sessions/" + session,
        new JsonObject().put("rapporteurs", new JsonArray().add("not a username"))).status());

    JsonArray listed = notes(qa, session);
    assertEquals(2, listed.size(), listed.encode());
    assertEquals(note.getString("id"), listed.getJsonObject(0).getString("id"), "oldest first");
    assertFalse(listed.getJsonObject(0).containsKey("versions"), "visitors see no history");
  }

  @Test
  @DisplayName("the room receives a note and its edit live on qa.session.{id}, with the session's seq")
  void notesAreLive() {
    String session = sessionWithRapporteur();
    try (BridgeClient room = qa.room(session)) {
      JsonObject note = write("member", session, "Ghi chép trực tiếp số 1");
      JsonObject frame = QaClient.next(room, "note", note.getString("id"));
      assertNotNull(frame, "no live note");
      assertTrue(frame.getString("html").contains("<p>Ghi chép trực tiếp số 1</p>"), frame.encode());
      assertEquals(note.getLong("seq"), frame.getLong("seq"));
      assertFalse(frame.getBoolean("edited"));

      Api.expect(200, qa.as("member").patch("/api/v1/notes/" + note.getString("id"),
          new JsonObject().put("text", "Ghi chép đã sửa")));
      JsonObject edited = QaClient.next(room, "note", note.getString("id"));
      assertNotNull(edited, "no live edit");
      assertTrue(edited.getBoolean("edited"));
      assertTrue(edited.getString("html").contains("Ghi chép đã sửa"), edited.encode());
      assertTrue(edited.getLong("seq") > frame.getLong("seq"));
    }
  }

  @Test
  @DisplayName("only its author changes a note; its history keeps every version, for moderators (and the author)")
  void editsAndHistory() {
    String session = sessionWithRapporteur();
    String id = write("member", session, "Bản đầu").getString("id");
    assertEquals(403, qa.as("moderator").patch("/api/v1/notes/" + id,
        new JsonObject().put("text", "Điều phối viên sửa")).status());
    assertEquals(403, qa.as("attendee").patch("/api/v1/notes/" + id,
        new JsonObject().put("text", "Người khác sửa")).status());
    assertEquals(404, qa.as("member").patch("/api/v1/notes/no-such-note",
        new JsonObject().put("text", "Lạc")).status());
    assertEquals(400, qa.as("member").patch("/api/v1/notes/" + id, new JsonObject().put("text", "")).status());
    JsonObject changed = Api.expect(200, qa.as("member").patch("/api/v1/notes/" + id,
        new JsonObject().put("text", "Bản hai")));
    assertTrue(changed.getBoolean("edited"));

    JsonObject history = Api.expect(200, qa.as("moderator").get("/api/v1/notes/" + id + "/history"));
    assertEquals(List.of("Bản đầu", "Bản hai"), history.getJsonArray("versions").stream()
        .map(v -> ((JsonObject) v).getString("text")).toList());
    assertEquals(403, qa.as("attendee").get("/api/v1/notes/" + id + "/history").status());
    assertEquals(401, qa.get("/api/v1/notes/" + id + "/history").status());
    JsonObject seen = notes(qa.as("moderator"), session).getJsonObject(0);
    assertEquals(2, seen.getJsonArray("versions").size(), "moderators see the history in the list too");
    assertTrue(notes(qa, session).getJsonObject(0).getString("html").contains("<p>Bản hai</p>"));

    Api.expect(200, qa.as("moderator").patch("/api/v1/sessions/" + session,
        new JsonObject().put("rapporteurs", new JsonArray())));
    assertEquals(403, qa.as("member").patch("/api/v1/notes/" + id, new JsonObject().put("text", "Bản ba")).status(),
        "a rapporteur no longer named writes no more");
    assertEquals(403, qa.as("member").post("/api/v1/sessions/" + session + "/notes",
        new JsonObject().put("text", "Bản ba")).status());
  }

  @Test
  @DisplayName("pages: a moderator names rapporteurs on the session's form; the rapporteur writes and edits a note"
      + " with plain forms; a visitor reads it on the session page, in Vietnamese and English")
  void notesInPages() {
    String base = qa.forum().base();
    Browser moderator = Browser.signedIn(base, "moderator");
    Browser member = Browser.signedIn(base, "member");
    String session = qa.as("moderator").newSession("post", "public");
    Page edit = qa.form(moderator, "/qa/" + session + "/edit", Map.of("rapporteurs", "member\n"));
    assertEquals(302, edit.status(), edit.body());
    assertEquals(new JsonArray().add("member"),
        Api.json(qa.get("/api/v1/sessions/" + session)).getJsonArray("rapporteurs"));
    Page editForm = moderator.get(base + "/qa/" + session + "/edit");
    assertTrue(editForm.body().contains("name=\"rapporteurs\""), editForm.body());

    Page mine = member.get(base + "/qa/" + session);
    assertTrue(mine.body().contains("action=\"/qa/" + session + "/notes\""), "the rapporteur's form");
    Page visitorBefore = new Browser().get(base + "/qa/" + session);
    assertFalse(visitorBefore.body().contains("action=\"/qa/" + session + "/notes\""), "no form for a visitor");

    Page written = qa.form(member, "/qa/" + session + "/notes", Map.of("note", "Kết luận: *bảo vệ tê giác*"));
    assertEquals(302, written.status(), written.body());
    String id = notes(qa, session).getJsonObject(0).getString("id");
    assertEquals(302, qa.form(member, "/qa/" + session + "/notes/" + id + "/edit",
        Map.of("note", "Kết luận: *bảo vệ tê giác và voi*")).status());
    assertEquals(403, qa.form(moderator, "/qa/" + session + "/notes/" + id + "/edit", Map.of("note", "x")).status());

    Page vi = new Browser().get(base + "/qa/" + session);
    assertTrue(vi.body().contains("<em>bảo vệ tê giác và voi</em>"), vi.body());
    assertTrue(vi.body().contains("Ghi chép trực tiếp"), "Vietnamese heading");
    assertTrue(vi.body().contains("<span data-note-edited>"), "marked as edited");
    Browser english = new Browser();
    english.setCookie(base, "lang", "en");
    Page en = english.get(base + "/qa/" + session);
    assertTrue(en.body().contains("Live notes"), "English heading");
    Page mod = moderator.get(base + "/qa/" + session);
    assertTrue(mod.body().contains("qa-note-history") && mod.body().contains("Kết luận: *bảo vệ tê giác*"),
        "moderators see the earlier version");
  }

  @Test
  @DisplayName("a session's notes are read by key: its list by the session's id, the notes by _id $in, an edit by _id")
  void readsByKey() {
    String session = sessionWithRapporteur();
    String id = write("member", session, "Một").getString("id");
    write("member", session, "Hai");
    List<JsonObject> queries = new ArrayList<>();
    NoteRepository notes = new NoteRepository(RecordingMongo.recording(qa.forum().mongo(), queries));
    assertEquals(List.of("Một", "Hai"), await(notes.inSession(session)).stream().map(Note::text).toList());
    assertEquals(2, await(notes.count(session)));
    await(notes.find(id));
    await(notes.edit(id, "Một (sửa)", "<p>Một (sửa)</p>", Instant.now(), 10_000));
    assertFalse(queries.isEmpty());
    assertTrue(queries.stream().allMatch(query -> RecordingMongo.byId(query.getJsonObject("query"))),
        queries.toString());
  }
}
