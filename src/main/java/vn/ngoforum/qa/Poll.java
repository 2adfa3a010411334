package vn.ngoforum.qa;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** What a poll looks like to everybody: the question, the options with their counts, open or closed. */
final class Poll {

  static final String OPEN = "open";
  static final String CLOSED = "closed";
  static final int MIN_OPTIONS = 2;
  static final int MAX_OPTIONS = 10;

  private Poll() {
  }

  /**
   * {@code {type:"poll", id, seq, question:{vi,en}, multiple, status, voters, options:[{index, text:{vi,en},
   * votes, percent}]}}; {@code percent} is the share of voters who chose the option.
   */
  static JsonObject view(JsonObject doc) {
    int voters = doc.getInteger("voters", 0);
    JsonArray options = new JsonArray();
    JsonArray stored = doc.getJsonArray("options", new JsonArray());
    for (int i = 0; i < stored.size(); i++) {
      JsonObject option = stored.getJsonObject(i);
      int votes = option.getInteger("votes", 0);
      options.add(new JsonObject().put("index", i).put("text", option.getJsonObject("text"))
          .put("votes", votes).put("percent", voters == 0 ? 0 : Math.round(100.0 * votes / voters)));
    }
    return new JsonObject()
        .put("type", "poll")
        .put("id", doc.getString("_id"))
        .put("seq", doc.getLong("seq", 0L))
        .put("question", doc.getJsonObject("question"))
        .put("multiple", doc.getBoolean("multiple", false))
        .put("status", doc.getString("status", OPEN))
        .put("open", OPEN.equals(doc.getString("status", OPEN)))
        .put("voters", voters)
        .put("options", options)
        .put("createdAt", doc.getValue("createdAt"));
  }
}
