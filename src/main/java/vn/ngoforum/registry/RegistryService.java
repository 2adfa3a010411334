package vn.ngoforum.registry;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.auth.Role;
import vn.ngoforum.db.Mongo;
import vn.ngoforum.realtime.AccessChanges;
import vn.ngoforum.realtime.Addresses;
import vn.ngoforum.realtime.LiveEvent;
import vn.ngoforum.text.VietnameseText;
import vn.ngoforum.error.ForumException;

/**
 * The NGO registry: organisations, the people who belong to them, and their verification by forum admins.
 *
 * <p>It owns the rules: the registrant becomes the organisation's admin; only an organisation's admins decide on
 * join requests, and never on their own; an organisation always keeps at least one admin; only forum admins
 * verify. Every decision goes to the audit log. After a join request its organisation's admins, and after a
 * decision the applicant, are told on their own {@code user.{id}} address (the page then offers to reload). As
 * {@link Memberships} it tells the rest of the forum which organisations a person belongs to.
 */
public final class RegistryService implements Memberships {

  /** What an organisation admin may do with a membership. */
  public static final Set<String> ACTIONS = Set.of("approve", "reject", "remove", "promote", "demote");

  static final int MAX_ACHIEVEMENTS = 50;
  /** The most organisations one page of the directory (page or API) may carry. */
  public static final int MAX_PAGE_SIZE = 100;
  private static final Set<String> RESERVED_SLUGS = Set.of("new", "export", "reference", "stats");

  private final RegistryRepository repository;
  private final AuditLog audit;
  private final Vertx vertx;
  private final ReferenceData reference = ReferenceData.get();

  public RegistryService(Vertx vertx, MongoClient mongo) {
    this.repository = new RegistryRepository(mongo);
    this.audit = new AuditLog(mongo);
    this.vertx = vertx;
  }

  public Future<Void> createIndexes() {
    return repository.createIndexes();
  }

  /**
   * Adds the sample organisations when there are none at all (the run command's fresh database). Safe when two
   * nodes start at once: the second insert of a sample is a duplicate key and is ignored.
   */
  public Future<Void> seedDemoData() {
    return repository.countOrganisations().compose(count -> {
      if (count > 0) {
        return Future.succeededFuture();
      }
      Future<Void> chain = Future.succeededFuture();
      for (DemoOrganisations.Sample sample : DemoOrganisations.all()) {
        String slug = slugOf(sample.input());
        JsonObject document = editable(sample.input(), slug)
            .put("_id", slug)
            .put("verified", sample.verified())
            .put("createdAt", RegistryRepository.now())
            .put("achievements", new JsonArray());
        if (sample.verified()) {
          document.put("verification", new JsonObject().put("at", RegistryRepository.now())
              .put("note", "Sample data"));
        }
        chain = chain.compose(v -> repository.insertOrganisation(document)
            .recover(failure -> Mongo.isDuplicateKey(failure) ? Future.succeededFuture()
                : Future.failedFuture(failure)));
      }
      return chain;
    });
  }

  public ReferenceData reference() {
    return reference;
  }

  /** Registers an organisation; its creator becomes its admin. Fails 409 when the name or acronym is taken. */
  Future<String> register(CurrentUser creator, OrganisationInput input) {
    String slug = slugOf(input);
    JsonObject document = editable(input, slug)
        .put("_id", slug)
        .put("verified", false)
        .put("createdAt", RegistryRepository.now())
        .put("createdBy", creator.id())
        .put("achievements", new JsonArray());
    return insertWithFreeSlug(document, 0)
        .compose(saved -> repository.insertMembership(new JsonObject()
                .put("_id", RegistryRepository.membershipId(saved, creator.id()))
                .put("org", saved).put("userId", creator.id()).put("name", creator.name())
                .put("username", creator.username()).put("status", RegistryRepository.APPROVED)
                .put("role", RegistryRepository.ADMIN).put("requestedAt", RegistryRepository.now())
                .put("decidedAt", RegistryRepository.now()))
            .compose(v -> audit.record(creator, "org.register", "organisation", saved, null,
                new JsonObject().put("name", input.name())))
            .map(saved));
  }

