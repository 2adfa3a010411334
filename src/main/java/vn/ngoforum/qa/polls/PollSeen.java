package vn.ngoforum.qa.polls;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** A poll as one person sees it: with the options they chose, {@code null} when they have not voted (or nobody asks). */
public record PollSeen(Poll poll, List<Integer> myChoices) {

  /** The poll's view with {@code myChoices} when this person voted. */
  public JsonObject json() {
    JsonObject view = poll.json();
    if (myChoices != null) {
      view.put("myChoices", new JsonArray(new ArrayList<>(myChoices)));
    }
    return view;
  }

  /** For the pages: also {@code voted}, and {@code chosen} on each option (Handlebars cannot look them up). */
  public JsonObject pageView() {
    JsonObject view = json();
    view.put("voted", myChoices != null);
    view.getJsonArray("options").forEach(option -> ((JsonObject) option)
        .put("chosen", myChoices != null && myChoices.contains(((JsonObject) option).getInteger("index"))));
    return view;
  }
}
