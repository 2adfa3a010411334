package vn.ngoforum.qa.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.ngoforum.support.ForumUnderTest.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.qa.QaClient;
import vn.ngoforum.support.Api;
import vn.ngoforum.support.Browser;
import vn.ngoforum.support.Browser.Page;
import vn.ngoforum.support.RecordingMongo;
import vn.ngoforum.support.TestForum;

/**
 * Finding sessions: {@code /events} lists live, upcoming and past workshops from the catalogue (read by key), the
 * calendar files of an event and a session are RFC 5545, and the session page shows its time, speakers, description
 * and stream link.
 */
class QaCalendarTest {

  @RegisterExtension
  static final TestForum forum = TestForum.perClass("qa-calendar");
  private static final QaClient qa = QaClient.on(forum);
  /** The TEXT properties whose escaping is checked. */
  private static final Set<String> TEXT = Set.of("SUMMARY", "DESCRIPTION", "LOCATION");
  private static final Pattern UTC_TIME = Pattern.compile("\\d{8}T\\d{6}Z");

  private static String event(String title, Instant start, Instant end) {
    return Api.expect(201, qa.as("moderator").post("/api/v1/events", new JsonObject()
        .put("title", new JsonObject().put("vi", title + " (vi)").put("en", title))
        .put("startsAt", start.toString()).put("endsAt", end.toString()).put("location", "Hà Nội; phòng 2, tầng 3")))
        .getString("id");
  }

  /** An item of a parsed calendar: its properties by name (values unescaped), e.g. {@code SUMMARY}. */
  record Item(Map<String, String> properties) {
    String get(String name) {
      return properties.get(name);
    }
  }

