package vn.ngoforum.consultations.amendments;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.consultations.documents.ClauseAmendments;
import vn.ngoforum.consultations.documents.Consultation;
import vn.ngoforum.consultations.documents.ConsultationService;
import vn.ngoforum.consultations.documents.VerifiedAdmin;
import vn.ngoforum.consultations.recognition.Participation;
import vn.ngoforum.consultations.text.Part;
import vn.ngoforum.consultations.text.WordDiff;
import vn.ngoforum.error.ForumException;

/**
 * The rules of amendments. Members propose one on a clause of an open consultation (404 for a clause it does not
 * have); members support one, once each (a second support is a 409: the count is of people, and a client learns
 * its support was already counted); an admin of a <em>verified</em> organisation endorses one for it, once per
 * organisation (403 for anyone else); moderators adopt or decline one with a reason. An amendment on a clause the
 * current version of the text no longer has ("on an earlier version") can only be declined: supporting, endorsing
 * or adopting it is a 409, since what it changes is gone. Whoever may not read the consultation gets a 404, as if
 * the amendment did not exist.
 */
public record AmendmentService(AmendmentRepository store, ConsultationService consultations, Memberships memberships,
    Participation participation, Clock clock) implements ClauseAmendments {

  /**
   * What a member proposes: the kind, the new wording (none for a deletion), why, and the verified organisation
   * they speak for ({@code onBehalfOf}, its slug; {@code null}: in their own name).
   */
  public record Proposal(String kind, String text, String justification, String onBehalfOf) {

    public Proposal(String kind, String text, String justification) {
      this(kind, text, justification, null);
    }
  }

  /**
   * A member's amendment on a clause of an open consultation, in their own name or for a verified organisation they
   * are an approved member of (403 about {@code onBehalfOf} for any other); one proposed for an organisation is
   * listed on its profile.
   */
  public Future<Amendment> propose(CurrentUser user, String id, String clauseId, Proposal proposal) {
    return memberRights(user, "Proposing amendments needs member rights.")
        .compose(v -> speakingFor(user, proposal.onBehalfOf()))
        .compose(organisation -> consultations.read(user, id).compose(reading -> {
          Part part = reading.part(clauseId);
          if (part == null) {
            throw ForumException.notFound("This consultation has no clause '" + clauseId + "'.");
          }
          requireOpen(reading.consultation());
          return store.next(id, clauseId).compose(n -> {
            String current = part.text();
            String text = Amendment.DELETE.equals(proposal.kind()) ? "" : proposal.text();
            String before = Amendment.INSERT_AFTER.equals(proposal.kind()) ? "" : current;
            Amendment amendment = new Amendment(id + ":" + clauseId + ":a" + n, id, clauseId, proposal.kind(), text,
                proposal.justification(), current, WordDiff.of(before, text), user.id(), user.name(),
                clock.instant(), 0, new JsonArray(), Amendment.PROPOSED, null, organisation);
            return store.insert(amendment)
                .compose(v -> organisation == null ? Future.<Void>succeededFuture()
                    : participation.proposed(organisation.getString("slug"), reading.consultation().subject(),
                        amendment.id(), amendment.at()))
                .compose(v -> announce(amendment, new JsonObject().put("count", n)))
                .map(amendment);
          });
        }));
  }

  /**
   * The organisation a proposal speaks for, {@code {slug, name}} ({@code null} for none): a verified one the person
   * is an approved member of, else 403 about {@code onBehalfOf}.
   */
  private Future<JsonObject> speakingFor(CurrentUser user, String slug) {
    if (slug == null) {
      return Future.succeededFuture();
    }
    return VerifiedAdmin.speakable(memberships, user).map(orgs -> orgs.stream()
        .filter(org -> slug.equals(org.getString("slug")))
        .findFirst()
        .orElseThrow(() -> ForumException.forbidden("You may propose only for a verified organisation you are an"
            + " approved member of.").about("onBehalfOf").withMessageKey("consultations.amendment.onBehalfOfInvalid")));
  }

  /** A member's support: answers the new number of supports; 409 the second time. */
  public Future<Integer> support(CurrentUser user, String amendmentId) {
    return memberRights(user, "Supporting amendments needs member rights.")
        .compose(v -> readable(user, amendmentId))
        .compose(found -> {
          requireOpen(found.consultation());
          requireCurrent(found);
          return store.support(amendmentId, user.id(), clock.instant());
        })
        .compose(supports -> consultations.announce(Amendment.consultationOf(amendmentId), "support",
            new JsonObject().put("amendment", amendmentId).put("supports", supports)).map(supports));
  }

  /** An endorsement for a verified organisation this person is an admin of (403 otherwise); 409 the second time. */
  public Future<Amendment> endorse(CurrentUser user, String amendmentId, String org) {
    return readable(user, amendmentId)
        .compose(found -> VerifiedAdmin.of(memberships, user, org).compose(membership -> {
          requireOpen(found.consultation());
          requireCurrent(found);
          Instant at = clock.instant();
          return store.endorse(amendmentId, org, membership.getJsonObject("name"), user.id(), at)
              .compose(endorsed -> participation.endorsed(org, found.consultation().subject(), amendmentId, at)
                  .map(endorsed));
        }))
        .compose(endorsed -> consultations.announce(endorsed.consultation(), "endorsement", new JsonObject()
            .put("amendment", endorsed.id()).put("endorsementCount", endorsed.endorsements().size())
            .put("endorsements", endorsed.endorsements())).map(endorsed));
  }

  /** A moderator's decision; a decline needs its reason. */
  public Future<Amendment> decide(CurrentUser moderator, String amendmentId, String decision, String reason) {
    if (Amendment.DECLINED.equals(decision) && (reason == null || reason.isBlank())) {
      return Future.failedFuture(ForumException.invalid("reason", "A declined amendment needs its reason."));
    }
    return readable(moderator, amendmentId)
        .compose(found -> {
          if (Amendment.ADOPTED.equals(decision)) {
            requireCurrent(found);
          }
          return store.decide(found.amendment(), decision, reason, moderator.id(), clock.instant());
        })
        .compose(decided -> announce(decided, new JsonObject()).map(decided));
  }

  /** The adopted amendments of a consultation, oldest first. */
  public Future<List<Amendment>> adopted(String consultationId) {
    return store.counts(consultationId).compose(counts -> store.find(
        counts.getJsonArray("adopted", new JsonArray()).stream().map(String::valueOf).toList()));
  }

  /** The amendments ids this person supports among these (empty for a guest). */
  public Future<List<String>> supportedBy(CurrentUser user, List<String> amendmentIds) {
    return user == null ? Future.succeededFuture(List.of()) : store.supportedBy(user.id(), amendmentIds);
  }

  /** From the per-consultation counts document, read by {@code _id}: no amendment is read. */
  @Override
  public Future<JsonObject> counts(String consultationId) {
    return store.counts(consultationId).map(counts -> counts.getJsonObject("counts", new JsonObject()));
  }

  /**
   * Every amendment of a consultation, oldest first: their ids come from the per-consultation counts document (read
   * by {@code _id}), then they are read by {@code _id $in}.
   */
  public Future<List<Amendment>> all(String consultationId) {
    return store.counts(consultationId).compose(counts -> {
      JsonObject perClause = counts.getJsonObject("counts", new JsonObject());
      List<String> ids = new ArrayList<>();
      for (String clause : perClause.fieldNames()) {
        for (int n = 1; n <= perClause.getInteger(clause, 0); n++) {
          ids.add(consultationId + ":" + clause + ":a" + n);
        }
      }
      return store.find(ids);
    });
  }

  @Override
  public Future<Map<String, List<JsonObject>>> byClause(String consultationId) {
    return all(consultationId).map(all -> {
      Map<String, List<JsonObject>> byClause = new HashMap<>();
      all.forEach(a -> byClause.computeIfAbsent(a.clause(), k -> new ArrayList<>()).add(a.json()));
      return byClause;
    });
  }

  /** An amendment proposed or decided, to the consultation's followers. */
  private Future<Void> announce(Amendment amendment, JsonObject body) {
    return consultations.announce(amendment.consultation(), "amendment",
        body.put("clause", amendment.clause()).put("amendment", amendment.json()));
  }

  /** An amendment, its consultation, and whether the current version of the text still has its clause. */
  private record Found(Amendment amendment, Consultation consultation, boolean current) {
  }

  private Future<Found> readable(CurrentUser user, String amendmentId) {
    return consultations.read(user, Amendment.consultationOf(amendmentId))
        .recover(failure -> Future.failedFuture(failure instanceof ForumException known && known.status() == 404
            ? noSuchAmendment() : failure))
        .compose(reading -> store.find(amendmentId).map(amendment -> {
          if (amendment == null) {
            throw noSuchAmendment();
          }
          return new Found(amendment, reading.consultation(), reading.part(amendment.clause()) != null);
        }));
  }

  private Future<Void> memberRights(CurrentUser user, String message) {
    return memberships.hasMemberRights(user).map(member -> {
      if (!member) {
        throw ForumException.forbidden(message);
      }
      return null;
    });
  }

  private static void requireOpen(Consultation consultation) {
    if (!Consultation.OPEN.equals(consultation.status())) {
      throw ForumException.conflict("This consultation is not open.").withMessageKey("consultations.notOpen");
    }
  }

  private static void requireCurrent(Found found) {
    if (!found.current()) {
      throw ForumException.conflict("This amendment is on an earlier version of the text: it can only be declined.")
          .withMessageKey("consultations.amendment.earlierOnly");
    }
  }

  private static ForumException noSuchAmendment() {
    return ForumException.notFound("There is no such amendment.").withMessageKey("consultations.amendment.notFound");
  }
}
