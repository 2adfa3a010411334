package vn.ngoforum.auth;

import io.vertx.core.Future;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import vn.ngoforum.db.Dates;

/**
 * Who a person was at their last browser sign-in, as Keycloak described them then (name, realm roles): for
 * decisions the forum takes when that person is not the one asking, e.g. whether someone mentioned in a post may
 * read its thread. Roles change in Keycloak without the forum being told, so this is a snapshot with its date;
 * callers compare it with any later one they hold.
 */
public final class LastSignIn {

  /** The person as they were at {@code at}. */
  public record Seen(CurrentUser user, Instant at) {
  }

  private final UserRepository users;

  public LastSignIn(MongoClient mongo) {
    this.users = new UserRepository(mongo);
  }

  /** The person at their last browser sign-in, or {@code null} when they never signed in through the browser. */
  public Future<Seen> of(String userId) {
    return users.find(userId).map(doc -> {
      if (doc == null) {
        return null;
      }
      Instant at = Dates.instant(doc.getValue("lastSignInAt"));
      CurrentUser user = CurrentUser.fromJson(doc.copy().put("id", userId));
      return new Seen(user, at == null ? Instant.EPOCH : at);
    });
  }
}
