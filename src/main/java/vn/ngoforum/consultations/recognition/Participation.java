package vn.ngoforum.consultations.recognition;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.db.Dates;

/**
 * What organisations took part in, recorded as it happens and answered for their profiles: a clause comment is
 * listed for every organisation its author belongs to (once per consultation, pointing at the newest comment's
 * clause), an amendment proposed for an organisation for it, an endorsement and a signature for the organisation
 * that gave it; a withdrawn signature is no longer
 * listed. Recording never fails the write it follows: a failure is logged (the next start-up's migration does not
 * run again, so the item is missing until the organisation takes part again).
 *
 * <p>Only public consultations are answered: the profile is public, and a consultation's visibility is fixed when it
 * is created, so it is kept with each item.
 */
public final class Participation {

  /** The consultation an item is about, as kept with it. */
  public record Subject(String consultation, JsonObject title, String visibility) {
  }

  static final String COMMENT = "comment";
  static final String ENDORSEMENT = "endorsement";
  static final String PROPOSAL = "proposal";
  static final String SIGNATURE = "signature";
  private static final String PUBLIC = "public";
  private static final Logger LOG = LoggerFactory.getLogger(Participation.class);

  private final ParticipationRepository store;
  private final Memberships memberships;

  public Participation(ParticipationRepository store, Memberships memberships) {
    this.store = store;
    this.memberships = memberships;
  }

  /** A person commented on a clause: listed for each organisation they belong to. */
  public Future<Void> commented(String userId, Subject subject, String clause, Instant at) {
    return logged(memberships.of(userId).compose(orgs -> Future.all(orgs.stream()
        .map(org -> store.put(org.getString("slug"), Map.of(commentKey(subject.consultation()),
            comment(subject, clause, at))))
        .toList())).mapEmpty());
  }

  /** An organisation endorsed an amendment (its id {@code {consultation}:{clause}:a{n}}). */
  public Future<Void> endorsed(String org, Subject subject, String amendment, Instant at) {
    return logged(store.put(org, Map.of(endorsementKey(amendment), endorsement(subject, amendment, at))));
  }

  /** A member proposed an amendment (its id {@code {consultation}:{clause}:a{n}}) for the organisation. */
  public Future<Void> proposed(String org, Subject subject, String amendment, Instant at) {
    return logged(store.put(org, Map.of("p:" + amendment, item(PROPOSAL, subject, at).put("amendment", amendment))));
  }

  /** An organisation signed a consultation's statement. */
  public Future<Void> signed(String org, Subject subject, Instant at) {
    return logged(store.put(org, Map.of(signatureKey(subject.consultation()), item(SIGNATURE, subject, at))));
  }

  /** An organisation withdrew its signature: no longer listed. */
  public Future<Void> withdrew(String org, String consultation) {
    return logged(store.remove(org, signatureKey(consultation)));
  }

  /**
   * The organisation's part in public consultations, newest first, at most {@code limit}, as {@code [{kind,
   * consultation, title, url, at}]}: one read by key.
   */
  public Future<List<JsonObject>> recentFor(String org, int limit) {
    if (org == null || limit <= 0) {
      return Future.succeededFuture(List.of());
    }
    return store.items(org).map(items -> items.stream()
        .filter(item -> PUBLIC.equals(item.getString("visibility")))
        .limit(limit)
        .map(Participation::view)
        .toList());
  }

  private static JsonObject view(JsonObject item) {
    String consultation = item.getString("consultation");
    String page = "/consultations/" + consultation;
    String url = switch (item.getString("kind")) {
      case COMMENT -> page + "#clause-" + item.getString("clause");
      case ENDORSEMENT, PROPOSAL -> page + "#amendment-" + item.getString("amendment").replace(':', '-');
      default -> page + "/statement";
    };
    return new JsonObject().put("kind", item.getString("kind")).put("consultation", consultation)
        .put("title", item.getJsonObject("title")).put("url", url).put("at", item.getString("at"));
  }

