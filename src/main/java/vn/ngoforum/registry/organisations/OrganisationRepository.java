package vn.ngoforum.registry.organisations;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import vn.ngoforum.db.Batches;
import vn.ngoforum.db.Dates;
import vn.ngoforum.db.KeyedReads;
import vn.ngoforum.registry.organisations.Organisation.Achievement;
import vn.ngoforum.registry.organisations.Organisation.Standing;
import vn.ngoforum.registry.organisations.Organisation.Verification;
import vn.ngoforum.registry.organisations.Organisation.VerificationRequest;
import vn.ngoforum.text.VietnameseText;

/**
 * The {@code organisations} collection: one document per organisation keyed by its slug, with folded keys
 * ({@code nameViKey}, {@code nameEnKey}, {@code acronymKey}) under unique indexes, so the same name or acronym
 * cannot be registered twice even by two requests at once. Those keys are this class's business: callers hand it
 * an {@link Organisation} and get records back.
 *
 * <p>Every write also moves the {@link RegistryVersionRepository}, so a node that keeps the listed organisations in memory (the
 * directory's read model) knows when to read them again.
 */
public final class OrganisationRepository {

  static final String ORGANISATIONS = "organisations";

  private final MongoClient mongo;
  /** The registry version's reads, made together when requests ask at the same time. */
  private final KeyedReads versions;

  public OrganisationRepository(MongoClient mongo) {
    this.mongo = mongo;
    this.versions = new KeyedReads(mongo, RegistryVersionRepository.VERSIONS);
  }

  public Future<Void> createIndexes() {
    IndexOptions unique = new IndexOptions().unique(true);
    return Future.all(List.of(
            mongo.createIndexWithOptions(ORGANISATIONS, new JsonObject().put("nameViKey", 1), unique),
            mongo.createIndexWithOptions(ORGANISATIONS, new JsonObject().put("nameEnKey", 1), unique),
            mongo.createIndexWithOptions(ORGANISATIONS, new JsonObject().put("acronymKey", 1), unique)))
        .mapEmpty();
  }

  /**
   * The registry's {@link RegistryVersionRepository}: read by key, so cheap on every request, and one read for the
   * requests that ask at the same time ({@link KeyedReads}).
   */
  public Future<Long> version() {
    return RegistryVersionRepository.read(versions);
  }

  /**
   * Moves the {@link RegistryVersionRepository} on after a write that succeeded. Public for the tests that seed organisations
   * straight into the store.
   */
  public Future<Void> changed() {
    return RegistryVersionRepository.moved(mongo);
  }

  /**
   * The organisations the directory lists (neither suspended nor removed), in no particular order: the whole
   * collection is read, so only for a read model that keeps the answer until {@link #version()} moves.
   */
  public Future<List<Organisation>> listed() {
    return mongo.findWithOptions(ORGANISATIONS, listedOnly(), new FindOptions().setFields(new JsonObject()
            .put("tokens", 0)))
        .map(docs -> docs.stream().map(OrganisationRepository::organisation).toList());
  }

  /** Stores a new organisation; fails with a duplicate key when its slug, name or acronym is taken. */
  public Future<Void> insert(Organisation organisation) {
    return mongo.insert(ORGANISATIONS, document(organisation)).compose(id -> changed());
  }

  /** How many organisations there are at all. */
  public Future<Long> count() {
    return mongo.count(ORGANISATIONS, new JsonObject());
  }

  /** The organisation at {@code slug}, or {@code null}. */
  public Future<Organisation> find(String slug) {
    return mongo.findOne(ORGANISATIONS, new JsonObject().put("_id", slug), null)
        .map(doc -> doc == null ? null : organisation(doc));
  }

