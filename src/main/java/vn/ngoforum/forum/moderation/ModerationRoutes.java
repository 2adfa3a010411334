package vn.ngoforum.forum.moderation;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Role;
import vn.ngoforum.forum.common.Requests;
import vn.ngoforum.web.JsonInput;
import vn.ngoforum.web.JsonResponses;
import vn.ngoforum.web.Views;

/**
 * Moderation: moderators hide and show posts, lock, pin and move threads, and work through the flags readers raise.
 *
 * <pre>
 *   POST /api/v1/posts/{id}/moderate       moderators: hide or show   curl -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"action":"hide","reason":"spam"}' localhost:8080/api/v1/posts/$P/moderate
 *   POST /api/v1/threads/{id}/moderate     moderators: lock, unlock, pin, unpin, move   -d '{"action":"move","category":"policy-and-law","reason":"…"}'
 *   POST /api/v1/posts/{id}/flag           flag a post for the moderators   -d '{"reason":"…"}'
 *   GET  /api/v1/flags                     moderators: the open flags       curl -H "Authorization: Bearer $T" localhost:8080/api/v1/flags
 *   POST /api/v1/flags/{id}/resolve        moderators: hide or dismiss      -d '{"action":"dismiss","reason":"…"}'
 *   GET  /moderation/flags                 moderators: the review queue page
 *   POST /moderation/flags/{id}/resolve    its forms
 *   POST /p/{id}/flag                      the flag form of a post
 *   POST /p/{id}/moderate  /t/{id}/moderate   moderators' forms on the thread page (hide/show; lock/pin/move)
 * </pre>
 */
public record ModerationRoutes(ModerationService moderation, FlagService flags, Views views) {

  private static final Set<String> POST_ACTIONS = Set.of("hide", "show");
  private static final Set<String> THREAD_ACTIONS = Set.of("lock", "unlock", "pin", "unpin", "move");
  private static final Set<String> FLAG_ACTIONS = Set.of("hide", "dismiss");

  public ModerationRoutes {
    views.precompile(List.of("forum/flags"));
  }

  public void mount(Router router) {
    router.post("/api/v1/posts/:postId/moderate").handler(Access.role(Role.MODERATOR)).handler(this::moderatePost);
    router.post("/api/v1/threads/:id/moderate").handler(Access.role(Role.MODERATOR)).handler(this::moderateThread);
    router.post("/api/v1/posts/:postId/flag").handler(Access.signedIn()).handler(this::flag);
    router.get("/api/v1/flags").handler(Access.role(Role.MODERATOR)).handler(this::flags);
    router.post("/api/v1/flags/:flagId/resolve").handler(Access.role(Role.MODERATOR)).handler(this::resolveFlag);
    router.get("/moderation/flags").handler(Access.role(Role.MODERATOR)).handler(this::flagsPage);
    router.post("/moderation/flags/:flagId/resolve").handler(Access.role(Role.MODERATOR))
        .handler(this::resolveFlagForm);
    router.post("/p/:postId/flag").handler(Access.signedIn()).handler(this::flagForm);
    router.post("/p/:postId/moderate").handler(Access.role(Role.MODERATOR)).handler(this::moderatePostForm);
    router.post("/t/:id/moderate").handler(Access.role(Role.MODERATOR)).handler(this::moderateThreadForm);
  }

  private void moderatePost(RoutingContext ctx) {
    decide(ctx, Requests.postId(ctx), () -> JsonInput.of(ctx).allow("action", "reason"), POST_ACTIONS,
        moderation::moderatePost, post -> JsonResponses.ok(ctx, post));
  }

