package vn.ngoforum.forum.search;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import vn.ngoforum.error.ForumException;

/**
 * What a reader narrowed a search to, from the query string of the API and the page alike: {@code kind} (thread,
 * post, question, organisation, consultation), {@code category} (a slug), {@code author} (a person's id), {@code organisation} (a
 * slug: the organisation itself and the questions asked for it), {@code from} and {@code to} (days, both included,
 * in Vietnam's time), and {@code after} (where the previous page ended). A value that cannot be one of these is a 400
 * about its field.
 *
 * @param kind null for every kind
 * @param tags the exact filters: category, author, organisation
 * @param from null for no bound
 * @param to null for no bound
 * @param after null for the first page
 */
record SearchFilters(String kind, Map<String, String> tags, LocalDate from, LocalDate to, String after) {

  static final String THREAD = "thread";
  static final String POST = "post";
  static final String QUESTION = "question";
  static final String ORGANISATION = "organisation";
  /** A consultation or a part of its text (the consultations feature's entries). */
  static final String CONSULTATION = "consultation";
  static final Set<String> KINDS = Set.of(THREAD, POST, QUESTION, ORGANISATION, CONSULTATION);
  static final SearchFilters NONE = new SearchFilters(null, Map.of(), null, null, null);
  /** Days are days in Vietnam. */
  private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
  private static final Pattern PERSON = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");
  private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_-]{1,600}");

  SearchFilters {
    tags = Map.copyOf(tags);
  }

  /** The filters of a request's query string; 400 about the first field that holds no possible value. */
  static SearchFilters from(MultiMap params) {
    String kind = value(params, "kind");
    if (kind != null && !KINDS.contains(kind)) {
      throw ForumException.invalid("kind", "'kind' must be one of thread, post, question, organisation, consultation.");
    }
    Map<String, String> tags = new LinkedHashMap<>();
    tag(params, tags, "category", SLUG, "'category' must be a category's slug.");
    tag(params, tags, "author", PERSON, "'author' must be a person's id.");
    tag(params, tags, "organisation", SLUG, "'organisation' must be an organisation's slug.");
    LocalDate from = day(params, "from");
    LocalDate to = day(params, "to");
    if (from != null && to != null && to.isBefore(from)) {
      throw ForumException.invalid("to", "'to' must not be before 'from'.");
    }
    String after = value(params, "after");
    if (after != null && !CURSOR.matcher(after).matches()) {
      throw ForumException.invalid("after", "'after' is not a page of these results.");
    }
    return new SearchFilters(kind, tags, from, to, after);
  }

  /** The kinds searched: the one asked for, else every kind. */
  Set<String> kinds() {
    return kind == null ? KINDS : Set.of(kind);
  }

  /** The first moment included (null: no bound). */
  Instant since() {
    return from == null ? null : from.atStartOfDay(ZONE).toInstant();
  }

  /** The first moment no longer included: the day after {@code to} (null: no bound). */
  Instant until() {
    return to == null ? null : to.plusDays(1).atStartOfDay(ZONE).toInstant();
  }

  /** The filters as the API echoes them and the page's form shows them (values as sent; none when not set). */
  JsonObject json() {
    JsonObject json = new JsonObject();
    if (kind != null) {
      json.put("kind", kind);
    }
    tags.forEach(json::put);
    if (from != null) {
      json.put("from", from.toString());
    }
    if (to != null) {
      json.put("to", to.toString());
    }
    return json;
  }

  private static void tag(MultiMap params, Map<String, String> tags, String name, Pattern valid, String message) {
    String value = value(params, name);
    if (value == null) {
      return;
    }
    if (!valid.matcher(value).matches()) {
      throw ForumException.invalid(name, message);
    }
    tags.put(name, value);
  }

  private static LocalDate day(MultiMap params, String name) {
    String value = value(params, name);
    try {
      return value == null ? null : LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw ForumException.invalid(name, "'" + name + "' must be a day written YYYY-MM-DD.");
    }
  }

  /** The parameter, trimmed; null when absent or blank (an empty form field filters nothing). */
  private static String value(MultiMap params, String name) {
    String value = params.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
