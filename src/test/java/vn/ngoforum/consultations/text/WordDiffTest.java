package vn.ngoforum.consultations.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WordDiffTest {

  @Test
  @DisplayName("a changed word is one deletion and one insertion, the rest of the clause stays as it was")
  void wordLevel() {
    JsonArray diff = WordDiff.of("Động vật rừng là các loài động vật sống trong hệ sinh thái rừng.",
        "Động vật rừng là mọi loài động vật sống trong hệ sinh thái rừng tự nhiên.");
    assertEquals("=Động vật rừng là |-các|+mọi|= loài động vật sống trong hệ sinh thái |-rừng.|+rừng tự nhiên.",
        render(diff));
  }

  @Test
  @DisplayName("the segments give back both wordings, spaces and line breaks included")
  void reversible() {
    String current = "a) Chuồng, trại phù hợp\nvới đặc tính của loài nuôi;";
    String proposed = "a) Chuồng trại phù hợp  với loài nuôi;";
    JsonArray diff = WordDiff.of(current, proposed);
    assertEquals(current, join(diff, "insert"));
    assertEquals(proposed, join(diff, "delete"));
  }

  @Test
  @DisplayName("an insertion is all new words, a deletion all removed ones")
  void insertAndDelete() {
    assertEquals("+Điều mới.", render(WordDiff.of("", "Điều mới.")));
    assertEquals("-Bỏ đi.", render(WordDiff.of("Bỏ đi.", "")));
    assertEquals("", render(WordDiff.of("", "")));
  }

  private static String render(JsonArray diff) {
    return diff.stream().map(o -> (JsonObject) o).map(s -> switch (s.getString("op")) {
      case "equal" -> "=";
      case "insert" -> "+";
      default -> "-";
    } + s.getString("text")).collect(Collectors.joining("|"));
  }

  private static String join(JsonArray diff, String skip) {
    return diff.stream().map(o -> (JsonObject) o).filter(s -> !s.getString("op").equals(skip))
        .map(s -> s.getString("text")).collect(Collectors.joining());
  }
}
