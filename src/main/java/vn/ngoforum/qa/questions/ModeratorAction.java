package vn.ngoforum.qa.questions;

import java.util.List;
import java.util.Set;
import vn.ngoforum.error.ForumException;

/**
 * What a moderator asks for, from the API or the moderation page's form, checked once: the action, the status the
 * moderator saw ({@code expect}: the action is refused with 409 if another moderator changed it first), the reason
 * code and note of a hide or redaction, an edited or redacted text, the written answer. Empty texts count as not
 * given.
 */
public record ModeratorAction(String action, String expect, String reason, String note, String text, String answer) {

  /** The actions a moderator takes on a question. */
  public static final Set<String> ACTIONS = Set.of("approve", "hide", "answer", "highlight", "redact");
  /** Why a question is hidden or redacted, in the order the pages offer them. */
  public static final List<String> REASONS = List.of("off-topic", "duplicate", "personal-data", "abusive", "other");
  /** The statuses an action may expect. */
  static final Set<String> STATUSES = Set.of(Question.PENDING, Question.APPROVED, Question.HIGHLIGHTED,
      Question.ANSWERED, Question.HIDDEN);
  public static final int MAX_NOTE = 300;
  public static final int MAX_ANSWER = 1000;

  public ModeratorAction {
    expect = blankToNull(expect);
    reason = blankToNull(reason);
    note = blankToNull(note);
    text = blankToNull(text);
    answer = blankToNull(answer);
    if (action == null || !ACTIONS.contains(action)) {
      throw ForumException.invalid("action", "'action' must be one of " + ACTIONS + ".");
    }
    if (expect != null && !STATUSES.contains(expect)) {
      throw ForumException.invalid("expect", "'expect' must be a question's status.");
    }
    if (reason != null && !REASONS.contains(reason)) {
      throw ForumException.invalid("reason", "'reason' must be one of " + REASONS + ".");
    }
    if ("redact".equals(action) && reason == null) {
      throw ForumException.invalid("reason", "A redaction needs a reason.");
    }
    if ("other".equals(reason) && note == null) {
      throw ForumException.invalid("note", "The reason 'other' needs a note.");
    }
    tooLong("note", note, MAX_NOTE);
    tooLong("text", text, Question.MAX_LENGTH);
    tooLong("answer", answer, MAX_ANSWER);
  }

  /** The status the question takes: its own for a redaction. */
  String status(String current) {
    return switch (action) {
      case "approve" -> Question.APPROVED;
      case "hide" -> Question.HIDDEN;
      case "answer" -> Question.ANSWERED;
      case "highlight" -> Question.HIGHLIGHTED;
      default -> current;
    };
  }

  private static void tooLong(String field, String value, int max) {
    if (value != null && value.codePointCount(0, value.length()) > max) {
      throw ForumException.invalid(field, "'" + field + "' may have at most " + max + " characters.");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