  /** Replaces the profile's editable fields (organisation admins only); the slug stays. 409 on a taken name. */
  Future<Void> edit(String slug, CurrentUser actor, OrganisationInput input) {
    return requireOrgAdmin(slug, actor)
        .compose(doc -> repository.update(slug, new JsonObject().put("$set", editable(input, slug)
                .put("updatedAt", RegistryRepository.now())))
            .recover(failure -> Mongo.isDuplicateKey(failure)
                ? Future.failedFuture(ForumException.conflict(
                    "An organisation with this name or acronym is already registered."))
                : Future.failedFuture(failure)))
        .compose(v -> audit.record(actor, "org.edit", "organisation", slug, null,
            new JsonObject().put("name", input.name())));
  }

  /** Adds an achievement to the profile (organisation admins only); at most {@value #MAX_ACHIEVEMENTS}. */
  Future<String> addAchievement(String slug, CurrentUser actor, AchievementInput input) {
    String id = java.util.UUID.randomUUID().toString().substring(0, 8);
    return requireOrgAdmin(slug, actor)
        .compose(doc -> doc.getJsonArray("achievements", new JsonArray()).size() >= MAX_ACHIEVEMENTS
            ? Future.failedFuture(ForumException.conflict("An organisation lists at most " + MAX_ACHIEVEMENTS
                + " achievements: remove one first."))
            : repository.update(slug, new JsonObject().put("$push", new JsonObject()
                .put("achievements", input.toJson().put("id", id)))))
        .compose(v -> audit.record(actor, "org.achievement.add", "organisation", slug, null,
            new JsonObject().put("achievement", id)))
        .map(id);
  }

  Future<Void> removeAchievement(String slug, CurrentUser actor, String achievementId) {
    return requireOrgAdmin(slug, actor)
        .compose(doc -> doc.getJsonArray("achievements", new JsonArray()).stream()
            .anyMatch(a -> achievementId.equals(((JsonObject) a).getString("id")))
            ? repository.update(slug, new JsonObject().put("$pull", new JsonObject()
                .put("achievements", new JsonObject().put("id", achievementId))))
            : Future.failedFuture(ForumException.notFound("There is no such achievement.")))
        .compose(v -> audit.record(actor, "org.achievement.remove", "organisation", slug, null,
            new JsonObject().put("achievement", achievementId)));
  }

  /**
   * Replaces the logo (organisation admins only): checked and shrunk off the event loop (see {@link Logos}), stored
   * as a new GridFS file, then the organisation points at it and the previous file is removed; answers the logo's
   * versioned address. Two uploads at once each store a file; the last pointer wins and the other file is the one
   * removed by whichever finishes last (at worst one orphan file, never a broken logo).
   */
  Future<String> setLogo(String slug, CurrentUser actor, io.vertx.core.buffer.Buffer upload) {
    long version = System.currentTimeMillis();
    return requireOrgAdmin(slug, actor)
        .compose(doc -> Logos.normalised(vertx, upload)
            .compose(png -> repository.saveLogo(slug, png))
            .compose(fileId -> repository.update(slug, new JsonObject().put("$set", new JsonObject()
                .put("logoVersion", version).put("logoFile", fileId))))
            .compose(v -> {
              // The replaced logo: the previous GridFS file, or the document of a logo stored before GridFS.
              String previous = doc.getString("logoFile");
              Future<Void> removed = previous == null ? repository.deleteLegacyLogo(slug)
                  : repository.deleteLogoFile(previous);
              return removed.recover(failure -> Future.succeededFuture());
            }))
        .compose(v -> audit.record(actor, "org.logo", "organisation", slug, null, null))
        .map(v -> logoPath(slug, version));
  }

