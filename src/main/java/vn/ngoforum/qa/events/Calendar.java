package vn.ngoforum.qa.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Calendar files (RFC 5545, {@code text/calendar}) of a workshop and its sessions: times in UTC ({@code Z}), text
 * escaped (backslash, semicolon, comma, new lines), lines folded at 75 octets and ended by CRLF, a stable UID per
 * item (its id at the forum's host), so a calendar that imports the file again updates the items instead of doubling
 * them.
 */
final class Calendar {

  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);
  private static final int FOLD_AT = 75;

  /** One calendar item; {@code end}, {@code description}, {@code location} and {@code url} may be {@code null}. */
  record Item(String uid, Instant start, Instant end, String summary, String description, String location,
      String url, boolean cancelled) {
  }

  private Calendar() {
  }

  /** The file holding {@code items} (those without a start are left out: a calendar cannot place them). */
  static String of(String name, List<Item> items, Instant stamp) {
    StringBuilder out = new StringBuilder();
    line(out, "BEGIN:VCALENDAR");
    line(out, "VERSION:2.0");
    line(out, "PRODID:-//NGO Forum//Workshops//EN");
    line(out, "CALSCALE:GREGORIAN");
    line(out, "METHOD:PUBLISH");
    line(out, "X-WR-CALNAME:" + text(name));
    for (Item item : items) {
      if (item.start() == null) {
        continue;
      }
      line(out, "BEGIN:VEVENT");
      line(out, "UID:" + item.uid());
      line(out, "DTSTAMP:" + UTC.format(stamp));
      line(out, "DTSTART:" + UTC.format(item.start()));
      if (item.end() != null && item.end().isAfter(item.start())) {
        line(out, "DTEND:" + UTC.format(item.end()));
      }
      line(out, "SUMMARY:" + text(item.summary()));
      if (item.description() != null && !item.description().isEmpty()) {
        line(out, "DESCRIPTION:" + text(item.description()));
      }
      if (item.location() != null && !item.location().isEmpty()) {
        line(out, "LOCATION:" + text(item.location()));
      }
      if (item.url() != null) {
        line(out, "URL:" + item.url());
      }
      line(out, "STATUS:" + (item.cancelled() ? "CANCELLED" : "CONFIRMED"));
      line(out, "END:VEVENT");
    }
    line(out, "END:VCALENDAR");
    return out.toString();
  }

  /** A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, line breaks as {@code \n}. */
  static String text(String value) {
    return value == null ? "" : value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
  }

  /** Writes one content line folded at 75 octets (never inside a UTF-8 character), each part ended by CRLF. */
  private static void line(StringBuilder out, String content) {
    int octets = 0;
    int limit = FOLD_AT;
    for (int i = 0; i < content.length(); ) {
      int codePoint = content.codePointAt(i);
      int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
      if (octets + size > limit) {
        out.append("\r\n ");
        octets = 0;
        limit = FOLD_AT - 1;
      }
      out.appendCodePoint(codePoint);
      octets += size;
      i += Character.charCount(codePoint);
    }
    out.append("\r\n");
  }
}
