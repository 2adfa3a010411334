package vn.ngoforum.consultations.statement;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import vn.ngoforum.consultations.text.Part;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.consultations.amendments.Amendment;
import vn.ngoforum.consultations.amendments.AmendmentService;
import vn.ngoforum.consultations.documents.Consultation;
import vn.ngoforum.consultations.documents.ConsultationService;
import vn.ngoforum.consultations.documents.VerifiedAdmin;
import vn.ngoforum.consultations.recognition.Participation;
import vn.ngoforum.db.Dates;
import vn.ngoforum.error.ForumException;

/**
 * The rules of the joint statement: moderators write it while the consultation is not closed; admins of verified
 * organisations sign it for their organisation and may withdraw while the consultation is open (403 for anyone
 * else, checked first; 409 once it is closed, or before the statement is written). The adopted amendments are not
 * written into it: the page and the export list them from the amendments' decisions, so they never disagree.
 */
public record StatementService(StatementRepository store, ConsultationService consultations,
    AmendmentService amendments, Memberships memberships, Participation participation, Clock clock) {

  /**
   * The statement as read: the consultation, the statement ({@code null} before it is written), adopted ones, and
   * the parts of the consultation's text (to name the clauses the adopted amendments change).
   */
  public record Reading(Consultation consultation, JsonObject statement, List<Amendment> adopted, List<Part> parts) {
  }

  public Future<Reading> read(CurrentUser user, String id) {
    return consultations.read(user, id).compose(reading -> store.find(id)
        .compose(statement -> amendments.adopted(id)
            .map(adopted -> new Reading(reading.consultation(), statement, adopted, reading.parts()))));
  }

  public Future<JsonObject> write(CurrentUser moderator, String id, JsonObject intro, JsonObject conclusion) {
    return consultations.read(moderator, id).compose(reading -> {
      if (Consultation.CLOSED.equals(reading.consultation().status())) {
        throw ForumException.conflict("The consultation is closed: its statement is final.");
      }
      return store.write(id, intro, conclusion, moderator.id(), clock.instant()).map(StatementService::json);
    });
  }

  public Future<JsonObject> sign(CurrentUser user, String id, String org) {
    return signable(user, id, org).compose(signing -> {
      Instant at = clock.instant();
      return store.sign(id, org, signing.membership().getJsonObject("name"),
              signing.membership().getJsonObject("province"), user.id(), at)
          .compose(statement -> participation.signed(org, signing.consultation().subject(), signedAt(statement, org,
              at)).map(statement));
    }).compose(statement -> announce(id, statement));
  }

  public Future<JsonObject> withdraw(CurrentUser user, String id, String org) {
    return signable(user, id, org).compose(signing -> store.withdraw(id, org))
        .compose(statement -> participation.withdrew(org, id).map(statement))
        .compose(statement -> announce(id, statement));
  }

  /** When the organisation signed, as the statement lists it (signing again keeps the first time). */
  private static Instant signedAt(JsonObject statement, String org, Instant otherwise) {
    return statement.getJsonArray("signatories", new JsonArray()).stream().map(JsonObject.class::cast)
        .filter(s -> org.equals(s.getString("org"))).map(s -> Dates.instant(s.getValue("at"))).findFirst()
        .orElse(otherwise);
  }

  /** A signature or withdrawal that may go ahead: the consultation, and the signer's membership of the org. */
  private record Signing(Consultation consultation, JsonObject membership) {
  }

  /** The statement as answered, after its signatories are announced to the consultation's followers. */
  private Future<JsonObject> announce(String id, JsonObject statement) {
    JsonObject json = json(statement);
    return consultations.announce(id, "signature",
        new JsonObject().put("signatories", json.getJsonArray("signatories"))).map(json);
  }

  private Future<Signing> signable(CurrentUser user, String id, String org) {
    return consultations.read(user, id)
        .compose(reading -> VerifiedAdmin.of(memberships, user, org)
            .compose(membership -> store.find(id).map(statement -> {
              if (!Consultation.OPEN.equals(reading.consultation().status())) {
                throw ForumException.conflict("Signatures are taken only while the consultation is open.")
                    .withMessageKey("consultations.statement.notOpen");
              }
              if (statement == null) {
                throw ForumException.conflict("The moderators have not written the statement yet.")
                    .withMessageKey("consultations.statement.none");
              }
              return new Signing(reading.consultation(), membership);
            })));
  }

  /** {@code {intro, conclusion, signatories:[{org, name, province, verified, at}]}}. */
  public static JsonObject json(JsonObject statement) {
    JsonArray signatories = new JsonArray();
    statement.getJsonArray("signatories", new JsonArray()).forEach(s -> {
      JsonObject signatory = (JsonObject) s;
      signatories.add(new JsonObject().put("org", signatory.getString("org"))
          .put("name", signatory.getJsonObject("name")).put("province", signatory.getJsonObject("province"))
          .put("verified", true)
          .put("at", Dates.instant(signatory.getValue("at")).toString()));
    });
    return new JsonObject().put("intro", statement.getJsonObject("intro"))
        .put("conclusion", statement.getJsonObject("conclusion")).put("signatories", signatories);
  }
}
