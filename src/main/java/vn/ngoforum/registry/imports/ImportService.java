package vn.ngoforum.registry.imports;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Role;
import vn.ngoforum.db.Mongo;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.registry.directory.OrganisationFindables;
import vn.ngoforum.registry.organisations.Organisation;
import vn.ngoforum.registry.organisations.OrganisationRepository;
import vn.ngoforum.registry.profiles.OrganisationInput;
import vn.ngoforum.registry.profiles.RegistrationService;
import vn.ngoforum.search.Changes;
import vn.ngoforum.text.VietnameseText;
import vn.ngoforum.web.JsonInput;

/**
 * Importing organisations: a forum admin's file becomes a preview of every row with its problems (nothing is
 * stored), and a confirmation stores the good rows, unverified and without members, as if registered one by one
 * (the same checks as the registration form, the same unique names). A row is an organisation already there when
 * its address (slug: the acronym, else the name) is taken, so importing the same file twice changes nothing.
 */
public record ImportService(Vertx vertx, OrganisationRepository organisations, AuditLog audit, Changes changes) {

  /** One row of the file as the preview shows it: its line in the file, the registration it makes, its problems. */
  public record Row(int line, JsonObject fields, String slug, OrganisationInput input, List<Problem> problems) {

    /** Whether the confirmation imports it. */
    public boolean good() {
      return problems.isEmpty();
    }

    public JsonObject json() {
      return new JsonObject().put("line", line).put("slug", slug).put("name", fields.getJsonObject("name"))
          .put("province", fields.getString("province")).put("status", good() ? "new"
              : problems.stream().anyMatch(p -> p.code().equals(Problem.EXISTS)) ? "exists" : "invalid")
          .put("problems", new JsonArray(problems.stream().map(Problem::json).toList()));
    }
  }

  /**
   * What is wrong with a row: the field and the registration's message, or {@value #DUPLICATE} (an earlier row has
   * the same name, acronym or address) or {@value #EXISTS} (an organisation is registered there already).
   */
  public record Problem(String code, String field, String message, Integer otherLine) {

    public static final String INVALID = "invalid";
    public static final String DUPLICATE = "duplicate";
    public static final String EXISTS = "exists";

    JsonObject json() {
      return new JsonObject().put("code", code).put("field", field).put("message", message).put("line", otherLine);
    }
  }

  /** Reads a file (CSV or XLSX, by its first bytes) and previews it; nothing is stored. 403 for non-admins. */
  public Future<List<Row>> preview(CurrentUser admin, byte[] file) {
    if (!admin.has(Role.ADMIN)) {
      return Future.failedFuture(ForumException.forbidden("Only forum admins import organisations."));
    }
    boolean xlsx = file.length > 3 && file[0] == 'P' && file[1] == 'K' && file[2] == 3 && file[3] == 4;
    return vertx.<List<Map<String, String>>>executeBlocking(() -> Sheet.read(file, xlsx ? Sheet.XLSX : Sheet.CSV),
            false)
        .map(ImportService::fields)
        .compose(this::check);
  }

  /**
   * Previews rows sent back by the preview page (the registrations' fields, as {@link Row#fields}) again, then
   * stores the good ones. Answers every row and the addresses of those stored.
   */
  public Future<Imported> confirm(CurrentUser admin, List<JsonObject> fields) {
    if (!admin.has(Role.ADMIN)) {
      return Future.failedFuture(ForumException.forbidden("Only forum admins import organisations."));
    }
    if (fields.size() > Sheet.MAX_ROWS) {
      return Future.failedFuture(ForumException.invalid("rows", "An import holds at most " + Sheet.MAX_ROWS
          + " organisations."));
    }
    return check(fields).compose(rows -> store(admin, rows));
  }

  /** The rows checked, and the addresses of the organisations the confirmation stored. */
  public record Imported(List<Row> rows, List<String> slugs) {
  }

  /** Reads and confirms in one step (the API's {@code ?confirm=true}). */
  public Future<Imported> importFile(CurrentUser admin, byte[] file) {
    return preview(admin, file).compose(rows -> store(admin, rows));
  }

  private Future<Imported> store(CurrentUser admin, List<Row> rows) {
    List<Row> good = rows.stream().filter(Row::good).toList();
    Instant now = Instant.now();
    List<String> stored = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (Row row : good) {
      chain = chain.compose(v -> organisations.insert(Organisation.registered(row.slug(), row.input().profile(), now,
              admin.id()))
          .map(done -> stored.add(row.slug()))
          .recover(failure -> Mongo.isDuplicateKey(failure) ? Future.succeededFuture(false)
              : Future.failedFuture(failure))
          .mapEmpty());
    }
    return chain
        .compose(v -> stored.isEmpty() ? Future.<Void>succeededFuture()
            : changes.recordAll(OrganisationFindables.KIND, stored)
                .compose(recorded -> audit.record(admin, "org.import", "import",
                    UUID.randomUUID().toString().substring(0, 8), null, new JsonObject()
                        .put("imported", new JsonArray(stored)).put("rows", rows.size()))))
        .map(v -> new Imported(rows, stored));
  }

