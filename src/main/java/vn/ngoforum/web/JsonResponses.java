package vn.ngoforum.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes the JSON API's successful answers (failures go through {@link FailureHandler}). */
public final class JsonResponses {

  private JsonResponses() {
  }

  public static void ok(RoutingContext ctx, JsonObject body) {
    send(ctx, 200, body.encode());
  }

  /** 200 with a JSON body already encoded (an answer kept for the next readers). */
  public static void ok(RoutingContext ctx, Buffer body) {
    headers(ctx, 200).end(body);
  }

  public static void ok(RoutingContext ctx, JsonArray body) {
    send(ctx, 200, body.encode());
  }

  public static void created(RoutingContext ctx, JsonObject body) {
    send(ctx, 201, body.encode());
  }

  /** 202: taken, decided by someone else later (a join request, a request for verification). */
  public static void accepted(RoutingContext ctx, JsonObject body) {
    send(ctx, 202, body.encode());
  }

  /** 409 with a body saying what the request clashed with (e.g. the question as another moderator left it). */
  public static void conflict(RoutingContext ctx, JsonObject body) {
    send(ctx, 409, body.encode());
  }

  private static void send(RoutingContext ctx, int status, String body) {
    headers(ctx, status).end(body);
  }

  private static HttpServerResponse headers(RoutingContext ctx, int status) {
    return ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
  }
}