  /** The organisations at these slugs (those that exist), by name. */
  public Future<List<Organisation>> findAll(List<String> slugs) {
    return mongo.find(ORGANISATIONS, new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(slugs))))
        .map(docs -> docs.stream().sorted(Comparator.comparing((JsonObject doc) -> doc.getString("sortKey", "")))
            .map(OrganisationRepository::organisation).toList());
  }

  /** Every organisation, {@code size} at a time (rebuilding the search index: it reads the whole collection). */
  public Future<Void> each(int size, Function<List<Organisation>, Future<Void>> batch) {
    return Batches.each(mongo, ORGANISATIONS, new JsonObject(), new FindOptions()
        .setFields(new JsonObject().put("tokens", 0)), size, OrganisationRepository::organisation, batch);
  }

  /**
   * Whether another organisation already holds the name (either language, folded) or the acronym of
   * {@code organisation}. A stand-in key of an organisation without an acronym ({@code ~slug}) says nothing about
   * a clash, so it is not looked for.
   */
  public Future<Boolean> nameOrAcronymTaken(Organisation organisation) {
    JsonObject keys = keys(organisation.profile(), organisation.slug());
    JsonArray names = new JsonArray().add(keys.getString("nameViKey")).add(keys.getString("nameEnKey"));
    // One look-up per unique key ($in on one field is still by key), not an $or, which would read every document.
    List<JsonObject> lookups = new ArrayList<>(List.of(
        new JsonObject().put("nameViKey", new JsonObject().put("$in", names)),
        new JsonObject().put("nameEnKey", new JsonObject().put("$in", names.copy()))));
    if (organisation.profile().acronym() != null) {
      lookups.add(new JsonObject().put("acronymKey", keys.getString("acronymKey")));
    }
    return Future.all(lookups.stream().map(query -> mongo.findOne(ORGANISATIONS, query,
            new JsonObject().put("_id", 1))).toList())
        .map(found -> found.list().stream().anyMatch(clash -> clash != null));
  }

  /** Replaces the profile's fields (the slug stays); fails with a duplicate key when the new name is taken. */
  public Future<Void> replaceProfile(String slug, OrganisationProfile profile, Instant at) {
    return update(slug, new JsonObject().put("$set", editable(profile, slug).put("updatedAt", Dates.of(at))));
  }

  public Future<Void> addAchievement(String slug, Achievement achievement) {
    return update(slug, new JsonObject().put("$push", new JsonObject()
        .put("achievements", achievement(achievement))));
  }

  public Future<Void> removeAchievement(String slug, String achievementId) {
    return update(slug, new JsonObject().put("$pull", new JsonObject()
        .put("achievements", new JsonObject().put("id", achievementId))));
  }

  /** Points the organisation at its new logo: GridFS file {@code fileId}, stored at {@code version}. */
  public Future<Void> pointToLogo(String slug, long version, String fileId) {
    return update(slug, new JsonObject().put("$set", new JsonObject()
        .put("logoVersion", version).put("logoFile", fileId)));
  }

  /** Sets the verification; a request for it, answered now, is dropped. Answers whether the organisation exists. */
  public Future<Boolean> setVerified(String slug, boolean verified, Verification verification) {
    JsonObject update = new JsonObject().put("$set", new JsonObject().put("verified", verified)
        .put("verification", verification(verification))).put("$unset", new JsonObject()
        .put("verificationRequest", ""));
    return mongo.updateCollection(ORGANISATIONS, new JsonObject().put("_id", slug), update)
        .compose(result -> result.getDocMatched() > 0 ? changed().map(true) : Future.succeededFuture(false));
  }

  /**
   * Sets the organisation's standing (a forum admin suspended, reinstated or removed it). Answers whether it exists.
   */
  public Future<Boolean> setStanding(String slug, Standing standing) {
    return mongo.updateCollection(ORGANISATIONS, new JsonObject().put("_id", slug), new JsonObject().put("$set",
            new JsonObject().put("standing", new JsonObject().put("state", standing.state())
                .put("at", Dates.of(standing.at())).put("by", standing.by()).put("reason", standing.reason()))))
        .compose(result -> result.getDocMatched() > 0 ? changed().map(true) : Future.succeededFuture(false));
  }

  /** Records (or renews) the organisation's request to be verified. */
  public Future<Void> requestVerification(String slug, VerificationRequest request) {
    return update(slug, new JsonObject().put("$set", new JsonObject().put("verificationRequest", new JsonObject()
        .put("at", Dates.of(request.at())).put("by", request.by()).put("name", request.name())
        .put("note", request.note()))));
  }

  private Future<Void> update(String slug, JsonObject update) {
    return mongo.updateCollection(ORGANISATIONS, new JsonObject().put("_id", slug), update).compose(v -> changed());
  }

  /** The organisations the directory lists: neither suspended nor removed (older ones have no standing at all). */
  private static JsonObject listedOnly() {
    return new JsonObject().put("standing.state", new JsonObject().put("$nin", new JsonArray()
        .add(Standing.SUSPENDED).add(Standing.REMOVED)));
  }

  // ---- documents

  private static JsonObject document(Organisation organisation) {
    JsonObject document = editable(organisation.profile(), organisation.slug())
        .put("_id", organisation.slug())
        .put("verified", organisation.verified())
        .put("createdAt", Dates.of(organisation.createdAt()))
        .put("achievements", new JsonArray(organisation.achievements().stream()
            .map(OrganisationRepository::achievement).toList()));
    if (organisation.createdBy() != null) {
      document.put("createdBy", organisation.createdBy());
    }
    if (organisation.verification() != null) {
      document.put("verification", verification(organisation.verification()));
    }
    return document;
  }

  /** The fields a registration sets and an edit replaces, with the folded keys. */
  private static JsonObject editable(OrganisationProfile profile, String slug) {
    return new JsonObject()
        .put("name", profile.name())
        .put("acronym", profile.acronym())
        .put("province", profile.province())
        .put("focusAreas", new JsonArray(profile.focusAreas()))
        .put("website", profile.website())
        .put("description", profile.description())
        .put("foundedYear", profile.foundedYear())
        .put("legalStatus", profile.legalStatus())
        .put("contactEmail", profile.contactEmail())
        .mergeIn(keys(profile, slug));
  }

  /** The unique keys of the name and acronym, and the sort key. */
  private static JsonObject keys(OrganisationProfile profile, String slug) {
    String nameViKey = profile.sortKey();
    String nameEn = VietnameseText.fold(profile.name().getString("en"));
    String nameEnKey = nameEn.isEmpty() ? nameViKey : nameEn;
    // An organisation without an acronym still needs a distinct key under the unique index.
    String acronymKey = profile.acronym() == null ? "~" + slug : profile.acronymKey();
    return new JsonObject()
        .put("nameViKey", nameViKey)
        .put("nameEnKey", nameEnKey)
        .put("acronymKey", acronymKey)
        .put("sortKey", nameViKey);
  }

  private static JsonObject achievement(Achievement achievement) {
    return new JsonObject().put("title", achievement.title()).put("year", achievement.year())
        .put("description", achievement.description()).put("link", achievement.link())
        .put("id", achievement.id());
  }

  private static JsonObject verification(Verification verification) {
    return new JsonObject().put("at", Dates.of(verification.at())).put("by", verification.by())
        .put("note", verification.note());
  }

  private static Organisation organisation(JsonObject doc) {
    List<String> focusAreas = new ArrayList<>();
    doc.getJsonArray("focusAreas", new JsonArray()).forEach(code -> focusAreas.add(String.valueOf(code)));
    OrganisationProfile profile = new OrganisationProfile(doc.getJsonObject("name", new JsonObject()),
        doc.getString("acronym"), doc.getString("province"), focusAreas, doc.getString("website"),
        doc.getJsonObject("description"), doc.getInteger("foundedYear"), doc.getString("legalStatus"),
        doc.getString("contactEmail"));
    JsonObject verified = doc.getJsonObject("verification");
    JsonObject request = doc.getJsonObject("verificationRequest");
    JsonObject standing = doc.getJsonObject("standing");
    List<Achievement> achievements = new ArrayList<>();
    for (Object item : doc.getJsonArray("achievements", new JsonArray())) {
      JsonObject a = (JsonObject) item;
      achievements.add(new Achievement(a.getString("id"), a.getJsonObject("title"), a.getInteger("year", 0),
          a.getJsonObject("description"), a.getString("link")));
    }
    return new Organisation(doc.getString("_id"), profile, doc.getBoolean("verified", false),
        verified == null ? null : new Verification(Dates.instant(verified.getValue("at")), verified.getString("by"),
            verified.getString("note")),
        request == null ? null : new VerificationRequest(Dates.instant(request.getValue("at")),
            request.getString("by"), request.getString("name"), request.getString("note")),
        achievements, doc.getLong("logoVersion"), doc.getString("logoFile"),
        Dates.instant(doc.getValue("createdAt")), doc.getString("createdBy"),
        standing == null ? null : new Standing(standing.getString("state"), Dates.instant(standing.getValue("at")),
            standing.getString("by"), standing.getString("reason")));
  }
}
