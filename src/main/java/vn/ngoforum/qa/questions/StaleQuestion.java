package vn.ngoforum.qa.questions;

import vn.ngoforum.error.ForumException;

/**
 * 409: another moderator changed the question first; it no longer has the status this action expected. Carries the
 * question as it is now, which the API answers with and the moderation page shows.
 */
public final class StaleQuestion extends ForumException {

  private final transient Question current;

  StaleQuestion(Question current) {
    super(409, "conflict", "Another moderator changed this question first: it is now " + current.status() + ".");
    this.current = current;
    withMessageKey("qa.mod.conflict");
  }

  public Question current() {
    return current;
  }
}
