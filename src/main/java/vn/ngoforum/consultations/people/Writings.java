package vn.ngoforum.consultations.people;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import vn.ngoforum.auth.PersonalDataPart;
import vn.ngoforum.consultations.amendments.Amendment;
import vn.ngoforum.consultations.amendments.AmendmentRepository;
import vn.ngoforum.consultations.documents.Comment;
import vn.ngoforum.consultations.documents.ConsultationRepository;
import vn.ngoforum.consultations.documents.WritingsRepository;

/**
 * Consultations' part of a person's data download: the clause comments and the amendments they wrote, with their
 * text, newest {@value #KEPT} of each. Read by key: the person's list ({@link WritingsRepository}), then the comments
 * and amendments by {@code _id $in}.
 */
public record Writings(WritingsRepository writings, ConsultationRepository comments, AmendmentRepository amendments)
    implements PersonalDataPart {

  /** The most comments (and amendments) a download lists. */
  static final int KEPT = 500;

  /**
   * {@code {consultationComments:[{id, consultation, clause, body, at, url}], amendments:[{id, consultation, clause,
   * kind, text, justification, status, supports, at, url}]}}, oldest first.
   */
  @Override
  public Future<JsonObject> of(String userId) {
    return writings.of(userId).compose(ids -> Future.all(
            comments.comments(newest(ids.getJsonArray(WritingsRepository.COMMENTS))),
            amendments.find(newest(ids.getJsonArray(WritingsRepository.AMENDMENTS))))
        .map(found -> new JsonObject()
            .put("consultationComments", new JsonArray(found.<List<Comment>>resultAt(0).stream()
                .filter(comment -> userId.equals(comment.authorId())).map(Writings::comment).toList()))
            .put("amendments", new JsonArray(found.<List<Amendment>>resultAt(1).stream()
                .filter(amendment -> userId.equals(amendment.authorId())).map(Writings::amendment).toList()))));
  }

  private static List<String> newest(JsonArray ids) {
    List<String> all = ids.stream().map(String.class::cast).toList();
    return all.subList(Math.max(0, all.size() - KEPT), all.size());
  }

  private static JsonObject comment(Comment comment) {
    return new JsonObject().put("id", comment.id()).put("consultation", comment.consultation())
        .put("clause", comment.clause()).put("body", comment.body()).put("at", comment.at().toString())
        .put("url", url(comment.consultation(), comment.clause()));
  }

  private static JsonObject amendment(Amendment amendment) {
    return new JsonObject().put("id", amendment.id()).put("consultation", amendment.consultation())
        .put("clause", amendment.clause()).put("kind", amendment.kind()).put("text", amendment.text())
        .put("justification", amendment.justification()).put("status", amendment.status())
        .put("supports", amendment.supports()).put("at", amendment.at().toString())
        .put("url", url(amendment.consultation(), amendment.clause()));
  }

  private static String url(String consultation, String clause) {
    return "/consultations/" + consultation + "#clause-" + clause;
  }
}
