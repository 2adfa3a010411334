package vn.ngoforum.consultations.text;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A word-level diff of two wordings of a clause (its current one and an amendment's, or its previous version's and
 * its current one), as the page shows it:
 * {@code [{op:"equal"|"insert"|"delete", text}]}, runs of the same operation joined, spaces kept, so the segments
 * concatenated give the current text (equal + delete) or the proposed one (equal + insert).
 *
 * <p>Words and the spaces between them are the tokens (Myers' algorithm from java-diff-utils on those lists), so
 * "mẫu vật" → "mẫu vật nuôi" is one inserted word, not a changed line.
 */
public final class WordDiff {

  public static final String EQUAL = "equal";
  public static final String INSERT = "insert";
  public static final String DELETE = "delete";
  private static final Pattern TOKENS = Pattern.compile("(?<=\\s)(?=\\S)|(?<=\\S)(?=\\s)");

  private WordDiff() {
  }

  public static JsonArray of(String current, String proposed) {
    List<String> from = tokens(current);
    List<String> to = tokens(proposed);
    Patch<String> patch = DiffUtils.diff(from, to);
    List<JsonObject> out = new ArrayList<>();
    int at = 0;
    for (AbstractDelta<String> delta : patch.getDeltas()) {
      int start = delta.getSource().getPosition();
      add(out, EQUAL, from.subList(at, start));
      add(out, DELETE, delta.getSource().getLines());
      add(out, INSERT, delta.getTarget().getLines());
      at = start + delta.getSource().size();
    }
    add(out, EQUAL, from.subList(at, from.size()));
    return new JsonArray(new ArrayList<>(out));
  }

  static List<String> tokens(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    return List.of(TOKENS.split(text));
  }

  private static void add(List<JsonObject> out, String op, List<String> tokens) {
    if (tokens.isEmpty()) {
      return;
    }
    String text = String.join("", tokens);
    JsonObject last = out.isEmpty() ? null : out.get(out.size() - 1);
    if (last != null && last.getString("op").equals(op)) {
      last.put("text", last.getString("text") + text);
    } else {
      out.add(new JsonObject().put("op", op).put("text", text));
    }
  }
}