  /**
   * The stored logo as PNG bytes, or 404: from GridFS when the organisation points at a file, otherwise from the
   * collection logos were kept in before GridFS (so logos uploaded then still show; the next upload moves it).
   */
  public Future<byte[]> logo(String slug) {
    return existing(slug)
        .compose(doc -> doc.getString("logoFile") != null ? repository.logoFile(doc.getString("logoFile"))
            : repository.legacyLogo(slug))
        .compose(png -> png != null ? Future.succeededFuture(png)
            : Future.failedFuture(ForumException.notFound("This organisation has no logo.")));
  }

  private static String logoPath(String slug, long version) {
    return "/orgs/" + slug + "/logo.png?v=" + version;
  }

  /** The organisation, when {@code actor} is one of its admins; 403 otherwise. */
  private Future<JsonObject> requireOrgAdmin(String slug, CurrentUser actor) {
    return existing(slug).compose(doc -> repository.membership(slug, actor.id())
        .compose(mine -> isApprovedAdmin(mine) ? Future.succeededFuture(doc)
            : Future.failedFuture(ForumException.forbidden("Only this organisation's admins can do this."))));
  }

  /** The fields a registration sets and an edit replaces, with the folded keys and search tokens. */
  private static JsonObject editable(OrganisationInput input, String slug) {
    String nameVi = VietnameseText.fold(input.name().getString("vi"));
    String nameEn = VietnameseText.fold(input.name().getString("en"));
    String nameViKey = nameVi.isEmpty() ? nameEn : nameVi;
    String nameEnKey = nameEn.isEmpty() ? nameViKey : nameEn;
    // An organisation without an acronym still needs a distinct key under the unique index.
    String acronymKey = input.acronym() == null ? "~" + slug : VietnameseText.fold(input.acronym()).replace(" ", "");
    Set<String> tokens = new LinkedHashSet<>();
    for (String text : List.of(input.name().getString("vi"), input.name().getString("en"),
        input.acronym() == null ? "" : input.acronym(), input.description().getString("vi"),
        input.description().getString("en"))) {
      tokens.addAll(VietnameseText.tokens(text));
    }
    if (input.acronym() != null) {
      tokens.add(acronymKey);
    }
    return new JsonObject()
        .put("name", input.name())
        .put("acronym", input.acronym())
        .put("province", input.province().code())
        .put("focusAreas", new JsonArray(input.focusAreas().stream().map(FocusArea::code).toList()))
        .put("website", input.website())
        .put("description", input.description())
        .put("foundedYear", input.foundedYear())
        .put("legalStatus", input.legalStatus())
        .put("contactEmail", input.contactEmail())
        .put("nameViKey", nameViKey)
        .put("nameEnKey", nameEnKey)
        .put("acronymKey", acronymKey)
        .put("sortKey", nameViKey)
        .put("tokens", new JsonArray(new ArrayList<>(tokens)));
  }

  /**
   * Inserts the organisation; a duplicate key is a 409 when another organisation has the name or acronym, and
   * otherwise only a slug that happens to be taken, so it tries the next one.
   */
  private Future<String> insertWithFreeSlug(JsonObject document, int attempt) {
    return repository.insertOrganisation(document)
        .map(v -> document.getString("_id"))
        .recover(failure -> {
          if (!Mongo.isDuplicateKey(failure)) {
            return Future.failedFuture(failure);
          }
          return repository.clashing(document.getString("nameViKey"), document.getString("nameEnKey"),
              document.getString("acronymKey")).compose(clash -> {
                if (clash != null || attempt >= 5) {
                  return Future.failedFuture(ForumException.conflict(
                      "An organisation with this name or acronym is already registered."));
                }
                String base = attempt == 0 ? document.getString("_id")
                    : document.getString("_id").replaceAll("-\\d+$", "");
                JsonObject next = document.copy().put("_id", base + "-" + (attempt + 2));
                if (document.getString("acronymKey").startsWith("~")) {
                  next.put("acronymKey", "~" + next.getString("_id"));
                }
                return insertWithFreeSlug(next, attempt + 1);
              });
        });
  }