  private void moderateThread(RoutingContext ctx) {
    String threadId = Requests.threadId(ctx);
    JsonInput in = JsonInput.of(ctx).allow("action", "category", "reason");
    String action = in.choice("action", THREAD_ACTIONS, null);
    String category = in.optionalText("category", 100);
    String reason = in.optionalText("reason", ModerationService.REASON_MAX);
    moderation.moderateThread(Requests.user(ctx), threadId, action, category, reason)
        .onSuccess(thread -> JsonResponses.ok(ctx, thread))
        .onFailure(ctx::fail);
  }

  private void flag(RoutingContext ctx) {
    String postId = Requests.postId(ctx);
    String reason = JsonInput.of(ctx).allow("reason").requiredText("reason", ModerationService.REASON_MAX);
    flags.flag(Requests.user(ctx), postId, reason)
        .onSuccess(flag -> JsonResponses.created(ctx, flag))
        .onFailure(ctx::fail);
  }

  private void flags(RoutingContext ctx) {
    flags.openFlags(Requests.user(ctx))
        .onSuccess(list -> JsonResponses.ok(ctx, new JsonObject().put("flags", new JsonArray(list))))
        .onFailure(ctx::fail);
  }

  private void resolveFlag(RoutingContext ctx) {
    decide(ctx, flagId(ctx), () -> JsonInput.of(ctx).allow("action", "reason"), FLAG_ACTIONS, flags::resolve,
        body -> JsonResponses.ok(ctx, body));
  }

  private void flagsPage(RoutingContext ctx) {
    flags.openFlags(Requests.user(ctx))
        .onSuccess(list -> {
          ctx.put("flags", list);
          views.render(ctx, "forum/flags");
        })
        .onFailure(ctx::fail);
  }

  private void resolveFlagForm(RoutingContext ctx) {
    decide(ctx, flagId(ctx), () -> Requests.form(ctx, "action", "reason"), FLAG_ACTIONS, flags::resolve,
        body -> ctx.redirect("/moderation/flags"));
  }

  private void flagForm(RoutingContext ctx) {
    String postId = Requests.postId(ctx);
    String reason = Requests.form(ctx, "reason").requiredText("reason", ModerationService.REASON_MAX);
    flags.flag(Requests.user(ctx), postId, reason)
        .onSuccess(flag -> ctx.redirect(flag.getString("url")))
        .onFailure(ctx::fail);
  }

  private void moderatePostForm(RoutingContext ctx) {
    decide(ctx, Requests.postId(ctx), () -> Requests.form(ctx, "action", "reason"), POST_ACTIONS,
        moderation::moderatePost, post -> ctx.redirect(post.getString("url")));
  }

  private void moderateThreadForm(RoutingContext ctx) {
    String threadId = Requests.threadId(ctx);
    JsonInput in = Requests.form(ctx, "action", "category", "reason");
    String action = in.choice("action", THREAD_ACTIONS, null);
    String category = in.optionalText("category", 100);
    String reason = in.optionalText("reason", ModerationService.REASON_MAX);
    moderation.moderateThread(Requests.user(ctx), threadId, action,
            category == null || category.isEmpty() ? null : category, reason)
        .onSuccess(thread -> ctx.redirect(thread.getString("url")))
        .onFailure(ctx::fail);
  }

  /**
   * A moderator's decision ({@code action}, {@code reason}) on the post or flag {@code id}, the same from the API
   * and from the page's form; {@code done} answers.
   */
  private static void decide(RoutingContext ctx, String id, Supplier<JsonInput> input, Set<String> actions,
      Decision decision, Handler<JsonObject> done) {
    JsonInput in = input.get();
    decision.apply(Requests.user(ctx), id, in.choice("action", actions, null),
            in.optionalText("reason", ModerationService.REASON_MAX))
        .onSuccess(done)
        .onFailure(ctx::fail);
  }

  /** A service's decision on a post or a flag. */
  private interface Decision {
    Future<JsonObject> apply(CurrentUser moderator, String id, String action, String reason);
  }

  private static String flagId(RoutingContext ctx) {
    return Requests.id(ctx, "flagId", "There is no such flag.");
  }
}
