package vn.ngoforum.web;

import vn.ngoforum.error.ForumException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.db.Mongo;

/**
 * The one place where failures become responses.
 *
 * <p>The API ({@code /api/...}) answers JSON {@code {"error": code, "message": text}}; pages answer the error
 * page in the person's language. {@link ForumException}s carry their own status; MongoDB being unreachable
 * becomes 503 with {@code Retry-After}; anything else is a 500 that is logged once here, with the request, and
 * never shown to the person (no stack traces, no internal messages).
 */
public record FailureHandler(Views views, I18n i18n) implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);
  private static final int DATABASE_RETRY_SECONDS = 5;

  @Override
  public void handle(RoutingContext ctx) {
    ForumException problem = classify(ctx);
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      LOG.warn("Failure after the response started: {} {}", ctx.request().method(), ctx.request().path(),
          ctx.failure());
      response.reset();
      return;
    }
    if (problem.retryAfterSeconds() != null) {
      response.putHeader(HttpHeaders.RETRY_AFTER, problem.retryAfterSeconds().toString());
    }
    if (problem.status() == 405 && ctx.request().path().startsWith("/api/")) {
      response.putHeader(HttpHeaders.ALLOW, "GET, POST, PUT, PATCH, DELETE");
    }
    if (wantsJson(ctx)) {
      response.setStatusCode(problem.status())
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
          .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
          .end(new JsonObject().put("error", problem.code()).put("message", problem.getMessage()).encode());
      return;
    }
    Map<String, Object> model = new HashMap<>(ctx.data());
    model.putIfAbsent(Views.LANG, I18n.VI);
    model.put("status", problem.status());
    model.put("code", problem.code());
    model.put("message", problem.getMessage());
    String titleKey = "errors.title." + problem.status();
    String textKey = problem.messageKey() != null ? problem.messageKey() : "errors.text." + problem.status();
    model.put("signInLink", problem.status() == 401);
    model.put("titleKey", i18n.has(titleKey) ? titleKey : "errors.title.other");
    model.put("textKey", i18n.has(textKey) ? textKey : "errors.text.other");
    model.put("path", ctx.request().path());
    model.put("pathAndQuery", ctx.request().uri());
    model.put("nextParam", LocalPath.asParameter(ctx.request().uri()));
    String html;
    try {
      html = views.renderToString("errors/error", model);
    } catch (RuntimeException e) {
      LOG.error("Cannot render the error page", e);
      html = "<!doctype html><meta charset=utf-8><title>" + problem.status() + "</title><p>" + problem.status();
    }
    response.setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(html);
  }

  private static boolean wantsJson(RoutingContext ctx) {
    return ctx.request().path().startsWith("/api/") || ctx.request().path().equals("/health");
  }

  private static ForumException classify(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ForumException problem) {
      return problem;
    }
    if (failure != null && Mongo.isUnavailable(failure)) {
      LOG.warn("MongoDB unreachable during {} {}: {}", ctx.request().method(), ctx.request().path(),
          failure.getMessage());
      return ForumException.unavailable("The forum's database is unavailable for a moment. Please try again.",
          DATABASE_RETRY_SECONDS);
    }
    if (failure instanceof DecodeException) {
      return ForumException.invalid("The request body is not valid JSON.");
    }
    int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
    if (status == -1 && failure == null) {
      status = 500;
    }
    if (failure != null && !(failure instanceof HttpException)) {
      status = 500;
    }
    return switch (status) {
      case 400 -> ForumException.invalid("The request is not valid.");
      case 401 -> ForumException.unauthorized("Please sign in first.");
      case 403 -> ForumException.forbidden("You are not allowed to do this.");
      case 404 -> ForumException.notFound("There is nothing at this address.");
      case 405 -> new ForumException(405, "method_not_allowed", "This address does not accept that method.");
      case 413 -> new ForumException(413, "too_large", "The request is too large.");
      case 415 -> new ForumException(415, "unsupported_media_type", "This content type is not accepted here.");
      default -> {
        if (status >= 400 && status < 500) {
          yield new ForumException(status, "client_error", "The request cannot be handled.");
        }
        LOG.error("Internal error on {} {}", ctx.request().method(), ctx.request().path(), failure);
        yield new ForumException(500, "internal", "Something went wrong on our side. Please try again later.");
      }
    };
  }
}
