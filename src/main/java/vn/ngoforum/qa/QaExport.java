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
 *
 * <p>A report is shared beyond the moderators, so it names no anonymous asker: they appear as "anonymous", and
 * without their organisations (a small organisation can name its one member as well as a name does). The
 * internal export ({@code withNames}) names them, and says so in its first line.
 */
final class QaExport {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
      .withZone(I18n.FORUM_ZONE);
  private static final String BOM = "\uFEFF";
  private static final String INTERNAL_VI = "NỘI BỘ";
  private static final String INTERNAL_EN = "INTERNAL";
  private static final String INTERNAL_NOTE_VI = "có tên của người hỏi ẩn danh; không đưa vào báo cáo hội thảo.";
  private static final String INTERNAL_NOTE_EN = "includes the names of anonymous askers; not for the workshop report.";

  private QaExport() {
  }

  static String csv(JsonObject data, boolean withNames) {
    StringBuilder out = new StringBuilder(BOM);
    if (withNames) {
      out.append(row(List.of(INTERNAL_VI + " / " + INTERNAL_EN + ": " + INTERNAL_NOTE_VI + " / " + INTERNAL_NOTE_EN)));
    }
    out.append(row(List.of("time", "votes", "status", "answered", "asker", "organisation", "question",
        "hidden_reason")));
    for (JsonObject q : questions(data)) {
      out.append(row(List.of(time(q), String.valueOf(q.getInteger("votes", 0)), q.getString("status"),
          Question.ANSWERED.equals(q.getString("status")) ? "yes" : "no", asker(q, withNames, "anonymous"),
          organisations(q, withNames),
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

  static String markdown(JsonObject data, boolean withNames) {
    JsonObject session = data.getJsonObject("session");
    JsonObject event = data.getJsonObject("event");
    StringBuilder out = new StringBuilder();
    if (withNames) {
      out.append("> **").append(INTERNAL_VI).append(" / ").append(INTERNAL_EN).append("** — ")
          .append(INTERNAL_NOTE_VI).append(" / ").append(INTERNAL_NOTE_EN).append("\n\n");
    }
    out.append("# ").append(both(session.getJsonObject("title"))).append("\n\n");
    if (event != null) {
      out.append("Sự kiện / Event: ").append(both(event.getJsonObject("title"))).append("\n\n");
    }
    List<JsonObject> all = questions(data);
    section(out, withNames, "Câu hỏi đã trả lời / Answered questions", all.stream()
        .filter(q -> Question.ANSWERED.equals(q.getString("status"))).toList());
    section(out, withNames, "Câu hỏi chưa trả lời / Unanswered questions", all.stream()
        .filter(q -> Question.APPROVED.equals(q.getString("status"))
            || Question.HIGHLIGHTED.equals(q.getString("status"))).toList());
    section(out, withNames, "Câu hỏi chờ duyệt / Pending questions", all.stream()
        .filter(q -> Question.PENDING.equals(q.getString("status"))).toList());
    section(out, withNames, "Câu hỏi bị ẩn / Hidden questions", all.stream()
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

  private static void section(StringBuilder out, boolean withNames, String heading, List<JsonObject> questions) {
    out.append("## ").append(heading).append(" (").append(questions.size()).append(")\n\n");
    List<JsonObject> byVotes = new ArrayList<>(questions);
    byVotes.sort((a, b) -> Integer.compare(b.getInteger("votes", 0), a.getInteger("votes", 0)));
    for (JsonObject q : byVotes) {
      out.append("- **").append(q.getInteger("votes", 0)).append(" ▲** ")
          .append(q.getString("text", "").replace("\n", " ")).append(" — _")
          .append(asker(q, withNames, "ẩn danh / anonymous"));
      String orgs = organisations(q, withNames);
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

  /** The asker's name; for an anonymous asker {@code anonymous}, followed by it after the name when named. */
  private static String asker(JsonObject q, boolean withNames, String anonymous) {
    String name = q.getJsonObject("author", new JsonObject()).getString("name", "");
    if (!q.getBoolean("anonymous", false)) {
      return name;
    }
    return withNames ? name + " (" + anonymous + ")" : anonymous;
  }

  private static String organisations(JsonObject q, boolean withNames) {
    if (q.getBoolean("anonymous", false) && !withNames) {
      return "";
    }
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