  /** The rows as registration bodies (the API's shape), so that the registration's checks apply unchanged. */
  private static List<JsonObject> fields(List<Map<String, String>> rows) {
    List<JsonObject> bodies = new ArrayList<>();
    for (Map<String, String> row : rows) {
      JsonObject body = new JsonObject();
      if (row.containsKey("name_vi") || row.containsKey("name_en")) {
        body.put("name", new JsonObject().put("vi", row.getOrDefault("name_vi", ""))
            .put("en", row.getOrDefault("name_en", "")));
      }
      if (row.containsKey("description_vi") || row.containsKey("description_en")) {
        body.put("description", new JsonObject().put("vi", row.getOrDefault("description_vi", ""))
            .put("en", row.getOrDefault("description_en", "")));
      }
      body.put("acronym", row.get("acronym")).put("province", row.get("province"))
          .put("website", row.get("website")).put("contactEmail", row.get("contact_email"));
      if (row.containsKey("focus_areas")) {
        JsonArray areas = new JsonArray();
        for (String area : row.get("focus_areas").split("[;,\\n]")) {
          if (!area.isBlank()) {
            areas.add(area.strip());
          }
        }
        body.put("focusAreas", areas);
      }
      String year = row.get("founded_year");
      if (year != null) {
        body.put("foundedYear", year.matches("\\d{1,9}") ? (Object) Long.parseLong(year) : year);
      }
      bodies.add(body);
    }
    return bodies;
  }

  /** Every row with its problems: its own fields, then duplicates in the file, then organisations already there. */
  private Future<List<Row>> check(List<JsonObject> bodies) {
    List<Row> rows = new ArrayList<>();
    Map<String, Integer> firstLineOf = new HashMap<>();
    for (int i = 0; i < bodies.size(); i++) {
      int line = i + 2;
      JsonObject body = bodies.get(i);
      List<Problem> problems = new ArrayList<>();
      OrganisationInput input = parse(body, problems);
      String slug = input == null ? null : RegistrationService.slugOf(input);
      if (input != null) {
        for (String key : keys(input, slug)) {
          Integer earlier = firstLineOf.putIfAbsent(key, line);
          if (earlier != null && earlier != line) {
            problems.add(new Problem(Problem.DUPLICATE, "name", "The same organisation as line " + earlier + ".",
                earlier));
            break;
          }
        }
      }
      rows.add(new Row(line, body, slug, input, problems));
    }
    List<String> slugs = rows.stream().filter(Row::good).map(Row::slug).distinct().toList();
    return (slugs.isEmpty() ? Future.succeededFuture(List.<Organisation>of()) : organisations.findAll(slugs))
        .map(found -> {
          Set<String> taken = new HashSet<>();
          found.forEach(organisation -> taken.add(organisation.slug()));
          return rows.stream().map(row -> row.good() && taken.contains(row.slug())
              ? new Row(row.line(), row.fields(), row.slug(), row.input(), List.of(new Problem(Problem.EXISTS, "name",
                  "An organisation is registered at /orgs/" + row.slug() + " already.", null)))
              : row).toList();
        });
  }

  /**
   * The registration a row makes, or {@code null}, adding every problem of its fields to {@code problems}: the
   * registration's check stops at the first wrong field, so each wrong field is set aside (a required one replaced by
   * a stand-in) and the rest checked again.
   */
  private static OrganisationInput parse(JsonObject body, List<Problem> problems) {
    JsonObject tried = body.copy();
    Set<String> seen = new HashSet<>();
    while (true) {
      try {
        OrganisationInput input = OrganisationInput.parse(JsonInput.of(tried.encode()));
        return problems.isEmpty() ? input : null;
      } catch (ForumException problem) {
        String field = problem.field() == null ? "name" : problem.field();
        String top = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
        problems.add(new Problem(Problem.INVALID, field, problem.getMessage(), null));
        if (!seen.add(top)) {
          return null;
        }
        switch (top) {
          case "name" -> tried.put("name", new JsonObject().put("vi", "-").put("en", ""));
          case "province" -> tried.put("province", "ha-noi");
          default -> tried.remove(top);
        }
      }
    }
  }

  /** What makes two rows the same organisation: the address, either name and the acronym, folded. */
  private static List<String> keys(OrganisationInput input, String slug) {
    List<String> keys = new ArrayList<>();
    keys.add("slug:" + slug);
    for (String name : List.of(input.name().getString("vi", ""), input.name().getString("en", ""))) {
      String folded = VietnameseText.fold(name);
      if (!folded.isBlank()) {
        keys.add("name:" + folded);
      }
    }
    if (input.acronym() != null) {
      keys.add("acronym:" + VietnameseText.fold(input.acronym()).replace(" ", ""));
    }
    return keys;
  }
}
