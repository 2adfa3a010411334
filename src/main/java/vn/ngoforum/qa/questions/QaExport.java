package vn.ngoforum.qa.questions;

import io.vertx.core.json.JsonObject;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import vn.ngoforum.qa.polls.Poll;
import vn.ngoforum.qa.questions.SessionExport.Data;
import vn.ngoforum.qa.questions.SessionExport.Row;
import vn.ngoforum.web.I18n;

/**
 * The session's Q&amp;A for the workshop report: CSV that spreadsheets open correctly (UTF-8 with a byte-order
 * mark, every field quoted, formulas defused) and Markdown with bilingual headings. Times in Asia/Ho_Chi_Minh.
 *
 * <p>A report is shared beyond the moderators, so it names no anonymous asker: they appear as "anonymous", and
 * without their organisations (a small organisation can name its one member as well as a name does). The
 * internal export ({@code withNames}) names them, and says so in its first line.
 */
public final class QaExport {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
      .withZone(I18n.FORUM_ZONE);
  private static final String BOM = "\uFEFF";
  private static final String INTERNAL_VI = "NỘI BỘ";
  private static final String INTERNAL_EN = "INTERNAL";
  private static final String INTERNAL_NOTE_VI = "có tên của người hỏi ẩn danh; không đưa vào báo cáo hội thảo.";
  private static final String INTERNAL_NOTE_EN = "includes the names of anonymous askers; not for the workshop report.";

  /** How an asker who closed their account is named (the pages' "people.former"). */
  private static final String FORMER_MEMBER = "Thành viên cũ / Former member";

  private QaExport() {
  }

  /** The export as CSV: one row per question, then one per poll option. */
  public static String csv(Data data, boolean withNames) {
    StringBuilder out = new StringBuilder(BOM);
    if (withNames) {
      out.append(row(List.of(INTERNAL_VI + " / " + INTERNAL_EN + ": " + INTERNAL_NOTE_VI + " / " + INTERNAL_NOTE_EN)));
    }
    out.append(row(List.of("time", "votes", "status", "answered", "asker", "organisation", "question",
        "hidden_reason")));
    for (Row row : data.questions()) {
      Question q = row.question();
      out.append(row(List.of(time(q), String.valueOf(q.votes()), q.status(),
          Question.ANSWERED.equals(q.status()) ? "yes" : "no", asker(q, withNames, "anonymous"),
          organisations(row, withNames), nonNull(q.text()), nonNull(q.hiddenReason()))));
    }
    if (!data.polls().isEmpty()) {
      out.append("\r\n").append(row(List.of("poll", "poll_status", "voters", "option", "votes", "percent")));
      for (Poll poll : data.polls()) {
        for (Poll.Option option : poll.options()) {
          out.append(row(List.of(both(poll.question()), poll.status(), String.valueOf(poll.voters()),
              both(option.text()), String.valueOf(option.votes()), String.valueOf(option.percent(poll.voters())))));
        }
      }
    }
    return out.toString();
  }

  /** The export as Markdown: the questions by status, most voted first, then the polls. */
  public static String markdown(Data data, boolean withNames) {
    StringBuilder out = new StringBuilder();
    if (withNames) {
      out.append("> **").append(INTERNAL_VI).append(" / ").append(INTERNAL_EN).append("** — ")
          .append(INTERNAL_NOTE_VI).append(" / ").append(INTERNAL_NOTE_EN).append("\n\n");
    }
    out.append("# ").append(both(data.session().title())).append("\n\n");
    if (data.event() != null) {
      out.append("Sự kiện / Event: ").append(both(data.event().title())).append("\n\n");
    }
    List<Row> all = data.questions();
    section(out, withNames, "Câu hỏi đã trả lời / Answered questions", withStatus(all, Question.ANSWERED));
    section(out, withNames, "Câu hỏi chưa trả lời / Unanswered questions",
        withStatus(all, Question.APPROVED, Question.HIGHLIGHTED));
    section(out, withNames, "Câu hỏi chờ duyệt / Pending questions", withStatus(all, Question.PENDING));
    section(out, withNames, "Câu hỏi bị ẩn / Hidden questions", withStatus(all, Question.HIDDEN));
    out.append("## Thăm dò ý kiến / Polls (").append(data.polls().size()).append(")\n\n");
    for (Poll poll : data.polls()) {
      out.append("### ").append(both(poll.question()))
          .append(Poll.CLOSED.equals(poll.status()) ? " (đã đóng / closed)" : "")
          .append("\n\n").append(poll.voters()).append(" người bình chọn / voters\n\n");
      for (Poll.Option option : poll.options()) {
        out.append("- ").append(both(option.text())).append(": **")
            .append(option.votes()).append("** (").append(option.percent(poll.voters())).append("%)\n");
      }
      out.append("\n");
    }
    return out.toString();
  }

  private static List<Row> withStatus(List<Row> rows, String... statuses) {
    List<String> wanted = List.of(statuses);
    return rows.stream().filter(row -> wanted.contains(row.question().status())).toList();
  }

  private static void section(StringBuilder out, boolean withNames, String heading, List<Row> rows) {
    out.append("## ").append(heading).append(" (").append(rows.size()).append(")\n\n");
    List<Row> byVotes = new ArrayList<>(rows);
    byVotes.sort((a, b) -> Integer.compare(b.question().votes(), a.question().votes()));
    for (Row row : byVotes) {
      Question q = row.question();
      out.append("- **").append(q.votes()).append(" ▲** ")
          .append(nonNull(q.text()).replace("\n", " ")).append(" — _")
          .append(asker(q, withNames, "ẩn danh / anonymous"));
      String orgs = organisations(row, withNames);
      if (!orgs.isEmpty()) {
        out.append(", ").append(orgs);
      }
      out.append(", ").append(time(q)).append("_");
      if (q.hiddenReason() != null) {
        out.append(" (").append(q.hiddenReason()).append(")");
      }
      out.append("\n");
    }
    out.append("\n");
  }

  /**
   * The asker's name ("former member" for one who closed their account: the name is forgotten); for an anonymous
   * asker {@code anonymous}, followed by it after the name when named.
   */
  private static String asker(Question q, boolean withNames, String anonymous) {
    String name = q.asker() != null && q.asker().former() ? FORMER_MEMBER
        : q.asker() == null || q.asker().name() == null ? "" : q.asker().name();
    if (!q.anonymous()) {
      return name;
    }
    return withNames ? name + " (" + anonymous + ")" : anonymous;
  }

  private static String organisations(Row row, boolean withNames) {
    if (row.question().anonymous() && !withNames) {
      return "";
    }
    return row.organisations().stream().map(org -> both(org.getJsonObject("name")))
        .collect(Collectors.joining("; "));
  }

  private static String time(Question q) {
    return q.createdAt() == null ? "" : TIME.format(q.createdAt());
  }

  private static String nonNull(String text) {
    return text == null ? "" : text;
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
