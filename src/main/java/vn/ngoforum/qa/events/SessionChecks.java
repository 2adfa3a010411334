package vn.ngoforum.qa.events;

import io.vertx.core.Future;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import vn.ngoforum.error.ForumException;

/**
 * What a session must satisfy before it is stored, by the API and the pages alike: it ends after it starts, its
 * stream link is an https address, and each speaker's organisation is one the registry knows.
 */
record SessionChecks(SpeakerOrganisations organisations) {

  private static final int MAX_LINK = 500;

  /** Succeeds when {@code session} may be stored; else a 400 about the field at fault. */
  Future<Void> check(Session session) {
    if (session.endsBeforeItStarts()) {
      return Future.failedFuture(EventService.endsTooEarly());
    }
    if (session.stream() != null && !session.stream().isEmpty() && !isHttps(session.stream())) {
      return Future.failedFuture(ForumException.invalid("stream", "The stream link must be an https:// address."));
    }
    List<String> slugs = List.copyOf(Speaker.organisations(session.speakers()));
    return Steps.each(slugs, slug -> organisations.exists(slug).compose(known -> known ? Future.succeededFuture()
        : Future.failedFuture(ForumException.invalid("speakers", "No organisation '" + slug + "' in the registry.")
            .withMessageKey("qa.error.speaker_organisation"))));
  }

  static boolean isHttps(String link) {
    try {
      URI uri = new URI(link);
      return link.length() <= MAX_LINK && "https".equals(uri.getScheme()) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
