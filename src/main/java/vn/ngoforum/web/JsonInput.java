package vn.ngoforum.web;

import vn.ngoforum.error.ForumException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A JSON request body, read strictly: the handler says which fields exist and what each must be, and anything
 * else is a 400 naming the field. Operator objects where a string belongs ({@code {"title": {"$ne": null}}}),
 * unknown fields (say, {@code verified} or {@code roles} smuggled in), blank or over-long text: all refused
 * before anything is stored.
 *
 * <pre>
 *   JsonInput in = JsonInput.of(ctx).allow("category", "title", "body");
 *   String title = in.requiredText("title", 200);
 * </pre>
 */
public final class JsonInput {

  private final JsonObject json;

  private JsonInput(JsonObject json) {
    this.json = json;
  }

  /** The request's JSON object body; 415 when it is not JSON, 400 when it is not one JSON object. */
  public static JsonInput of(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase().startsWith("application/json")) {
      throw new ForumException(415, "unsupported_media_type", "Send the request body as application/json.");
    }
    return of(ctx.body() == null ? null : ctx.body().asString());
  }

  /** Reads {@code text} as a JSON object (400 when it is not one). */
  public static JsonInput of(String text) {
    if (text == null || text.isBlank()) {
      return new JsonInput(new JsonObject());
    }
    try {
      Object value = new JsonArray("[" + text + "]").getValue(0);
      if (!(value instanceof JsonObject object)) {
        throw ForumException.invalid("The request body must be a JSON object.");
      }
      return new JsonInput(object);
    } catch (DecodeException e) {
      throw ForumException.invalid("The request body is not valid JSON.");
    }
  }

  /** Refuses any field not named here. */
  public JsonInput allow(String... fields) {
    Set<String> allowed = new HashSet<>(Arrays.asList(fields));
    for (String field : json.fieldNames()) {
      if (!allowed.contains(field)) {
        throw ForumException.invalid(field, "Unknown field '" + field + "'.");
      }
    }
    return this;
  }

  public boolean has(String field) {
    return json.containsKey(field) && json.getValue(field) != null;
  }

  /** A string that must be present and not blank, at most {@code maxLength} characters; trimmed. */
  public String requiredText(String field, int maxLength) {
    String value = optionalText(field, maxLength);
    if (value == null || value.isEmpty()) {
      throw ForumException.invalid(field, "'" + field + "' is required.");
    }
    return value;
  }

  /** A string that may be absent (then {@code null}), at most {@code maxLength} characters; trimmed. */
  public String optionalText(String field, int maxLength) {
    String text = typed(field, String.class, "a string", null);
    if (text == null) {
      return null;
    }
    String trimmed = text.strip();
    if (trimmed.codePointCount(0, trimmed.length()) > maxLength) {
      throw ForumException.invalid(field, "'" + field + "' must be at most " + maxLength + " characters.");
    }
    return trimmed;
  }

  /** One of {@code allowed}; {@code fallback} when absent (a {@code null} fallback makes it required). */
  public String choice(String field, Set<String> allowed, String fallback) {
    String value = optionalText(field, 100);
    if (value == null) {
      if (fallback == null) {
        throw ForumException.invalid(field, "'" + field + "' is required.");
      }
      return fallback;
    }
    if (!allowed.contains(value)) {
      throw ForumException.invalid(field, "'" + field + "' must be one of "
          + String.join(", ", allowed.stream().sorted().toList()) + ".");
    }
    return value;
  }

  public boolean optionalBoolean(String field, boolean fallback) {
    return typed(field, Boolean.class, "true or false", fallback);
  }

  /** A whole number in [{@code min}, {@code max}], or {@code null} when absent. */
  public Long optionalInteger(String field, long min, long max) {
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
      throw ForumException.invalid(field, "'" + field + "' must be a whole number.");
    }
    long whole = number.longValue();
    if (whole < min || whole > max) {
      throw ForumException.invalid(field, "'" + field + "' must be between " + min + " and " + max + ".");
    }
    return whole;
  }

  /** An ISO-8601 instant such as {@code 2022-09-29T01:30:00Z}, or {@code null} when absent. */
  public Instant optionalInstant(String field) {
    String value = optionalText(field, 40);
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      try {
        return java.time.OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException again) {
        throw ForumException.invalid(field,
            "'" + field + "' must be a date and time like 2022-09-29T08:30:00+07:00.");
      }
    }
  }

  public Instant requiredInstant(String field) {
    Instant value = optionalInstant(field);
    if (value == null) {
      throw ForumException.invalid(field, "'" + field + "' is required.");
    }
    return value;
  }

  /**
   * A bilingual text {@code {"vi": ..., "en": ...}} with at least one side filled (a plain string is taken as
   * both), each at most {@code maxLength}; {@code null} when absent and not {@code required}.
   */
  public JsonObject bilingual(String field, int maxLength, boolean required) {
    Object value = json.getValue(field);
    if (value == null) {
      if (required) {
        throw ForumException.invalid(field, "'" + field + "' is required.");
      }
      return null;
    }
    JsonObject sides;
    if (value instanceof String text) {
      sides = new JsonObject().put("vi", text).put("en", text);
    } else if (value instanceof JsonObject object) {
      sides = object;
    } else {
      throw ForumException.invalid(field, "'" + field + "' must be an object {\"vi\": ..., \"en\": ...}.");
    }
    for (String key : sides.fieldNames()) {
      if (!key.equals("vi") && !key.equals("en")) {
        throw ForumException.invalid(field, "Unknown field '" + field + "." + key + "'.");
      }
    }
    String vi = textAt(sides, "vi", field + ".vi", maxLength);
    String en = textAt(sides, "en", field + ".en", maxLength);
    if ((vi == null || vi.isEmpty()) && (en == null || en.isEmpty())) {
      throw ForumException.invalid(field, "'" + field + "' needs a Vietnamese or an English text.");
    }
    return new JsonObject().put("vi", vi == null ? "" : vi).put("en", en == null ? "" : en);
  }

  /** A list of strings (each at most {@code maxLength}), at most {@code maxItems}; empty when absent. */
  public List<String> textList(String field, int maxItems, int maxLength) {
    JsonArray array = typed(field, JsonArray.class, "a list of strings", new JsonArray());
    if (array.size() > maxItems) {
      throw ForumException.invalid(field, "'" + field + "' may have at most " + maxItems + " items.");
    }
    List<String> items = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof String text)) {
        throw ForumException.invalid(field, "'" + field + "' must be a list of strings.");
      }
      if (text.length() > maxLength) {
        throw ForumException.invalid(field, "Each of '" + field + "' must be at most " + maxLength + " characters.");
      }
      items.add(text.strip());
    }
    return items;
  }

  /** A nested object read with the same rules, or {@code null} when absent. */
  public JsonInput object(String field) {
    JsonObject object = typed(field, JsonObject.class, "an object", null);
    return object == null ? null : new JsonInput(object);
  }

  /** The field's value when it is a {@code type}, {@code fallback} when absent; else 400: it must be {@code what}. */
  private <T> T typed(String field, Class<T> type, String what, T fallback) {
    Object value = json.getValue(field);
    if (value == null) {
      return fallback;
    }
    if (!type.isInstance(value)) {
      throw ForumException.invalid(field, "'" + field + "' must be " + what + ".");
    }
    return type.cast(value);
  }

  /** Reads a string at {@code json.key}, naming it {@code path} in messages. */
  private static String textAt(JsonObject json, String key, String path, int maxLength) {
    return new JsonInput(new JsonObject().put(path, json.getValue(key))).optionalText(path, maxLength);
  }
}