  static String slugOf(OrganisationInput input) {
    String source = input.acronym() != null ? input.acronym()
        : !input.name().getString("en").isBlank() ? input.name().getString("en") : input.name().getString("vi");
    // Folding keeps letters of other scripts; a slug is plain ASCII so that every link and route takes it.
    String slug = VietnameseText.fold(source).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (slug.length() > 60) {
      slug = slug.substring(0, 60).replaceAll("-+$", "");
    }
    if (slug.isEmpty()) {
      return "org";
    }
    // Paths next to /orgs/{slug} and /api/v1/orgs/{slug}: an organisation called "NEW" must not hide them.
    return RESERVED_SLUGS.contains(slug) ? slug + "-org" : slug;
  }

  /**
   * One page of the directory: organisations matching all the given filters (each may be {@code null}), as
   * {@code {results:[summary...], total, page, pages, pageSize}}. A page past the end is empty (with the totals).
   *
   * @param q        words of the name, acronym or description, any diacritics
   * @param province a province or city, by code or by any name, pre-2025 names included
   * @param focus    a focus area by code or name
   * @param verified {@code true} or {@code false} to keep only (un)verified ones
   * @param sort     {@code name} (default) or {@code newest}
   * @param page     1-based page number
   * @param pageSize organisations per page, 1 to {@value #MAX_PAGE_SIZE}
   */
  public Future<JsonObject> search(String q, String province, String focus, Boolean verified, String sort,
      int page, int pageSize) {
    JsonObject query = new JsonObject();
    List<String> words = VietnameseText.tokens(q);
    if (!words.isEmpty()) {
      query.put("tokens", new JsonObject().put("$all", new JsonArray(words)));
    }
    if (province != null && !province.isBlank()) {
      query.put("province", reference.province(province).orElseThrow(() -> ForumException.invalid(
          "'province' is not one of the 34 provinces and cities (a pre-2025 name also works).")).code());
    }
    if (focus != null && !focus.isBlank()) {
      query.put("focusAreas", reference.focusArea(focus).orElseThrow(() -> ForumException.invalid(
          "'focus' is not a known focus area.")).code());
    }
    if (verified != null) {
      query.put("verified", verified);
    }
    // The slug breaks ties, so that pages neither repeat nor skip organisations registered at the same moment.
    JsonObject order = "newest".equals(sort)
        ? new JsonObject().put("createdAt", -1).put("_id", 1)
        : new JsonObject().put("sortKey", 1).put("_id", 1);
    int size = Math.max(1, Math.min(MAX_PAGE_SIZE, pageSize));
    int number = Math.max(1, page);
    long skip = (long) (number - 1) * size;
    if (skip > Integer.MAX_VALUE) {
      throw ForumException.invalid("'page' is too large.");
    }
    return Future.all(repository.count(query), repository.search(query, order, (int) skip, size))
        .map(all -> {
          long total = all.<Long>resultAt(0);
          List<JsonObject> docs = all.resultAt(1);
          return new JsonObject()
              .put("results", new JsonArray(docs.stream().map(this::summary).toList()))
              .put("total", total)
              .put("page", number)
              .put("pages", total == 0 ? 1 : (total + size - 1) / size)
              .put("pageSize", size);
        });
  }

  /** Every organisation by name, with the fields only forum admins export (contact e-mail, legal status). */
  Future<List<JsonObject>> exportRows() {
    return repository.search(new JsonObject(), new JsonObject().put("sortKey", 1), 0, RegistryRepository.MAX_EXPORT)
        .map(docs -> docs.stream().map(doc -> summary(doc)
                .put("foundedYear", doc.getInteger("foundedYear"))
                .put("legalStatus", doc.getString("legalStatus"))
                .put("contactEmail", doc.getString("contactEmail")))
            .toList());
  }

