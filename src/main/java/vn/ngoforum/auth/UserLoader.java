package vn.ngoforum.auth;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.error.ForumException;

/**
 * Finds out who is making the request and puts the {@link CurrentUser} on it.
 *
 * <p>An {@code Authorization: Bearer} access token wins: it must be signed by one of the realm's keys, name the realm
 * as issuer and the forum's client in {@code aud}, be an access token and not be expired, else 401. The forum checks
 * it itself ({@link RealmTokens}): no token, good or bad, costs a call to Keycloak. Otherwise the browser session's
 * user, if any, kept in step with Keycloak as {@link SessionUser} describes (refreshed when the access token has
 * expired, ended when Keycloak refuses or the session's time is up). A person who closed their account
 * ({@link ClosedAccounts}) is signed in by neither: their session ends, their token gets 401. Anonymous requests
 * simply carry no user.
 *
 * @param events told when a session ends here, or its person's roles change on a refresh
 */
public record UserLoader(Oidc oidc, SessionEvents events) implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(UserLoader.class);

  @Override
  public void handle(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      authenticateBearer(ctx, authorization.substring(7).trim());
      return;
    }
    Session session = Sessions.existing(ctx).orElse(null);
    if (session == null) {
      ctx.next();
      return;
    }
    Instant now = Instant.now();
    SessionUser.Verdict verdict = SessionUser.verdict(session, now);
    if (verdict != SessionUser.Verdict.NONE && ClosedAccounts.isClosed(ctx.vertx(), SessionUser.user(session).id())) {
      end(ctx, session, "the account is closed");
      ctx.next();
      return;
    }
    switch (verdict) {
      case NONE -> ctx.next();
      case CURRENT -> signedIn(ctx, SessionUser.user(session));
      case END -> {
        end(ctx, session, "its time is up");
        ctx.next();
      }
      case REFRESH -> refresh(ctx, session, now);
    }
  }

  private void refresh(RoutingContext ctx, Session session, Instant now) {
    RealmTokens tokens = oidc.tokens().orElse(null);
    if (tokens == null) {
      SessionUser.unanswered(session, now);
      signedIn(ctx, SessionUser.user(session));
      return;
    }
    // The request is held (see web's BeforeBody) until the person is known, so its body waits for this answer.
    tokens.refresh(SessionUser.refreshToken(session)).onComplete(done -> {
      Instant at = Instant.now();
      RealmTokens.Refresh outcome = done.result();
      if (outcome instanceof RealmTokens.Refreshed refreshed) {
        CurrentUser before = SessionUser.user(session);
        CurrentUser after = SessionUser.refreshed(session, refreshed.tokens(), refreshed.claims(), at);
        if (!before.roles().equals(after.roles())) {
          events.rolesChanged(session.id());
        }
        signedIn(ctx, after);
      } else if (outcome instanceof RealmTokens.Refused refused) {
        end(ctx, session, "Keycloak refused to refresh it (" + refused.reason() + ")");
        ctx.next();
      } else {
        LOG.warn("Keycloak did not refresh a session's tokens ({}): the person keeps their roles, retry in {} s",
            ((RealmTokens.Unreachable) outcome).reason(), SessionUser.RETRY_PAUSE.toSeconds());
        SessionUser.unanswered(session, at);
        signedIn(ctx, SessionUser.user(session));
      }
    });
  }

  /** Ends a forum session that Keycloak no longer backs: the request goes on anonymous, the cookie is cleared. */
  private void end(RoutingContext ctx, Session session, String why) {
    LOG.info("Forum session of {} ended: {}", SessionUser.user(session).username(), why);
    events.ended(session.id());
    session.destroy();
  }

  private static void signedIn(RoutingContext ctx, CurrentUser user) {
    ctx.put(CurrentUser.CONTEXT_KEY, user);
    ctx.next();
  }

  private void authenticateBearer(RoutingContext ctx, String token) {
    RealmTokens tokens = oidc.tokens().orElse(null);
    if (tokens == null) {
      ctx.fail(ForumException.unavailable("Sign-in is temporarily unavailable: access tokens cannot be checked.",
          30));
      return;
    }
    if (token.isEmpty()) {
      ctx.fail(ForumException.unauthorized("The Authorization header carries no token."));
      return;
    }
    // Checking is synchronous but for a rare key reload: keep the body until the next handler wants it.
    boolean paused = !ctx.request().isEnded();
    if (paused) {
      ctx.request().pause();
    }
    tokens.accessToken(token).onComplete(checked -> {
      if (paused) {
        ctx.request().resume();
      }
      if (checked.succeeded() && !ClosedAccounts.isClosed(ctx.vertx(), checked.result().getString("sub"))) {
        signedIn(ctx, CurrentUser.fromClaims(checked.result(), null));
      } else {
        ctx.fail(ForumException.unauthorized("The access token is invalid or expired."));
      }
    });
  }
}
