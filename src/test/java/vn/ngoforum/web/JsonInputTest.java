package vn.ngoforum.web;

import vn.ngoforum.error.ForumException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JsonInputTest {

  private static String refusal(Runnable read) {
    ForumException e = assertThrows(ForumException.class, read::run);
    assertEquals(400, e.status());
    return e.getMessage();
  }

  @Test
  @DisplayName("an operator object where text belongs is refused, naming the field")
  void operatorObject() {
    String message = refusal(() -> JsonInput.of("{\"title\": {\"$ne\": null}}").requiredText("title", 200));
    assertTrue(message.contains("'title' must be a string"), message);
  }

  @Test
  @DisplayName("unknown fields, such as a smuggled 'verified', are refused")
  void unknownField() {
    String message = refusal(() -> JsonInput.of("{\"name\": \"x\", \"verified\": true}").allow("name"));
    assertTrue(message.contains("'verified'"), message);
  }

  @Test
  @DisplayName("blank, missing and over-long texts are refused; good text is trimmed")
  void texts() {
    assertTrue(refusal(() -> JsonInput.of("{\"title\": \"   \"}").requiredText("title", 10)).contains("required"));
    assertTrue(refusal(() -> JsonInput.of("{}").requiredText("title", 10)).contains("required"));
    assertTrue(refusal(() -> JsonInput.of("{\"title\": \"12345678901\"}").requiredText("title", 10))
        .contains("at most 10"));
    assertEquals("Tê giác", JsonInput.of("{\"title\": \"  Tê giác \"}").requiredText("title", 10));
  }

  @Test
  @DisplayName("a body that is not one JSON object is refused")
  void notAnObject() {
    refusal(() -> JsonInput.of("[1, 2]"));
    refusal(() -> JsonInput.of("{broken"));
    refusal(() -> JsonInput.of("\"text\""));
  }

  @Test
  @DisplayName("bilingual fields accept {vi, en} or one string, and name nested fields in errors")
  void bilingual() {
    assertEquals(new JsonObject().put("vi", "Tê giác").put("en", "Rhino"),
        JsonInput.of("{\"name\": {\"vi\": \"Tê giác\", \"en\": \"Rhino\"}}").bilingual("name", 100, true));
    assertEquals("Voi", JsonInput.of("{\"name\": \"Voi\"}").bilingual("name", 100, true).getString("en"));
    assertTrue(refusal(() -> JsonInput.of("{\"name\": {\"vi\": 3}}").bilingual("name", 100, true))
        .contains("'name.vi'"));
    assertTrue(refusal(() -> JsonInput.of("{\"name\": {\"fr\": \"x\"}}").bilingual("name", 100, true))
        .contains("'name.fr'"));
  }

  @Test
  @DisplayName("choices, booleans and numbers are type-checked")
  void otherTypes() {
    assertEquals("pre", JsonInput.of("{\"m\": \"pre\"}").choice("m", Set.of("pre", "post"), null));
    refusal(() -> JsonInput.of("{\"m\": \"sometimes\"}").choice("m", Set.of("pre", "post"), null));
    refusal(() -> JsonInput.of("{\"anonymous\": \"yes\"}").optionalBoolean("anonymous", false));
    refusal(() -> JsonInput.of("{\"n\": 1.5}").optionalInteger("n", 0, 10));
    refusal(() -> JsonInput.of("{\"at\": \"tomorrow\"}").requiredInstant("at"));
    assertEquals(java.time.Instant.parse("2022-09-29T01:30:00Z"),
        JsonInput.of("{\"at\": \"2022-09-29T08:30:00+07:00\"}").requiredInstant("at"));
  }
}