  /**
   * One organisation as {@code viewer} may see it: the public profile and approved members (names and roles
   * only); for a signed-in viewer the contact e-mail and their own membership; for its admins also the pending
   * requests and member ids.
   */
  public Future<JsonObject> profile(String slug, CurrentUser viewer) {
    return existing(slug).compose(doc -> Future.all(repository.members(slug, RegistryRepository.APPROVED),
            viewer == null ? Future.succeededFuture(null) : repository.membership(slug, viewer.id()))
        .compose(all -> {
          List<JsonObject> members = all.resultAt(0);
          JsonObject mine = all.resultAt(1);
          boolean orgAdmin = isApprovedAdmin(mine);
          JsonObject view = summary(doc)
              .put("description", doc.getJsonObject("description"))
              .put("achievements", sortedAchievements(doc))
              .put("foundedYear", doc.getInteger("foundedYear"))
              .put("legalStatus", doc.getString("legalStatus"))
              .put("createdAt", doc.getValue("createdAt"))
              .put("members", new JsonArray(members.stream().map(m -> member(m, orgAdmin)).toList()));
          if (doc.getBoolean("verified", false) && doc.getJsonObject("verification") != null) {
            view.put("verifiedAt", doc.getJsonObject("verification").getValue("at"));
          }
          JsonObject request = doc.getJsonObject("verificationRequest");
          if (request != null && (orgAdmin || (viewer != null && viewer.has(Role.ADMIN)))) {
            // Who asked and why is for the organisation's admins and the forum admins who decide.
            view.put("verificationRequest", new JsonObject().put("at", request.getValue("at"))
                .put("name", request.getString("name")).put("note", request.getString("note")));
          }
          if (viewer != null) {
            // The organisation's contact address is for signed-in people only (no harvesting by crawlers).
            view.put("contactEmail", doc.getString("contactEmail"));
            view.put("myMembership", mine == null ? null : new JsonObject()
                .put("status", mine.getString("status")).put("role", mine.getString("role")));
          }
          if (!orgAdmin) {
            return Future.succeededFuture(view);
          }
          return repository.members(slug, RegistryRepository.PENDING)
              .map(pending -> view.put("pending", new JsonArray(pending.stream()
                  .map(m -> member(m, true).put("requestedAt", m.getValue("requestedAt"))).toList())));
        }));
  }

  /** Asks to join; the organisation's admins decide. Fails 409 for someone who is a member already. */
  Future<String> requestToJoin(String slug, CurrentUser user) {
    return existing(slug)
        .compose(doc -> repository.request(slug, user.id(), user.name(), user.username())
            .recover(failure -> Mongo.isDuplicateKey(failure)
                ? Future.failedFuture(ForumException.conflict("You are already a member of this organisation."))
                : Future.failedFuture(failure))
            .compose(v -> audit.record(user, "membership.request", "membership",
                RegistryRepository.membershipId(slug, user.id()), null, new JsonObject().put("org", slug)))
            .compose(v -> repository.members(slug, RegistryRepository.APPROVED))
            .map(members -> {
              JsonObject notice = new JsonObject().put("type", "org.join_request").put("org", slug)
                  .put("orgName", doc.getJsonObject("name")).put("userId", user.id())
                  .put("name", withoutEmail(user.name()));
              members.stream().filter(RegistryService::isApprovedAdmin)
                  .forEach(admin -> LiveEvent.publish(vertx, Addresses.user(admin.getString("userId")), notice));
              return RegistryRepository.PENDING;
            }));
  }

