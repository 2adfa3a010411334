package vn.ngoforum.consultations;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The consultations an organisation took part in, for its public profile: the registry asks, consultations answer
 * ({@link ConsultationsModule#organisationConsultations()}).
 */
@FunctionalInterface
public interface OrganisationConsultations {

  /** Nothing yet: the answer until consultations provide one. */
  OrganisationConsultations NONE = (slug, limit) -> Future.succeededFuture(List.of());

  /**
   * The newest part organisation {@code slug} took in public consultations, newest first, as
   * {@code [{kind:"comment"|"proposal"|"endorsement"|"signature", consultation, title:{vi,en}, url, at}]}
   * ({@code at}: an ISO-8601 instant): its members commented on a clause, a member proposed an amendment for it, it
   * endorsed an amendment, it signed the statement.
   */
  Future<List<JsonObject>> recentFor(String slug, int limit);
}
