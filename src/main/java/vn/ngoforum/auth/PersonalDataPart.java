package vn.ngoforum.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * A feature's part of a person's "download my data" file: what the person wrote there (Q&amp;A their questions,
 * consultations their comments and amendments). Each feature answers for what it keeps, read by key and bounded, so
 * the download needs none of its repositories. The composition root hands the features' parts to the forum, which
 * serves the download.
 */
@FunctionalInterface
public interface PersonalDataPart {

  /** Nothing kept. */
  PersonalDataPart NONE = userId -> Future.succeededFuture(new JsonObject());

  /** The feature's part for {@code userId}: {@code {<name>: [...], ...}}, merged into the download's top level. */
  Future<JsonObject> of(String userId);
}
