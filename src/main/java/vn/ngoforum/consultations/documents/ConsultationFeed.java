package vn.ngoforum.consultations.documents;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.realtime.Addresses;
import vn.ngoforum.realtime.LiveEvent;

/**
 * What browsers following {@code consultation.{id}} receive, and the one way consultations publish it. Each change
 * is published after it is stored, with the consultation's next {@code seq} (one {@code $inc} on its document), and
 * the announcement itself is kept under that seq before it is published, so a page that reconnects asks for what it
 * missed ({@code GET /api/v1/consultations/{id}/events?since=}) and gets the same bodies:
 *
 * <pre>
 *   {type:"comment", id, seq, clause, count, comment:{…}}                 a clause comment; count: the clause's
 *   {type:"amendment", id, seq, clause, count, amendment:{…}}             proposed (count: the clause's) or decided
 *   {type:"support", id, seq, amendment, supports}                        one more person supports it
 *   {type:"endorsement", id, seq, amendment, endorsementCount, endorsements}
 *   {type:"signature", id, seq, signatories:[…]}                           the statement signed or withdrawn
 *   {type:"version", id, seq, version, url}                                a moderator imported a new version
 * </pre>
 * A change that is stored but whose announcement fails is logged, not failed: the page shows it on the next load
 * (an announcement that could not be kept is still published; a page that missed it sees the gap and reloads).
 */
public record ConsultationFeed(Vertx vertx, ConsultationRepository store) {

  private static final Logger LOG = LoggerFactory.getLogger(ConsultationFeed.class);

  /** Takes the next seq and publishes {@code body} with its type, the consultation's id and that seq. */
  public Future<Void> publish(String consultationId, String type, JsonObject body) {
    return store.nextSeq(consultationId)
        .compose(seq -> {
          JsonObject event = body.copy().put("type", type).put("id", consultationId).put("seq", seq);
          return store.keepEvent(consultationId, seq, event)
              .onComplete(kept -> LiveEvent.publish(vertx, Addresses.consultation(consultationId), event));
        })
        .recover(failure -> {
          LOG.warn("Could not announce a {} on consultation {}: {}", type, consultationId, failure.toString());
          return Future.succeededFuture();
        });
  }
}
