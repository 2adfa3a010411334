package vn.ngoforum.forum.people;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.forum.common.Requests;
import vn.ngoforum.web.FormErrors;
import vn.ngoforum.web.JsonResponses;
import vn.ngoforum.web.Views;

/**
 * People's profiles.
 *
 * <pre>
 *   GET  /u/{username}                the profile page                curl localhost:8080/u/lan
 *   GET  /api/v1/users/{username}     the same, as JSON               curl localhost:8080/api/v1/users/lan
 *   GET  /people/{id}                 → the profile (author links)    curl -i localhost:8080/people/$ID
 *   POST /settings/profile            the person's new display name   (the form on their own profile)
 * </pre>
 */
public record ProfileRoutes(Profiles profiles, Views views) {

  static final String VIEW = "forum/person";
  private static final List<String> FIELDS = List.of("name");

  public ProfileRoutes {
    views.precompile(List.of(VIEW));
  }

  public void mount(Router router) {
    router.get("/u/:username").handler(this::page);
    router.get("/api/v1/users/:username").handler(this::json);
    router.get("/people/:id").handler(this::byId);
    router.post("/settings/profile").handler(Access.signedIn()).handler(this::rename);
  }

  private void page(RoutingContext ctx) {
    page(ctx, ctx.pathParam("username"), 200);
  }

  private void page(RoutingContext ctx, String username, int status) {
    CurrentUser reader = Requests.user(ctx);
    profiles.of(reader, username)
        .onSuccess(profile -> {
          ctx.put("profile", profile);
          ctx.put("mine", reader != null && reader.username() != null
              && reader.username().equalsIgnoreCase(profile.getString("username")));
          views.render(ctx, VIEW, status);
        })
        .onFailure(ctx::fail);
  }

  private void json(RoutingContext ctx) {
    profiles.of(Requests.user(ctx), ctx.pathParam("username"))
        .onSuccess(profile -> JsonResponses.ok(ctx, profile))
        .onFailure(ctx::fail);
  }

  private void byId(RoutingContext ctx) {
    profiles.usernameOf(Requests.id(ctx, "id", "No such person."))
        .onSuccess(username -> ctx.redirect(url(username)))
        .onFailure(ctx::fail);
  }

  private void rename(RoutingContext ctx) {
    CurrentUser user = Requests.user(ctx);
    profiles.rename(user, ctx.request().getFormAttribute("name"))
        .onSuccess(v -> ctx.redirect(url(user.username())))
        .onFailure(failure -> FormErrors.show(ctx, failure, "people", FIELDS,
            status -> page(ctx, user.username(), status)));
  }

  static String url(String username) {
    return "/u/" + URLEncoder.encode(username, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