  /**
   * An organisation admin's decision on one person's membership: {@code approve} or {@code reject} a pending
   * request, {@code remove} a member, {@code promote} a member to admin or {@code demote} an admin.
   */
  Future<JsonObject> decide(String slug, CurrentUser actor, String userId, String action, String reason) {
    return existing(slug)
        .compose(doc -> repository.membership(slug, actor.id()))
        .compose(mine -> {
          if (!isApprovedAdmin(mine)) {
            return Future.failedFuture(ForumException.forbidden("Only this organisation's admins can do this."));
          }
          if (actor.id().equals(userId) && (action.equals("approve") || action.equals("reject")
              || action.equals("promote"))) {
            return Future.failedFuture(ForumException.forbidden("You cannot decide on your own request."));
          }
          return apply(slug, userId, action);
        })
        .compose(outcome -> audit.record(actor, "membership." + action, "membership",
                RegistryRepository.membershipId(slug, userId), reason,
                new JsonObject().put("org", slug).put("userId", userId))
            .map(v -> {
              LiveEvent.publish(vertx, Addresses.user(userId), outcome.copy().put("type", "org.membership").put("org", slug)
                  .put("action", action));
              if ("remove".equals(action)) {
                // Their member rights may have come from this organisation: their live connections are checked.
                AccessChanges.user(vertx, userId);
              }
              return outcome;
            }));
  }

  private Future<JsonObject> apply(String slug, String userId, String action) {
    JsonObject decided = new JsonObject().put("decidedAt", RegistryRepository.now());
    return switch (action) {
      case "approve" -> repository.transition(slug, userId, RegistryRepository.PENDING, null,
              decided.put("status", RegistryRepository.APPROVED).put("role", RegistryRepository.MEMBER))
          .compose(done -> outcome(done, "There is no pending request from this person.",
              RegistryRepository.APPROVED, RegistryRepository.MEMBER));
      case "reject" -> repository.transition(slug, userId, RegistryRepository.PENDING, null,
              decided.put("status", RegistryRepository.REJECTED))
          .compose(done -> outcome(done, "There is no pending request from this person.",
              RegistryRepository.REJECTED, RegistryRepository.MEMBER));
      case "promote" -> repository.transition(slug, userId, RegistryRepository.APPROVED, RegistryRepository.MEMBER,
              decided.put("role", RegistryRepository.ADMIN))
          .compose(done -> outcome(done, "This person is not a member (or is an admin already).",
              RegistryRepository.APPROVED, RegistryRepository.ADMIN));
      case "demote" -> keepingAnAdmin(slug, userId, () -> repository.transition(slug, userId,
              RegistryRepository.APPROVED, RegistryRepository.ADMIN, decided.put("role", RegistryRepository.MEMBER)))
          .compose(done -> outcome(done, "This person is not an admin of the organisation.",
              RegistryRepository.APPROVED, RegistryRepository.MEMBER));
      case "remove" -> keepingAnAdmin(slug, userId, () -> repository.deleteMembership(slug, userId))
          .compose(done -> outcome(done, "This person is not a member of the organisation.", "removed", null));
      default -> Future.failedFuture(ForumException.invalid("'action' must be one of "
          + String.join(", ", ACTIONS.stream().sorted().toList()) + "."));
    };
  }

  /** Leaves an organisation; the last admin cannot leave (409): they make someone else admin first. */
  Future<Void> leave(String slug, CurrentUser user) {
    return existing(slug)
        .compose(doc -> keepingAnAdmin(slug, user.id(), () -> repository.deleteMembership(slug, user.id())))
        .compose(done -> done ? Future.<Void>succeededFuture()
            : Future.failedFuture(ForumException.notFound("You are not a member of this organisation.")))
        .compose(v -> audit.record(user, "membership.leave", "membership",
            RegistryRepository.membershipId(slug, user.id()), null, new JsonObject().put("org", slug)))
        .onSuccess(v -> AccessChanges.user(vertx, user.id()));
  }

  /**
   * Applies {@code change} (removing or demoting {@code userId}) unless it would leave the organisation without an
   * admin, in which case it fails 409. Without transactions two admins could demote each other at the same
   * moment, so the count is checked again afterwards and the change undone if nobody is left.
   */
  private Future<Boolean> keepingAnAdmin(String slug, String userId, Supplier<Future<Boolean>> change) {
    return repository.membership(slug, userId).compose(before -> {
      if (!isApprovedAdmin(before)) {
        return change.get();
      }
      return repository.countAdmins(slug)
          .compose(admins -> admins > 1 ? change.get() : Future.failedFuture(lastAdmin()))
          .compose(done -> !done ? Future.succeededFuture(false) : repository.countAdmins(slug)
              .compose(left -> left > 0 ? Future.succeededFuture(true)
                  : repository.restoreMembership(before).compose(v -> Future.failedFuture(lastAdmin()))));
    });
  }

