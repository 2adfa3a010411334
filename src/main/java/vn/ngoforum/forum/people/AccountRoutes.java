package vn.ngoforum.forum.people;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.ZoneId;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.forum.common.Requests;

/**
 * A person's own account: their data as a file.
 *
 * <pre>
 *   GET  /api/v1/me/data    everything the forum holds about me, as a JSON file
 *                           curl -OJ -H "Authorization: Bearer $TOKEN" localhost:8080/api/v1/me/data
 * </pre>
 */
public record AccountRoutes(PersonalData data) {

  private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

  public void mount(Router router) {
    router.get("/api/v1/me/data").handler(Access.signedIn()).handler(this::download);
  }

  private void download(RoutingContext ctx) {
    CurrentUser user = Requests.user(ctx);
    data.of(user)
        .onSuccess(json -> ctx.response()
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
            .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
            .putHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"ngo-forum-data-"
                + LocalDate.now(VIETNAM) + ".json\"")
            .end(json.encodePrettily()))
        .onFailure(ctx::fail);
  }
}
