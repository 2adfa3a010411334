package vn.ngoforum.qa.events;

import io.vertx.core.Future;

/** What Q&amp;A asks of the NGO registry (wired by the composition root): whether an organisation is registered. */
@FunctionalInterface
public interface SpeakerOrganisations {

  /** Everything is unknown: the answer before the registry is wired in. */
  SpeakerOrganisations NONE = slug -> Future.succeededFuture(false);

  Future<Boolean> exists(String slug);
}