  private static ForumException lastAdmin() {
    return ForumException.conflict("An organisation keeps at least one admin: make someone else admin first.");
  }

  /**
   * A forum admin verifies an organisation, or revokes its verification, with an optional note; either answers a
   * pending request for verification. Verification is what makes its approved members forum members (see
   * {@link Memberships#hasMemberRights}); when it is revoked, the live connections of its members are checked again.
   */
  Future<JsonObject> verify(String slug, CurrentUser admin, boolean verified, String note) {
    if (!admin.has(Role.ADMIN)) {
      return Future.failedFuture(ForumException.forbidden("Only forum admins verify organisations."));
    }
    JsonObject verification = new JsonObject().put("at", RegistryRepository.now())
        .put("by", admin.id()).put("note", note);
    return repository.setVerified(slug, verified, verification)
        .compose(found -> found ? Future.<Void>succeededFuture()
            : Future.failedFuture(ForumException.notFound("There is no organisation " + slug + ".")))
        .compose(v -> audit.record(admin, verified ? "org.verify" : "org.unverify", "organisation", slug, note,
            null))
        .compose(v -> verified ? Future.succeededFuture() : repository.members(slug, RegistryRepository.APPROVED)
            .onSuccess(members -> members.forEach(member -> AccessChanges.user(vertx, member.getString("userId")))))
        .map(v -> new JsonObject().put("slug", slug).put("verified", verified));
  }

  /**
   * An organisation's admin asks the forum admins to verify it, with an optional note (who they are, where to
   * check). Until then its membership gives nobody forum rights. 409 when it is verified already.
   */
  Future<JsonObject> requestVerification(String slug, CurrentUser actor, String note) {
    return requireOrgAdmin(slug, actor).compose(doc -> {
      if (doc.getBoolean("verified", false)) {
        return Future.failedFuture(ForumException.conflict("This organisation is verified already."));
      }
      JsonObject request = new JsonObject().put("at", RegistryRepository.now()).put("by", actor.id())
          .put("name", withoutEmail(actor.name())).put("note", note);
      return repository.update(slug, new JsonObject().put("$set", new JsonObject()
              .put("verificationRequest", request)))
          .compose(v -> audit.record(actor, "org.verification_request", "organisation", slug, note, null))
          .map(v -> new JsonObject().put("slug", slug).put("status", "requested"));
    });
  }

  /** How many organisations work in each province and each focus area, most first. */
  public Future<JsonObject> counts() {
    return Future.all(repository.countBy("province"), repository.countBy("focusAreas")).map(all -> {
      List<JsonObject> byProvince = all.resultAt(0);
      List<JsonObject> byFocus = all.resultAt(1);
      return new JsonObject()
          .put("provinces", new JsonArray(byProvince.stream()
              .flatMap(row -> reference.province(row.getString("_id")).stream()
                  .map(p -> p.toJson().put("count", row.getInteger("count"))))
              .sorted(Comparator.comparing((JsonObject row) -> -row.getInteger("count")))
              .toList()))
          .put("focusAreas", new JsonArray(byFocus.stream()
              .flatMap(row -> reference.focusArea(row.getString("_id")).stream()
                  .map(a -> a.toJson().put("count", row.getInteger("count"))))
              .sorted(Comparator.comparing((JsonObject row) -> -row.getInteger("count")))
              .toList()));
    });
  }

