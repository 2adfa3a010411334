package vn.ngoforum.web;

import vn.ngoforum.error.ForumException;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/**
 * The page language: Vietnamese unless the person chose English, and the choice sticks (a cookie for a year).
 *
 * <p>{@code GET /lang/en?next=/orgs} switches and returns to the page the person was on; it is a plain link,
 * so it works without JavaScript.
 */
public final class Language {

  static final String COOKIE = "lang";
  private static final long ONE_YEAR_SECONDS = 365L * 24 * 3600;

  private final boolean secureCookie;

  public Language(boolean secureCookie) {
    this.secureCookie = secureCookie;
  }

  /** Puts the request's language into the view model. */
  public void detect(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    ctx.put(Views.LANG, I18n.supported(cookie == null ? null : cookie.getValue()));
    ctx.next();
  }

  /** {@code GET /lang/:code?next=/path}: remembers the choice and goes back. */
  public void choose(RoutingContext ctx) {
    String code = ctx.pathParam("code");
    if (!I18n.LANGUAGES.contains(code)) {
      ctx.fail(ForumException.notFound("No such language: " + code));
      return;
    }
    ctx.response().addCookie(Cookie.cookie(COOKIE, code)
        .setPath("/")
        .setMaxAge(ONE_YEAR_SECONDS)
        .setSameSite(CookieSameSite.LAX)
        .setSecure(secureCookie));
    ctx.redirect(LocalPath.next(ctx.request()));
  }

}