  /**
   * The start-up migration: fills the read model from the comments, endorsements and signatures stored before it
   * (a comment counts for the organisations its author belongs to now). Idempotent (items are keyed), and a no-op
   * once done. Answers how many items it wrote.
   */
  public Future<Integer> migrate() {
    return store.isBuilt().compose(built -> built ? Future.succeededFuture(0) : store.scan().compose(found -> {
      Map<String, Subject> subjects = new HashMap<>();
      found.get("consultations").forEach(c -> subjects.put(c.getString("_id"),
          new Subject(c.getString("_id"), c.getJsonObject("title"), c.getString("visibility"))));
      Map<String, Map<String, JsonObject>> byOrg = new LinkedHashMap<>();
      for (JsonObject endorsement : found.get("endorsements")) {
        String id = endorsement.getString("_id");
        Subject subject = subjects.get(consultationOf(id));
        int last = id.lastIndexOf(':');
        if (subject != null && last > 0) {
          String amendment = id.substring(0, last);
          byOrg.computeIfAbsent(id.substring(last + 1), o -> new LinkedHashMap<>()).put(endorsementKey(amendment),
              endorsement(subject, amendment, Dates.instant(endorsement.getValue("at"))));
        }
      }
      for (JsonObject signature : found.get("signatures")) {
        String id = signature.getString("_id");
        Subject subject = subjects.get(consultationOf(id));
        if (subject != null) {
          byOrg.computeIfAbsent(id.substring(id.indexOf(':') + 1), o -> new LinkedHashMap<>())
              .put(signatureKey(subject.consultation()),
                  item(SIGNATURE, subject, Dates.instant(signature.getValue("at"))));
        }
      }
      Map<String, List<JsonObject>> byAuthor = new LinkedHashMap<>();
      found.get("comments").forEach(comment -> byAuthor.computeIfAbsent(
          comment.getJsonObject("author", new JsonObject()).getString("id", ""), a -> new ArrayList<>()).add(comment));
      byAuthor.remove("");
      return Future.all(byAuthor.entrySet().stream().map(author -> memberships.of(author.getKey()).map(orgs -> {
        for (JsonObject comment : author.getValue()) {
          Subject subject = subjects.get(comment.getString("consultation"));
          Instant at = Dates.instant(comment.getValue("at"));
          if (subject == null || at == null) {
            continue;
          }
          for (JsonObject org : orgs) {
            byOrg.computeIfAbsent(org.getString("slug"), o -> new LinkedHashMap<>())
                .merge(commentKey(subject.consultation()), comment(subject, comment.getString("clause"), at),
                    (kept, other) -> Instant.parse(kept.getString("at")).isAfter(at) ? kept : other);
          }
        }
        return orgs;
      })).toList()).compose(v -> Future.all(byOrg.entrySet().stream()
          .map(org -> store.put(org.getKey(), org.getValue())).toList()))
          .compose(v -> {
            int items = byOrg.values().stream().mapToInt(Map::size).sum();
            return store.markBuilt(items).map(items);
          });
    }));
  }

  private static String consultationOf(String id) {
    int colon = id.indexOf(':');
    return colon < 0 ? id : id.substring(0, colon);
  }

  private static String commentKey(String consultation) {
    return "c:" + consultation;
  }

  private static String endorsementKey(String amendment) {
    return "e:" + amendment;
  }

  private static String signatureKey(String consultation) {
    return "s:" + consultation;
  }

  private static JsonObject comment(Subject subject, String clause, Instant at) {
    return item(COMMENT, subject, at).put("clause", clause);
  }

  private static JsonObject endorsement(Subject subject, String amendment, Instant at) {
    return item(ENDORSEMENT, subject, at).put("amendment", amendment);
  }

  private static JsonObject item(String kind, Subject subject, Instant at) {
    return new JsonObject().put("kind", kind).put("consultation", subject.consultation())
        .put("title", subject.title()).put("visibility", subject.visibility()).put("at", (at == null ? Instant.EPOCH : at).toString());
  }

  private static Future<Void> logged(Future<Void> recording) {
    return recording.recover(failure -> {
      LOG.warn("Could not record an organisation's part in a consultation: {}", failure.toString());
      return Future.succeededFuture();
    });
  }
}
