package vn.ngoforum.consultations.export;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.ngoforum.consultations.amendments.Amendment;
import vn.ngoforum.consultations.documents.Comment;

/**
 * The secretariat's sheet of a consultation: every clause comment and every amendment, one a row, as CSV a
 * spreadsheet opens as it is: RFC 4180 (comma separated, CRLF line ends, a field with a comma, quote or line break
 * quoted, quotes doubled), UTF-8 with a byte-order mark (so Excel reads the Vietnamese as UTF-8), and a text that a
 * spreadsheet would take for a formula ({@code = + - @}, or a tab or carriage return first) starts with an
 * apostrophe, so a comment cannot run code on the secretariat's computer (CSV injection).
 */
final class SecretariatCsv {

  static final List<String> HEADER = List.of("type", "id", "clause", "clause_label", "kind", "status", "author",
      "at", "text", "current_wording", "justification", "supports", "endorsed_by", "reason");

  private SecretariatCsv() {
  }

  /** {@code labels}: each clause's name in Vietnamese ("khoản 2 Điều 5"). */
  static String of(List<Comment> comments, List<Amendment> amendments, Map<String, String> labels) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (Comment c : comments) {
      rows.add(List.of("comment", c.id(), c.clause(), labels.getOrDefault(c.clause(), ""), "", "",
          nonNull(c.authorName()), c.at().toString(), nonNull(c.body()), "", "", "", "", ""));
    }
    for (Amendment a : amendments) {
      List<String> endorsers = new ArrayList<>();
      a.endorsements().forEach(e -> endorsers.add(((JsonObject) e).getString("org")));
      rows.add(List.of("amendment", a.id(), a.clause(), labels.getOrDefault(a.clause(), ""), a.kind(), a.status(),
          nonNull(a.authorName()), a.at().toString(), nonNull(a.text()), nonNull(a.current()),
          nonNull(a.justification()), Integer.toString(a.supports()), String.join(" ", endorsers),
          nonNull(a.reason())));
    }
    StringBuilder csv = new StringBuilder("\uFEFF");
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        if (i > 0) {
          csv.append(',');
        }
        csv.append(field(row.get(i)));
      }
      csv.append("\r\n");
    }
    return csv.toString();
  }

  /** One field: guarded against formulas, then quoted when it must be. */
  static String field(String value) {
    String safe = value;
    if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
      safe = "'" + safe;
    }
    if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
      return '"' + safe.replace("\"", "\"\"") + '"';
    }
    return safe;
  }

  private static String nonNull(String value) {
    return value == null ? "" : value;
  }
}
