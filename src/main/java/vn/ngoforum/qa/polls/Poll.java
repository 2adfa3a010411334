package vn.ngoforum.qa.polls;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import vn.ngoforum.db.Dates;

/**
 * A live poll in a Q&amp;A session: a bilingual question, 2 to 10 options with their counts, how many people voted
 * ({@code voters}; in a multiple-choice poll a voter counts once however many options they chose), open or closed,
 * and the session's {@code seq} of its last change. Results are public.
 */
public record Poll(String id, String sessionId, JsonObject question, boolean multiple, List<Option> options,
    int voters, String status, Instant createdAt, long seq) {

  public static final String OPEN = "open";
  public static final String CLOSED = "closed";
  public static final int MIN_OPTIONS = 2;
  public static final int MAX_OPTIONS = 10;

  public Poll {
    options = List.copyOf(options);
    status = status == null ? OPEN : status;
  }

  /** An option's bilingual text and how many chose it. */
  public record Option(JsonObject text, int votes) {

    /** The share of the poll's voters who chose it, in whole percent. */
    public long percent(int voters) {
      return voters == 0 ? 0 : Math.round(100.0 * votes / voters);
    }
  }

  public boolean open() {
    return OPEN.equals(status);
  }

  /**
   * What everybody sees: {@code {type:"poll", id, seq, question:{vi,en}, multiple, status, open, voters,
   * options:[{index, text:{vi,en}, votes, percent}], createdAt}}; {@code percent} is the share of voters who chose
   * the option.
   */
  public JsonObject json() {
    JsonArray shown = new JsonArray();
    for (int i = 0; i < options.size(); i++) {
      Option option = options.get(i);
      shown.add(new JsonObject().put("index", i).put("text", option.text() == null ? null : option.text().copy())
          .put("votes", option.votes()).put("percent", option.percent(voters)));
    }
    return new JsonObject()
        .put("type", "poll")
        .put("id", id)
        .put("seq", seq)
        .put("question", question == null ? null : question.copy())
        .put("multiple", multiple)
        .put("status", status)
        .put("open", open())
        .put("voters", voters)
        .put("options", shown)
        .put("createdAt", createdAt == null ? null : Dates.of(createdAt));
  }
}
