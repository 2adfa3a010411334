package vn.ngoforum.signin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mongo.MongoClient;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.AccountClosed;
import vn.ngoforum.auth.ClosedAccountRepository;
import vn.ngoforum.auth.ClosedAccounts;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.LastSignIn;
import vn.ngoforum.auth.RealmAccounts;

/**
 * A person closes their account. In this order, so that nothing is left half-done:
 * <ol>
 *   <li>the closing is noted ({@code closed_accounts}, state {@code closing});</li>
 *   <li>Keycloak disables the account and ends its sessions ({@link RealmAccounts}). If Keycloak does not do it, the
 *       note is taken back and the person is told: nothing changed;</li>
 *   <li>every node refuses the person from their next request ({@link ClosedAccounts}), the audit log keeps it, and
 *       the person is answered;</li>
 *   <li>in the background, each feature lets go ({@link AccountClosed}: memberships end, the profile and posts show
 *       a former member), then the closing is marked done. A step that fails is tried again after a pause, and a
 *       closing still unfinished when a node starts is finished then ({@link #resumeUnfinished}).</li>
 * </ol>
 * Closing a closed account again changes nothing.
 */
final class AccountClosing {

  private static final Logger LOG = LoggerFactory.getLogger(AccountClosing.class);
  /** Pauses before each new try of the background steps. */
  private static final long[] RETRY_SECONDS = {5, 30, 120, 600};

  private final Vertx vertx;
  private final RealmAccounts keycloak;
  private final ClosedAccountRepository closings;
  private final LastSignIn lastSignIn;
  private final AuditLog audit;
  private final List<AccountClosed> features;

  AccountClosing(Vertx vertx, MongoClient mongo, RealmAccounts keycloak, List<AccountClosed> features) {
    this.vertx = vertx;
    this.keycloak = keycloak;
    this.closings = new ClosedAccountRepository(mongo);
    this.lastSignIn = new LastSignIn(mongo);
    this.audit = new AuditLog(mongo);
    this.features = List.copyOf(features);
  }

  /**
   * Closes {@code person}'s account; answers once they can no longer sign in (503 when Keycloak did not disable
   * the account: then nothing changed). The features let go in the background.
   */
  Future<Void> close(CurrentUser person) {
    return closings.state(person.id()).compose(before -> {
      if (ClosedAccountRepository.DONE.equals(before)) {
        return Future.succeededFuture();
      }
      return closings.begin(person.id())
          .compose(v -> keycloak.disable(person.id()).recover(failure -> (before == null
              ? closings.forget(person.id()) : Future.<Void>succeededFuture())
              .transform(ignored -> Future.<Void>failedFuture(failure))))
          .compose(v -> {
            ClosedAccounts.closed(vertx, person.id());
            return audit.record(person, "account.close", "user", person.id(), null, null);
          })
          .onSuccess(v -> {
            LOG.info("{} closed their account", person.username());
            finish(person, 0);
          });
    });
  }

  /** Finishes the closings cut short (a node stopped, the store was away): at start-up, in the background. */
  void resumeUnfinished() {
    closings.unfinished()
        .onSuccess(ids -> ids.forEach(id -> lastSignIn.of(id)
            .map(seen -> seen == null ? new CurrentUser(id, null, null, null, null, java.util.Set.of()) : seen.user())
            .onSuccess(person -> {
              ClosedAccounts.closed(vertx, id);
              finish(person, 0);
            })))
        .onFailure(failure -> LOG.warn("Could not look for unfinished account closings: {}", failure.toString()));
  }

  private void finish(CurrentUser person, int attempt) {
    Future<Void> done = Future.succeededFuture();
    for (AccountClosed feature : features) {
      done = done.compose(v -> feature.accountClosed(person.id(), person));
    }
    done.compose(v -> closings.done(person.id()))
        .onFailure(failure -> {
          if (attempt < RETRY_SECONDS.length) {
            LOG.warn("Closing the account of {} is not finished ({}): trying again in {} s", person.username(),
                failure.toString(), RETRY_SECONDS[attempt]);
            vertx.setTimer(RETRY_SECONDS[attempt] * 1000, id -> finish(person, attempt + 1));
          } else {
            LOG.error("Closing the account of {} is not finished ({}): the next start-up finishes it",
                person.username(), failure.toString());
          }
        });
  }
}
