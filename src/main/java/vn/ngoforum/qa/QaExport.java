package vn.ngoforum.qa;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import vn.ngoforum.web.I18n;

/**
 * The session's Q&amp;A for the workshop report: CSV that spreadsheets open correctly (UTF-8 with a byte-order
 * mark, every field quoted, formulas defused) and Markdown with bilingual headings. Times in Asia/Ho_Chi_Minh.
 */
final class QaExport {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
      .withZone(I18n.FORUM_ZONE);
  private static final String BOM = "\uFEFF";

  private QaExport() {
  }

  static String csv(JsonObject data) {
    StringBuilder out = new StringBuilder(BOM);
    out.append(row(List.of("time", "votes", "status", "answered", "asker", "organisation", "question",
        "hidden_reason")));
    for (JsonObject q : questions(data)) {
      out.append(row(List.of(time(q), String.valueOf(q.getInteger("votes", 0)), q.getString("status"),
          Question.ANSWERED.equals(q.getString("status")) ? "yes" : "no", asker(q), organisations(q),
          q.getString("text", ""), q.getString("hiddenReason", ""))));
    }
    List<JsonObject> polls = polls(data);
    if (!polls.isEmpty()) {
      out.append("\r\n").append(row(List.of("poll", "poll_status", "voters", "option", "votes", "percent")));
      for (JsonObject poll : polls) {
        for (JsonObject option : options(poll)) {
          out.append(row(List.of(both(poll.getJsonObject("question")), poll.getString("status"),
              String.valueOf(poll.getInteger("voters", 0)), both(option.getJsonObject("text")),
              String.valueOf(option.getInteger("votes", 0)), String.valueOf(option.getValue("percent")))));
        }
      }
    }
    return out.toString();
  }

  static String markdown(JsonObject data) {
    JsonObject session = data.getJsonObject("session");
    JsonObject event = data.getJsonObject("event");
    StringBuilder out = new StringBuilder();
    out.append("# ").append(both(session.getJsonObject("title"))).append("\n\n");
    if (event != null) {
      out.append("Sự kiện / Event: ").append(both(event.getJsonObject("title"))).append("\n\n");
    }
    List<JsonObject> all = questions(data);
    section(out, "Câu hỏi đã trả lời / Answered questions", all.stream()
        .filter(q -> Question.ANSWERED.equals(q.getString("status"))).toList());
    section(out, "Câu hỏi chưa trả lời / Unanswered questions", all.stream()
        .filter(q -> Question.APPROVED.equals(q.getString("status"))
            || Question.HIGHLIGHTED.equals(q.getString("status"))).toList());
    section(out, "Câu hỏi chờ duyệt / Pending questions", all.stream()
        .filter(q -> Question.PENDING.equals(q.getString("status"))).toList());
    section(out, "Câu hỏi bị ẩn / Hidden questions", all.stream()
        .filter(q -> Question.HIDDEN.equals(q.getString("status"))).toList());
    List<JsonObject> polls = polls(data);
    out.append("## Thăm dò ý kiến / Polls (").append(polls.size()).append(")\n\n");
    for (JsonObject poll : polls) {
      out.append("### ").append(both(poll.getJsonObject("question")))
          .append(Poll.CLOSED.equals(poll.getString("status")) ? " (đã đóng / closed)" : "")
          .append("\n\n").append(poll.getInteger("voters", 0)).append(" người bình chọn / voters\n\n");
      for (JsonObject option : options(poll)) {
        out.append("- ").append(both(option.getJsonObject("text"))).append(": **")
            .append(option.getInteger("votes", 0)).append("** (").append(option.getValue("percent")).append("%)\n");
      }
      out.append("\n");
    }
    return out.toString();
  }

  private static void section(StringBuilder out, String heading, List<JsonObject> questions) {
    out.append("## ").append(heading).append(" (").append(questions.size()).append(")\n\n");
    List<JsonObject> byVotes = new ArrayList<>(questions);
    byVotes.sort((a, b) -> Integer.compare(b.getInteger("votes", 0), a.getInteger("votes", 0)));
    for (JsonObject q : byVotes) {
      out.append("- **").append(q.getInteger("votes", 0)).append(" ▲** ")
          .append(q.getString("text", "").replace("\n", " ")).append(" — _").append(asker(q));
      String orgs = organisations(q);
      if (!orgs.isEmpty()) {
        out.append(", ").append(orgs);
      }
      out.append(", ").append(time(q)).append("_");
      if (q.getString("hiddenReason") != null) {
        out.append(" (").append(q.getString("hiddenReason")).append(")");
      }
      out.append("\n");
    }
    out.append("\n");
  }

  private static List<JsonObject> polls(JsonObject data) {
    List<JsonObject> list = new ArrayList<>();
    data.getJsonArray("polls", new JsonArray()).forEach(p -> list.add((JsonObject) p));
    return list;
  }

  private static List<JsonObject> options(JsonObject poll) {
    List<JsonObject> list = new ArrayList<>();
    poll.getJsonArray("options", new JsonArray()).forEach(o -> list.add((JsonObject) o));
    return list;
  }

  private static List<JsonObject> questions(JsonObject data) {
    List<JsonObject> list = new ArrayList<>();
    data.getJsonArray("questions", new JsonArray()).forEach(q -> list.add((JsonObject) q));
    return list;
  }

  private static String asker(JsonObject q) {
    JsonObject author = q.getJsonObject("author", new JsonObject());
    String name = author.getString("name", "");
    return q.getBoolean("anonymous", false) ? "anonymous (" + name + ")" : name;
  }

  private static String organisations(JsonObject q) {
    return q.getJsonArray("organisations", new JsonArray()).stream()
        .map(org -> org instanceof JsonObject json ? both(json.getJsonObject("name")) : String.valueOf(org))
        .collect(Collectors.joining("; "));
  }

  private static String time(JsonObject q) {
    Object value = q.getValue("createdAt");
    if (value instanceof JsonObject date && date.getString("$date") != null) {
      return TIME.format(Instant.parse(date.getString("$date")));
    }
    return value == null ? "" : value.toString();
  }

  private static String both(JsonObject bilingual) {
    if (bilingual == null) {
      return "";
    }
    String vi = bilingual.getString("vi", "");
    String en = bilingual.getString("en", "");
    return vi.equals(en) || en.isEmpty() ? vi : vi.isEmpty() ? en : vi + " / " + en;
  }

  private static String row(List<String> fields) {
    return fields.stream().map(QaExport::field).collect(Collectors.joining(",")) + "\r\n";
  }

  /** Quoted; a leading =, +, - or @ is defused so that a spreadsheet never runs a question as a formula. */
  private static String field(String value) {
    String text = value == null ? "" : value;
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    return "\"" + text.replace("\"", "\"\"") + "\"";
  }
}
