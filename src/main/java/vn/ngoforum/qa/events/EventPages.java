package vn.ngoforum.qa.events;

import static vn.ngoforum.qa.http.Requests.formText;
import static vn.ngoforum.qa.http.Requests.user;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.Role;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.web.FormErrors;
import vn.ngoforum.web.I18n;
import vn.ngoforum.web.Views;

/**
 * Moderators create workshops and their sessions in pages (plain forms, no JavaScript needed): times are typed in
 * Asia/Ho_Chi_Minh, and a form that cannot be saved (no title, a time that is not one, an end before the start)
 * comes back with what was typed and a message in the person's language ({@link FormErrors}).
 *
 * <pre>
 *   GET    /events/new                   moderator: the new event form
 *   POST   /events/new                   title_vi, title_en, place_vi, place_en, startsAt, endsAt, organisers (lines)
 *   GET    /events/{id}/sessions/new     moderator: the new session form
 *   POST   /events/{id}/sessions/new     title_vi, title_en, speakers (lines), startsAt, endsAt, moderation, visibility
 * </pre>
 */
public record EventPages(EventService events, Views views) {

  private static final int MAX_TITLE = 300;
  private static final int MAX_LIST = 20;
  private static final int MAX_LIST_ITEM = 100;
  private static final List<String> FIELDS = List.of("title", "place", "endsAt", "organisers", "speakers");

  public EventPages {
    views.precompile(List.of("qa/event-form", "qa/session-form"));
  }

  /** Mounted before the event page, whose {@code /events/:eventId} would take {@code /events/new}. */
  public void mount(Router router) {
    router.get("/events/new").handler(Access.role(Role.MODERATOR)).handler(ctx -> eventForm(ctx, 200));
    router.post("/events/new").handler(Access.role(Role.MODERATOR)).handler(this::createEvent);
    router.get("/events/:eventId/sessions/new").handler(Access.role(Role.MODERATOR))
        .handler(ctx -> sessionForm(ctx, 200));
    router.post("/events/:eventId/sessions/new").handler(Access.role(Role.MODERATOR)).handler(this::addSession);
  }

  private void eventForm(RoutingContext ctx, int status) {
    views.render(ctx, "qa/event-form", status);
  }

  private void sessionForm(RoutingContext ctx, int status) {
    events.agenda(ctx.pathParam("eventId"))
        .onSuccess(agenda -> {
          ctx.put("event", agenda.event().json());
          if (ctx.get("draftModeration") == null) {
            ctx.put("draftModeration", Session.PRE);
            ctx.put("draftVisibility", Session.PUBLIC);
          }
          views.render(ctx, "qa/session-form", status);
        })
        .onFailure(ctx::fail);
  }

  private void createEvent(RoutingContext ctx) {
    Future.<Void>succeededFuture()
        .compose(v -> events.create(user(ctx), new Event(null, bilingual(ctx, "title", true),
            time(ctx, "startsAt", true), time(ctx, "endsAt", true), bilingualOrNull(ctx, "place"),
            lines(ctx, "organisers"))))
        .onSuccess(id -> ctx.redirect("/events/" + id))
        .onFailure(failure -> shown(ctx, failure, status -> eventForm(ctx, status)));
  }

  private void addSession(RoutingContext ctx) {
    String eventId = ctx.pathParam("eventId");
    Future.<Void>succeededFuture()
        .compose(v -> {
          String moderation = formText(ctx, "moderation");
          String visibility = formText(ctx, "visibility");
          if (!Session.MODERATIONS.contains(moderation) || !Session.VISIBILITIES.contains(visibility)) {
            throw ForumException.invalid("Choose a moderation and a visibility.");
          }
          return events.addSession(user(ctx), eventId, new Session(null, null, bilingual(ctx, "title", true),
              time(ctx, "startsAt", false), time(ctx, "endsAt", false), moderation, visibility, true,
              lines(ctx, "speakers"), 0L));
        })
        .onSuccess(id -> ctx.redirect("/qa/" + id + "/moderate"))
        .onFailure(failure -> shown(ctx, failure, status -> sessionForm(ctx, status)));
  }

  private static void shown(RoutingContext ctx, Throwable failure, IntConsumer page) {
    FormErrors.show(ctx, failure, "qa", FIELDS, page);
  }

  /** {@code <name>_vi} and {@code <name>_en}; one of them at least when {@code required}. */
  private static JsonObject bilingual(RoutingContext ctx, String name, boolean required) {
    String vi = formText(ctx, name + "_vi");
    String en = formText(ctx, name + "_en");
    if ((required && vi.isEmpty() && en.isEmpty()) || vi.length() > MAX_TITLE || en.length() > MAX_TITLE) {
      throw ForumException.invalid(name, "A " + name + " of up to " + MAX_TITLE + " characters, in one language at"
          + " least.");
    }
    return new JsonObject().put("vi", vi.isEmpty() ? en : vi).put("en", en.isEmpty() ? vi : en);
  }

  private static JsonObject bilingualOrNull(RoutingContext ctx, String name) {
    JsonObject value = bilingual(ctx, name, false);
    return value.getString("vi").isEmpty() ? null : value;
  }

  /** A {@code datetime-local} field, read in Asia/Ho_Chi_Minh whatever the browser's own zone. */
  private static Instant time(RoutingContext ctx, String field, boolean required) {
    String typed = formText(ctx, field);
    if (typed.isEmpty() && !required) {
      return null;
    }
    try {
      return LocalDateTime.parse(typed).atZone(I18n.FORUM_ZONE).toInstant();
    } catch (DateTimeParseException e) {
      throw ForumException.invalid(field, "A date and time such as 2026-09-29T08:30.")
          .withMessageKey("qa.error.time");
    }
  }

  /** One item a line, blank lines dropped. */
  private static List<String> lines(RoutingContext ctx, String field) {
    List<String> items = Arrays.stream(formText(ctx, field).split("\\R")).map(String::strip)
        .filter(line -> !line.isEmpty()).toList();
    if (items.size() > MAX_LIST || items.stream().anyMatch(item -> item.length() > MAX_LIST_ITEM)) {
      throw ForumException.invalid(field, "Up to " + MAX_LIST + " lines of up to " + MAX_LIST_ITEM + " characters.");
    }
    return items;
  }
}