  /**
   * Parses {@code text} as RFC 5545 strictly enough to catch what calendars refuse: every line ends with CRLF and
   * holds at most 75 octets, folded lines are joined, BEGIN/END nest, each property is {@code NAME[;params]:value}.
   * Answers the VEVENTs.
   */
  static List<Item> parse(String text) {
    assertTrue(text.endsWith("\r\n"), "ends with CRLF");
    String[] raw = text.split("\r\n", -1);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < raw.length - 1; i++) {
      String line = raw[i];
      assertTrue(!line.contains("\n") && !line.contains("\r"), "a bare line break in " + line);
      assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 75, "longer than 75 octets: " + line);
      if (line.startsWith(" ")) {
        lines.set(lines.size() - 1, lines.get(lines.size() - 1) + line.substring(1));
      } else {
        lines.add(line);
      }
    }
    assertEquals("BEGIN:VCALENDAR", lines.get(0));
    assertEquals("END:VCALENDAR", lines.get(lines.size() - 1));
    assertTrue(lines.contains("VERSION:2.0"));
    assertTrue(lines.stream().anyMatch(line -> line.startsWith("PRODID:")));
    List<Item> events = new ArrayList<>();
    Map<String, String> current = null;
    for (String line : lines.subList(1, lines.size() - 1)) {
      int colon = line.indexOf(':');
      assertTrue(colon > 0, "not a property: " + line);
      String name = line.substring(0, colon).split(";")[0];
      String value = line.substring(colon + 1);
      if (line.equals("BEGIN:VEVENT")) {
        assertEquals(null, current, "VEVENTs do not nest");
        current = new HashMap<>();
      } else if (line.equals("END:VEVENT")) {
        events.add(new Item(current));
        current = null;
      } else if (current != null) {
        assertTrue(!value.matches(".*(?<!\\\\)[;,].*") || !TEXT.contains(name), "unescaped in " + line);
        current.put(name, unescape(value));
      }
    }
    assertEquals(null, current, "every VEVENT ends");
    return events;
  }

  private static String unescape(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        char next = value.charAt(++i);
        out.append(next == 'n' || next == 'N' ? '\n' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static Instant utc(String value) {
    assertTrue(UTC_TIME.matcher(value).matches(), "a UTC time: " + value);
    return Instant.parse(value.replaceFirst("(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})(\\d{2})Z",
        "$1-$2-$3T$4:$5:$6Z"));
  }

  @Test
  @DisplayName("an event's and a session's .ics: UTC times with Z, escaped text, folded lines, a UID per item, the "
      + "reader's language; a cancelled event says so; a members-only session's file only for members")
  void calendars() {
    Instant start = Instant.parse("2026-11-03T01:30:00Z");
    String event = event("Pangolins, trade; and policy", start, start.plus(8, ChronoUnit.HOURS));
    QaClient mod = qa.as("moderator");
    String session = Api.expect(201, mod.post("/api/v1/events/" + event + "/sessions", new JsonObject()
        .put("title", "Phiên 1: luật, nghị định").put("startsAt", "2026-11-03T09:00:00+07:00")
        .put("endsAt", "2026-11-03T10:30:00+07:00").put("speakers", new JsonArray().add("Nguyễn Văn A").add("Lan"))
        .put("description", "Dòng một\nDòng hai, với dấu phẩy; và chấm phẩy \\ gạch. " + "Rất dài ".repeat(20))))
        .getString("id");
    String untimed = Api.expect(201, mod.post("/api/v1/events/" + event + "/sessions", new JsonObject()
        .put("title", "Untimed"))).getString("id");

    Page file = new Browser().get(forum.base() + "/events/" + event + ".ics");
    assertEquals(200, file.status(), file.body());
    assertTrue(file.header("content-type").orElseThrow().startsWith("text/calendar"));
    List<Item> items = parse(file.body());
    assertEquals(3, items.size(), "the event and its two sessions (the untimed one at its event's times)");
    assertEquals(3, new HashSet<>(items.stream().map(item -> item.get("UID")).toList()).size(), "a UID each");
    Item whole = items.get(0);
    assertEquals("Pangolins, trade; and policy (vi)", whole.get("SUMMARY"), "Vietnamese by default, unescaped");
    assertEquals("Hà Nội; phòng 2, tầng 3", whole.get("LOCATION"));
    assertEquals(start, utc(whole.get("DTSTART")));
    assertEquals(start.plus(8, ChronoUnit.HOURS), utc(whole.get("DTEND")));
    assertEquals("CONFIRMED", whole.get("STATUS"));
    Item first = items.stream().filter(item -> item.get("UID").contains(session)).findFirst().orElseThrow();
    assertEquals(Instant.parse("2026-11-03T02:00:00Z"), utc(first.get("DTSTART")), "Hanoi 09:00 is 02:00Z");
    assertTrue(first.get("DESCRIPTION").startsWith("Nguyễn Văn A, Lan\n\nDòng một\nDòng hai, với dấu phẩy; và chấm"
        + " phẩy \\ gạch."), first.get("DESCRIPTION"));
    assertTrue(first.get("URL").endsWith("/qa/" + session));
    Item later = items.stream().filter(item -> item.get("UID").contains(untimed)).findFirst().orElseThrow();
    assertEquals(start, utc(later.get("DTSTART")));

    Browser english = new Browser();
    english.get(forum.base() + "/lang/en?next=/");
    List<Item> one = parse(english.get(forum.base() + "/qa/" + session + ".ics").body());
    assertEquals(1, one.size());
    assertEquals(first.get("UID"), one.get(0).get("UID"), "the same UID in both files");
    assertEquals("Pangolins, trade; and policy", parse(english.get(forum.base() + "/events/" + event + ".ics")
        .body()).get(0).get("SUMMARY"), "in English for an English reader");

    Api.expect(200, mod.patch("/api/v1/events/" + event, new JsonObject().put("cancelled", true)));
    assertEquals("CANCELLED", parse(new Browser().get(forum.base() + "/events/" + event + ".ics").body()).get(0)
        .get("STATUS"));
    String members = Api.expect(201, mod.post("/api/v1/events/" + event + "/sessions", new JsonObject()
        .put("title", "Members").put("visibility", "members"))).getString("id");
    assertEquals(401, new Browser().get(forum.base() + "/qa/" + members + ".ics").status());
    assertEquals(404, new Browser().get(forum.base() + "/qa/no-such-session.ics").status());
    assertEquals(404, new Browser().get(forum.base() + "/events/no-such-event.ics").status());
  }

  @Test
  @DisplayName("/events lists live now (with a badge), upcoming and past workshops; a cancelled one is never live; "
      + "the listing reads the catalogue and the events shown by key only")
  void listing() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    String live = event("Live workshop " + now.toEpochMilli(), now.minus(1, ChronoUnit.HOURS),
        now.plus(2, ChronoUnit.HOURS));
    String soon = event("Upcoming workshop " + now.toEpochMilli(), now.plus(10, ChronoUnit.DAYS),
        now.plus(11, ChronoUnit.DAYS));
    String done = event("Past workshop " + now.toEpochMilli(), now.minus(10, ChronoUnit.DAYS),
        now.minus(9, ChronoUnit.DAYS));
    String called = event("Cancelled workshop " + now.toEpochMilli(), now.minus(1, ChronoUnit.HOURS),
        now.plus(2, ChronoUnit.HOURS));
    Api.expect(200, qa.as("moderator").patch("/api/v1/events/" + called, new JsonObject().put("cancelled", true)));

    Browser english = new Browser();
    english.get(forum.base() + "/lang/en?next=/");
    Page page = english.get(forum.base() + "/events");
    assertEquals(200, page.status());
    String body = page.body();
    int liveAt = body.indexOf("id=\"events-live\"");
    int upcomingAt = body.indexOf("id=\"events-upcoming\"");
    int pastAt = body.indexOf("id=\"events-past\"");
    assertTrue(liveAt > 0 && liveAt < upcomingAt && upcomingAt < pastAt, "live, upcoming, past");
    int liveLink = body.indexOf("href=\"/events/" + live + "\"");
    assertTrue(liveLink > liveAt && liveLink < upcomingAt, "the live one under live now");
    assertTrue(body.indexOf("qa-live", liveLink) < body.indexOf("</li>", liveLink), "with a live now badge");
    int soonLink = body.indexOf("href=\"/events/" + soon + "\"");
    assertTrue(soonLink > upcomingAt && soonLink < pastAt, "the upcoming one");
    assertTrue(body.indexOf("href=\"/events/" + done + "\"") > pastAt, "the past one");
    int calledLink = body.indexOf("href=\"/events/" + called + "\"");
    assertTrue(calledLink > pastAt, "a cancelled event is not live");
    assertTrue(body.indexOf("qa-cancelled", calledLink) < body.indexOf("</li>", calledLink), "shown cancelled");

    String agenda = english.get(forum.base() + "/events/" + live).body();
    assertTrue(agenda.contains("qa-live"), "the agenda shows the event live");

    List<JsonObject> queries = new ArrayList<>();
    MongoClient recording = RecordingMongo.recording(forum.mongo(), queries);
    EventService service = new EventService(new EventRepository(recording), new SessionRepository(recording),
        new AuditLog(recording), null, SpeakerOrganisations.NONE, id -> null);
    EventListing listing = await(service.listing(Instant.now()));
    assertTrue(listing.live().stream().anyMatch(event -> event.id().equals(live)));
    assertTrue(listing.upcoming().stream().anyMatch(event -> event.id().equals(soon)));
    assertTrue(queries.size() >= 2, queries.toString());
    assertEquals(List.of(), queries.stream().filter(call -> !RecordingMongo.byId(call.getJsonObject("query")))
        .toList(), "every read by _id");
  }

  @Test
  @DisplayName("the session page shows its time, speakers (with their organisation), description and stream link")
  void sessionPageShowsDetails() {
    String org = Api.json(qa.get("/api/v1/orgs")).getJsonArray("results").getJsonObject(0).getString("slug");
    String event = event("Details", Instant.parse("2026-11-04T01:00:00Z"), Instant.parse("2026-11-04T10:00:00Z"));
    String session = Api.expect(201, qa.as("moderator").post("/api/v1/events/" + event + "/sessions",
        new JsonObject().put("title", "Details session").put("startsAt", "2026-11-04T09:00:00+07:00")
            .put("endsAt", "2026-11-04T10:30:00+07:00").put("speakers", new JsonArray().add("Trần Thị B | " + org))
            .put("description", "Về chính sách").put("stream", "https://example.org/live?s=1"))).getString("id");
    String page = new Browser().get(forum.base() + "/qa/" + session).body();
    assertTrue(page.contains("09:00, 04/11/2026"), "the time in Hanoi");
    assertTrue(page.contains("Trần Thị B (<a href=\"/orgs/" + org + "\">"), "the speaker and organisation");
    assertTrue(page.contains("Về chính sách"));
    assertTrue(page.contains("href=\"https://example.org/live?s&#x3D;1\"") || page.contains(
        "href=\"https://example.org/live?s=1\""), "the stream link");
    assertTrue(page.contains("href=\"/qa/" + session + ".ics\""), "and its calendar file");
  }
}