  @Override
  public Future<List<JsonObject>> of(String userId) {
    return repository.approvedOf(userId).compose(memberships -> {
      if (memberships.isEmpty()) {
        return Future.succeededFuture(List.<JsonObject>of());
      }
      Map<String, String> roles = memberships.stream().collect(Collectors.toMap(m -> m.getString("org"),
          m -> m.getString("role"), (a, b) -> a));
      return repository.organisations(new ArrayList<>(roles.keySet())).map(orgs -> orgs.stream()
          .sorted(Comparator.comparing(o -> o.getString("sortKey", "")))
          .map(org -> new JsonObject()
              .put("slug", org.getString("_id"))
              .put("name", org.getJsonObject("name"))
              .put("acronym", org.getString("acronym"))
              .put("verified", org.getBoolean("verified", false))
              .put("role", roles.get(org.getString("_id"))))
          .toList());
    });
  }

  /** Newest first. */
  private static JsonArray sortedAchievements(JsonObject doc) {
    List<JsonObject> items = new ArrayList<>();
    doc.getJsonArray("achievements", new JsonArray()).forEach(item -> items.add((JsonObject) item));
    items.sort(Comparator.comparing((JsonObject a) -> -a.getInteger("year", 0)));
    return new JsonArray(items);
  }

  private Future<JsonObject> existing(String slug) {
    return repository.organisation(slug).compose(doc -> doc != null ? Future.succeededFuture(doc)
        : Future.failedFuture(ForumException.notFound("There is no organisation " + slug + ".")));
  }

  private static Future<JsonObject> outcome(boolean done, String otherwise, String status, String role) {
    if (!done) {
      return Future.failedFuture(ForumException.notFound(otherwise));
    }
    JsonObject result = new JsonObject().put("status", status);
    if (role != null) {
      result.put("role", role);
    }
    return Future.succeededFuture(result);
  }

  private static boolean isApprovedAdmin(JsonObject membership) {
    return membership != null && RegistryRepository.APPROVED.equals(membership.getString("status"))
        && RegistryRepository.ADMIN.equals(membership.getString("role"));
  }

  /** A member as others see them: name and role; admins also get the id they act on. Never an e-mail. */
  private static JsonObject member(JsonObject membership, boolean withId) {
    JsonObject view = new JsonObject().put("name", withoutEmail(membership.getString("name")))
        .put("role", membership.getString("role"));
    if (withId) {
      view.put("userId", membership.getString("userId"))
          .put("username", withoutEmail(membership.getString("username")));
    }
    return view;
  }

  /**
   * A person's display name or username with any e-mail address cut to its local part ({@code lan.pham@…}): a
   * realm that uses e-mail addresses as usernames, for a person without a name, would otherwise show the
   * applicant's address on the organisation's page.
   */
  static String withoutEmail(String text) {
    if (text == null) {
      return null;
    }
    return EMAIL.matcher(text).replaceAll(match -> java.util.regex.Matcher.quoteReplacement(match.group(1) + "@…"));
  }

  private static final java.util.regex.Pattern EMAIL =
      java.util.regex.Pattern.compile("([^\\s@<>()\\[\\],;:\"]+)@[^\\s@<>()\\[\\],;:\"]+\\.[^\\s@<>()\\[\\],;:\"]+");

  /** The directory's entry for an organisation: {@code {slug, name, acronym, province, focusAreas, verified}}. */
  private JsonObject summary(JsonObject doc) {
    Function<String, JsonObject> province = code -> reference.province(code).map(Province::toJson)
        .orElse(new JsonObject().put("code", code));
    return new JsonObject()
        .put("slug", doc.getString("_id"))
        .put("name", doc.getJsonObject("name"))
        .put("acronym", doc.getString("acronym"))
        .put("province", province.apply(doc.getString("province")))
        .put("focusAreas", doc.getJsonArray("focusAreas", new JsonArray()))
        .put("verified", doc.getBoolean("verified", false))
        .put("verificationRequested", doc.getJsonObject("verificationRequest") != null)
        .put("website", doc.getString("website"))
        .put("logo", doc.getLong("logoVersion") == null ? null : logoPath(doc.getString("_id"),
            doc.getLong("logoVersion")))
        .put("createdAt", doc.getValue("createdAt"));
  }
}
