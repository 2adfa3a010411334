package vn.ngoforum.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.vertx.ext.auth.oauth2.providers.OpenIDConnectAuth;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.config.AppConfig;

/**
 * The forum's connection to Keycloak: OpenID Connect discovery of the realm, kept up to date.
 *
 * <p>The forum must start and serve public pages while Keycloak is away, so discovery never fails the start-up:
 * the first attempt is awaited (so a healthy start is ready at once), later attempts run in the background with
 * a growing pause until one works. Until then {@link #provider()} is empty and sign-in answers 503.
 */
public final class Oidc {

  private static final Logger LOG = LoggerFactory.getLogger(Oidc.class);
  private static final long FIRST_RETRY_MILLIS = 1_000;
  private static final long MAX_RETRY_MILLIS = 30_000;

  private final Vertx vertx;
  private final AppConfig config;
  private volatile OAuth2Auth provider;
  private volatile RealmTokens tokens;
  private volatile boolean closed;
  private final AtomicLong lastProviderKeyReload = new AtomicLong(System.nanoTime());

  public Oidc(Vertx vertx, AppConfig config) {
    this.vertx = vertx;
    this.config = config;
  }

  /** Tries discovery once; on failure keeps trying in the background. The future always succeeds. */
  public Future<Void> start() {
    return discover().otherwise(failure -> {
      LOG.warn("Keycloak realm {} cannot be reached ({}); sign-in answers 503 and discovery is retried",
          config.realmUrl(), failure.getMessage());
      retryAfter(FIRST_RETRY_MILLIS);
      return null;
    });
  }

  /** The realm's OpenID Connect provider, once discovery has worked. */
  public Optional<OAuth2Auth> provider() {
    return Optional.ofNullable(provider);
  }

  /** The realm's tokens (local checks, refresh), once discovery has worked; empty exactly when the provider is. */
  public Optional<RealmTokens> tokens() {
    return provider == null ? Optional.empty() : Optional.ofNullable(tokens);
  }

  public void close() {
    closed = true;
    RealmTokens current = tokens;
    if (current != null) {
      current.close();
    }
  }

  private void retryAfter(long delay) {
    if (closed) {
      return;
    }
    vertx.setTimer(delay, id -> discover()
        .onSuccess(v -> LOG.info("Keycloak realm {} is reachable again: sign-in works", config.realmUrl()))
        .onFailure(failure -> retryAfter(Math.min(delay * 2, MAX_RETRY_MILLIS))));
  }

  private Future<Void> discover() {
    OAuth2Options options = new OAuth2Options()
        .setSite(config.realmUrl())
        .setClientId(config.keycloakClientId())
        .setClientSecret(config.keycloakClientSecret())
        // With an internal Keycloak address (docker-compose) the discovered issuer is the public one; it is
        // checked below against the configured public URL instead.
        .setValidateIssuer(config.issuer().equals(config.realmUrl()))
        .setHttpClientOptions(new HttpClientOptions()
            .setConnectTimeout(3_000)
            .setIdleTimeout(30));
    return OpenIDConnectAuth.discover(vertx, options).compose(discovered -> {
      String issuer = options.getJWTOptions() == null ? null : options.getJWTOptions().getIssuer();
      if (!config.issuer().equals(issuer)) {
        discovered.close();
        return Future.failedFuture("the realm names issuer " + issuer + ", expected " + config.issuer());
      }
      // Keycloak rotates its keys: reload the key set when a token from the code exchange names a key we do not
      // know, at most once per pause (Bearer and logout tokens never reach the provider: see RealmTokens).
      discovered.missingKeyHandler(keyId -> {
        long last = lastProviderKeyReload.get();
        long now = System.nanoTime();
        if (now - last >= TimeUnit.MILLISECONDS.toNanos(RealmTokens.KEY_RELOAD_PAUSE_MILLIS)
            && lastProviderKeyReload.compareAndSet(last, now)) {
          discovered.jWKSet();
        }
      });
      return RealmTokens.load(vertx, options.getJwkPath(), options.getTokenPath(), issuer,
              config.keycloakClientId(), config.keycloakClientSecret())
          .onFailure(failure -> discovered.close())
          .map(loaded -> {
            tokens = loaded;
            provider = discovered;
            return null;
          });
    });
  }
}
