package vn.ngoforum.qa.questions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.qa.QaClient;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser.Page;

/** The workshop report's export: it names no anonymous asker; the internal one, clearly marked, does. */
class QaExportTest {

  @RegisterExtension
  static final QaClient qa = QaClient.perClass("qa-export");

  @Test
  @DisplayName("the export shows an anonymous asker as \"anonymous\" only, without name or organisation, in CSV"
      + " and Markdown; named askers keep their names")
  void anonymousStaysAnonymous() {
    Asked asked = askedBoth();
    for (String format : List.of("csv", "md")) {
      Page export = qa.as("moderator").get("/api/v1/sessions/" + asked.session + "/export?format=" + format);
      assertEquals(200, export.status(), export.body());
      String body = export.body();
      assertTrue(body.contains("Ai tài trợ cho kiểm lâm?"), body);
      assertFalse(body.contains(asked.anonymousName), format + " names the anonymous asker: " + body);
      assertFalse(body.contains(asked.organisation), format + " names the anonymous asker's organisation: " + body);
      assertTrue(body.contains("anonymous"), body);
      assertTrue(body.contains(asked.namedName), format + " keeps the named asker: " + body);
      assertFalse(body.contains("INTERNAL"), body);
      String disposition = export.header("content-disposition").orElseThrow();
      assertFalse(disposition.contains("internal"), disposition);
    }
  }

  @Test
  @DisplayName("moderators may take an internal export with the names, marked as internal in the file and its name,"
      + " and each one is in the audit log")
  void internalExport() {
    Asked asked = askedBoth();
    Page csv = qa.as("moderator").get("/api/v1/sessions/" + asked.session + "/export?format=csv&names=true");
    assertEquals(200, csv.status(), csv.body());
    String firstRow = csv.body().substring(1, csv.body().indexOf("\r\n"));
    assertTrue(firstRow.contains("INTERNAL") && firstRow.contains("NỘI BỘ") && firstRow.contains("anonymous askers"),
        firstRow);
    assertTrue(csv.body().contains(asked.anonymousName), csv.body());
    assertTrue(csv.body().contains(asked.organisation), csv.body());
    String disposition = csv.header("content-disposition").orElseThrow();
    assertTrue(disposition.contains("-internal.csv"), disposition);

    Page md = qa.as("moderator").get("/api/v1/sessions/" + asked.session + "/export?format=md&names=true");
    assertEquals(200, md.status(), md.body());
    assertTrue(md.body().startsWith("> **NỘI BỘ / INTERNAL**"), md.body());
    assertTrue(md.body().contains(asked.anonymousName + " (ẩn danh / anonymous)"), md.body());

    List<JsonObject> entries = exportsWithNames(asked.session);
    assertEquals(List.of("md", "csv"), entries.stream()
        .map(entry -> entry.getJsonObject("details").getString("format")).toList(), entries.toString());
    assertTrue(entries.stream().allMatch(entry -> "moderator".equals(entry.getJsonObject("actor")
        .getString("username"))), entries.toString());

    assertEquals(403, qa.as("member").get("/api/v1/sessions/" + asked.session
        + "/export?format=csv&names=true").status());
    assertEquals(400, qa.as("moderator").get("/api/v1/sessions/" + asked.session
        + "/export?format=csv&names=maybe").status());
    assertEquals(2, exportsWithNames(asked.session).size(), "refused exports are not audited");
  }

  private static List<JsonObject> exportsWithNames(String session) {
    return qa.audit("session", session).stream()
        .filter(entry -> "session.export_with_names".equals(entry.getString("action"))).toList();
  }

  private record Asked(String session, String anonymousName, String organisation, String namedName) {
  }

  /** A session where the member (admin of a new verified organisation) asks anonymously and the attendee not. */
  private static Asked askedBoth() {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    String organisation = "Bảo tồn Tê tê " + unique;
    Page created = qa.as("member").post("/api/v1/orgs", new JsonObject()
        .put("name", new JsonObject().put("vi", organisation).put("en", organisation))
        .put("acronym", "TT" + unique.toUpperCase())
        .put("province", "Ninh Bình")
        .put("focusAreas", new JsonArray().add("rescue")));
    assertEquals(201, created.status(), created.body());
    Page verified = qa.as("admin").post("/api/v1/orgs/" + Api.json(created).getString("slug") + "/verify",
        new JsonObject());
    assertEquals(200, verified.status(), verified.body());

    String session = qa.as("moderator").newSession("post", "public");
    Page anonymous = qa.as("member").post("/api/v1/sessions/" + session + "/questions",
        new JsonObject().put("text", "Ai tài trợ cho kiểm lâm?").put("anonymous", true));
    assertEquals(201, anonymous.status(), anonymous.body());
    qa.as("attendee").ask(session, "Khi nào có báo cáo?");
    return new Asked(session, name("member"), organisation, name("attendee"));
  }

  private static String name(String username) {
    Page me = qa.as(username).get("/api/v1/me");
    assertEquals(200, me.status(), me.body());
    return Api.json(me).getString("name");
  }
}
