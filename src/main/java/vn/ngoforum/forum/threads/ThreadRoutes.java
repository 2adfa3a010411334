package vn.ngoforum.forum.threads;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.forum.common.Requests;
import vn.ngoforum.realtime.EventBusBridge;
import vn.ngoforum.web.Idempotency;
import vn.ngoforum.web.JsonInput;
import vn.ngoforum.web.JsonResponses;

/**
 * Threads as JSON: a category's threads, starting a thread, reading one page by page, replying and catching up;
 * and who may follow a thread live ({@code forum.thread.{id}}): whoever may read it. Creates take an {@code
 * Idempotency-Key} header: a retried request creates once.
 *
 * <pre>
 *   GET  /api/v1/categories/{slug}/threads?page=   a category's threads   curl localhost:8080/api/v1/categories/field-reports/threads
 *   POST /api/v1/threads                            start a thread         curl -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"category":"field-reports","title":"Tuần tra","body":"…"}' localhost:8080/api/v1/threads
 *   GET  /api/v1/threads/{id}?page=                 a page of a thread     curl localhost:8080/api/v1/threads/$ID
 *   POST /api/v1/threads/{id}/posts                 reply                  curl -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"body":"…","quote":"$POST"}' localhost:8080/api/v1/threads/$ID/posts
 *   GET  /api/v1/threads/{id}/events?since=         what changed since     curl localhost:8080/api/v1/threads/$ID/events?since=3
 * </pre>
 */
public record ThreadRoutes(ThreadReader reader, Posting posting, ThreadAccess access, ThreadPageCache pageCache,
    Idempotency idempotency) {

  public void mount(Router router, EventBusBridge bridge) {
    router.get("/api/v1/categories/:slug/threads").handler(this::categoryThreads);
    router.post("/api/v1/threads").handler(Access.signedIn()).handler(this::start);
    router.get("/api/v1/threads/:id").handler(this::thread);
    router.post("/api/v1/threads/:id/posts").handler(Access.signedIn()).handler(this::reply);
    router.get("/api/v1/threads/:id/events").handler(this::events);
    bridge.threads(access::mayFollow);
  }

  private void categoryThreads(RoutingContext ctx) {
    reader.threadsOf(Requests.user(ctx), ctx.pathParam("slug"), CategoryListing.Place.of(ctx))
        .onSuccess(body -> JsonResponses.ok(ctx, body))
        .onFailure(ctx::fail);
  }

  private void start(RoutingContext ctx) {
    JsonInput in = JsonInput.of(ctx).allow("category", "title", "body", "attachments", "onBehalfOf");
    String category = in.requiredText("category", 100);
    String title = in.requiredText("title", Posting.TITLE_MAX);
    String body = in.requiredText("body", Posting.POST_MAX);
    Posting.Draft draft = new Posting.Draft(body, WritingInput.attachmentIds(in), List.of(),
        WritingInput.onBehalfOf(in));
    CurrentUser user = Requests.user(ctx);
    WritingInput.once(idempotency, ctx, user, ctx.request().getHeader(Idempotency.HEADER),
            () -> posting.startThread(user, category, title, draft, true))
        .onSuccess(created -> JsonResponses.created(ctx, created))
        .onFailure(ctx::fail);
  }

  /**
   * A page of a thread. Guests all get the same answer, so they share it: the bytes sent to the previous guest while
   * the thread is unchanged, kept with the guests' pages ({@link ThreadPageCache}, same versions, same drops). A
   * signed-in reader's answer is theirs (own posts and reactions, a hidden post's reason) and made for them.
   */
  private void thread(RoutingContext ctx) {
    CurrentUser user = Requests.user(ctx);
    String id = Requests.threadId(ctx);
    int page = Requests.page(ctx);
    if (user != null) {
      reader.thread(user, id, page)
          .onSuccess(body -> JsonResponses.ok(ctx, body))
          .onFailure(ctx::fail);
      return;
    }
    pageCache.forGuest(ThreadPageCache.apiSlot(id, page), id, access,
            readable -> reader.page(null, readable, page).map(body -> Buffer.buffer(body.encode())))
        .onSuccess(body -> JsonResponses.ok(ctx, body))
        .onFailure(ctx::fail);
  }

  private void reply(RoutingContext ctx) {
    String threadId = Requests.threadId(ctx);
    JsonInput in = JsonInput.of(ctx).allow("body", "quote", "attachments", "onBehalfOf");
    String body = in.requiredText("body", Posting.POST_MAX);
    String quote = WritingInput.quotedPost(in);
    Posting.Draft draft = new Posting.Draft(body, WritingInput.attachmentIds(in), List.of(),
        WritingInput.onBehalfOf(in));
    CurrentUser user = Requests.user(ctx);
    WritingInput.once(idempotency, ctx, user, ctx.request().getHeader(Idempotency.HEADER),
            () -> posting.reply(user, threadId, draft, quote))
        .onSuccess(created -> JsonResponses.created(ctx, created))
        .onFailure(ctx::fail);
  }

  private void events(RoutingContext ctx) {
    long since = Requests.longParam(ctx, "since", 0);
    reader.changesSince(Requests.user(ctx), Requests.threadId(ctx), since)
        .onSuccess(body -> JsonResponses.ok(ctx, body))
        .onFailure(ctx::fail);
  }
}
