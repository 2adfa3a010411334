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
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.Role;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.web.FormErrors;
import vn.ngoforum.web.I18n;
import vn.ngoforum.web.Views;

/**
 * Moderators create, change, cancel, reorder and delete workshops and their sessions in pages (plain forms, no
 * JavaScript needed): times are typed in Asia/Ho_Chi_Minh, and a form that cannot be saved (no title, a time that is
 * not one, an end before the start, a stream link that is not https, a speaker's organisation the registry does not
 * know) comes back with what was typed and a message in the person's language ({@link FormErrors}). A change form
 * leaves a field it does not send unchanged (the moderation page's short form sends only some).
 *
 * <pre>
 *   GET    /events/new                   moderator: the new event form
 *   POST   /events/new                   title_vi, title_en, place_vi, place_en, description_vi, description_en,
 *                                        startsAt, endsAt, organisers (lines)
 *   GET    /events/{id}/edit             moderator: the event's form, with cancel and delete
 *   POST   /events/{id}/edit             the same fields as /events/new
 *   POST   /events/{id}/cancel           cancelled=true|false
 *   POST   /events/{id}/delete           only an event whose sessions hold no questions or polls (else 409)
 *   GET    /events/{id}/sessions/new     moderator: the new session form
 *   POST   /events/{id}/sessions/new     title_vi, title_en, speakers (lines: "Name" or "Name | organisation-slug"),
 *                                        startsAt, endsAt, description_vi, description_en, stream, moderation,
 *                                        visibility, guests, rapporteurs (lines: usernames)
 *   GET    /qa/{id}/edit                 moderator: the session's form, with delete
 *   POST   /qa/{id}/edit                 the same fields as a new session
 *   POST   /qa/{id}/move                 direction=up|down: its place in the agenda
 *   POST   /qa/{id}/delete               only a session without questions or polls (else 409)
 * </pre>
 */
public record EventPages(EventService events, SessionService sessions, Views views) {

  /** The agenda's directions: a session moves one place up or down. */
  static final Map<String, Integer> DIRECTIONS = Map.of("up", -1, "down", 1);
  private static final int MAX_TITLE = 300;
  private static final int MAX_DESCRIPTION = 4000;
  private static final int MAX_LIST = 20;
  private static final int MAX_LIST_ITEM = 200;
  private static final List<String> FIELDS = List.of("title", "place", "description", "endsAt", "organisers",
      "speakers", "stream", "rapporteurs");

  public EventPages {
    views.precompile(List.of("qa/event-form", "qa/session-form"));
  }

  /** Mounted before the event page, whose {@code /events/:eventId} would take {@code /events/new}. */
  public void mount(Router router) {
    router.get("/events/new").handler(Access.role(Role.MODERATOR)).handler(ctx -> eventForm(ctx, null, 200));
    router.post("/events/new").handler(Access.role(Role.MODERATOR)).handler(this::createEvent);
    router.get("/events/:eventId/edit").handler(Access.role(Role.MODERATOR)).handler(ctx -> editEventForm(ctx, 200));
    router.post("/events/:eventId/edit").handler(Access.role(Role.MODERATOR)).handler(this::editEvent);
    router.post("/events/:eventId/cancel").handler(Access.role(Role.MODERATOR)).handler(this::cancelEvent);
    router.post("/events/:eventId/delete").handler(Access.role(Role.MODERATOR)).handler(this::deleteEvent);
    router.get("/events/:eventId/sessions/new").handler(Access.role(Role.MODERATOR))
        .handler(ctx -> newSessionForm(ctx, 200));
    router.post("/events/:eventId/sessions/new").handler(Access.role(Role.MODERATOR)).handler(this::addSession);
    router.get("/qa/:sessionId/edit").handler(Access.role(Role.MODERATOR)).handler(ctx -> editSessionForm(ctx, 200));
    router.post("/qa/:sessionId/edit").handler(Access.role(Role.MODERATOR)).handler(this::editSession);
    router.post("/qa/:sessionId/move").handler(Access.role(Role.MODERATOR)).handler(this::moveSession);
    router.post("/qa/:sessionId/delete").handler(Access.role(Role.MODERATOR)).handler(this::deleteSession);
  }

  private void eventForm(RoutingContext ctx, Event editing, int status) {
    if (editing != null) {
      ctx.put("event", editing.json());
      if (ctx.get(FormErrors.MODEL_KEY) == null) {
        draft(ctx, "title", editing.title());
        draft(ctx, "place", editing.location());
        draft(ctx, "description", editing.description());
        ctx.put("draftStartsAt", typed(editing.startsAt()));
        ctx.put("draftEndsAt", typed(editing.endsAt()));
        ctx.put("draftOrganisers", String.join("\n", editing.organisers()));
      }
    }
    views.render(ctx, "qa/event-form", status);
  }

  private void editEventForm(RoutingContext ctx, int status) {
    events.agenda(ctx.pathParam("eventId"))
        .onSuccess(agenda -> eventForm(ctx, agenda.event(), status))
        .onFailure(ctx::fail);
  }

  private void newSessionForm(RoutingContext ctx, int status) {
    events.agenda(ctx.pathParam("eventId"))
        .onSuccess(agenda -> {
          if (ctx.get(FormErrors.MODEL_KEY) == null) {
            ctx.put("draftModeration", Session.PRE);
            ctx.put("draftVisibility", Session.PUBLIC);
            ctx.put("draftGuests", Session.GUESTS_OFF);
          }
          sessionForm(ctx, agenda.event(), null, status);
        })
        .onFailure(ctx::fail);
  }

  private void editSessionForm(RoutingContext ctx, int status) {
    sessions.readableInEvent(user(ctx), ctx.pathParam("sessionId"))
        .onSuccess(found -> {
          Session session = found.session();
          if (ctx.get(FormErrors.MODEL_KEY) == null) {
            draft(ctx, "title", session.title());
            draft(ctx, "description", session.description());
            ctx.put("draftStartsAt", typed(session.startsAt()));
            ctx.put("draftEndsAt", typed(session.endsAt()));
            ctx.put("draftSpeakers", session.speakers().stream().map(Speaker::line).collect(Collectors.joining("\n")));
            ctx.put("draftStream", session.stream());
            ctx.put("draftModeration", session.moderation());
            ctx.put("draftVisibility", session.visibility());
            ctx.put("draftGuests", session.guests());
            ctx.put("draftRapporteurs", String.join("\n", session.rapporteurs()));
          }
          sessionForm(ctx, found.event(), session, status);
        })
        .onFailure(ctx::fail);
  }

  private void sessionForm(RoutingContext ctx, Event event, Session editing, int status) {
    ctx.put("event", event == null ? null : event.json());
    ctx.put("session", editing == null ? null : editing.json());
    views.render(ctx, "qa/session-form", status);
  }

  private void createEvent(RoutingContext ctx) {
    Future.<Void>succeededFuture()
        .compose(v -> events.create(user(ctx), eventEdit(ctx).applyTo(new Event(null, null, null, null, null, null))))
        .onSuccess(id -> ctx.redirect("/events/" + id))
        .onFailure(failure -> shown(ctx, failure, status -> eventForm(ctx, null, status)));
  }

  private void editEvent(RoutingContext ctx) {
    String eventId = ctx.pathParam("eventId");
    Future.<Void>succeededFuture()
        .compose(v -> events.edit(user(ctx), eventId, eventEdit(ctx)))
        .onSuccess(event -> ctx.redirect("/events/" + eventId))
        .onFailure(failure -> shown(ctx, failure, status -> editEventForm(ctx, status)));
  }

  private void cancelEvent(RoutingContext ctx) {
    String eventId = ctx.pathParam("eventId");
    events.edit(user(ctx), eventId, EventEdit.cancel("true".equals(formText(ctx, "cancelled"))))
        .onSuccess(event -> ctx.redirect("/events/" + eventId))
        .onFailure(ctx::fail);
  }

  private void deleteEvent(RoutingContext ctx) {
    events.remove(user(ctx), ctx.pathParam("eventId"))
        .onSuccess(v -> ctx.redirect("/events"))
        .onFailure(ctx::fail);
  }

  private void addSession(RoutingContext ctx) {
    String eventId = ctx.pathParam("eventId");
    Future.<Void>succeededFuture()
        .compose(v -> events.addSession(user(ctx), eventId, SessionInput.draft(sessionEdit(ctx, true), true)))
        .onSuccess(id -> ctx.redirect("/qa/" + id + "/moderate"))
        .onFailure(failure -> shown(ctx, failure, status -> newSessionForm(ctx, status)));
  }

  private void editSession(RoutingContext ctx) {
    String sessionId = ctx.pathParam("sessionId");
    Future.<Void>succeededFuture()
        .compose(v -> sessions.edit(user(ctx), sessionId, sessionEdit(ctx, false)))
        .onSuccess(session -> ctx.redirect("/qa/" + sessionId + "/moderate"))
        .onFailure(failure -> shown(ctx, failure, status -> editSessionForm(ctx, status)));
  }

  private void moveSession(RoutingContext ctx) {
    Integer step = DIRECTIONS.get(formText(ctx, "direction"));
    if (step == null) {
      throw ForumException.invalid("direction", "Move a session up or down.");
    }
    sessions.existing(ctx.pathParam("sessionId"))
        .compose(session -> events.move(user(ctx), session, step)
            .onSuccess(agenda -> ctx.redirect("/events/" + session.eventId() + "#session-" + session.id())))
        .onFailure(ctx::fail);
  }

  private void deleteSession(RoutingContext ctx) {
    sessions.existing(ctx.pathParam("sessionId"))
        .compose(session -> events.removeSession(user(ctx), session)
            .onSuccess(v -> ctx.redirect("/events/" + session.eventId())))
        .onFailure(ctx::fail);
  }

  /** The event form's fields; on a new event the title and times are required. */
  private static EventEdit eventEdit(RoutingContext ctx) {
    return new EventEdit(bilingual(ctx, "title", MAX_TITLE, true), time(ctx, "startsAt", true),
        time(ctx, "endsAt", true), sent(ctx, "place_vi") ? bilingual(ctx, "place", MAX_TITLE, false) : null,
        sent(ctx, "organisers") ? lines(ctx, "organisers") : null,
        sent(ctx, "description_vi") ? bilingual(ctx, "description", MAX_DESCRIPTION, false) : null, null);
  }

  /** The session form's fields; a change leaves what the form does not send as it is. */
  private static SessionEdit sessionEdit(RoutingContext ctx, boolean creating) {
    return new SessionEdit(
        creating || sent(ctx, "title_vi") ? bilingual(ctx, "title", MAX_TITLE, true) : null,
        choice(ctx, "moderation", Session.MODERATIONS), choice(ctx, "visibility", Session.VISIBILITIES),
        time(ctx, "startsAt", false), time(ctx, "endsAt", false),
        sent(ctx, "speakers") ? Speaker.parseAll(lines(ctx, "speakers")) : null,
        sent(ctx, "description_vi") ? bilingual(ctx, "description", MAX_DESCRIPTION, false) : null,
        sent(ctx, "stream") ? formText(ctx, "stream") : null, choice(ctx, "guests", Session.GUESTS),
        sent(ctx, "rapporteurs") ? Session.parseRapporteurs(lines(ctx, "rapporteurs")) : null);
  }

  private static boolean sent(RoutingContext ctx, String field) {
    return ctx.request().getFormAttribute(field) != null;
  }

  /** A select's value, {@code null} when the form has no such field; 400 when it is not one of {@code allowed}. */
  private static String choice(RoutingContext ctx, String field, Set<String> allowed) {
    if (!sent(ctx, field)) {
      return null;
    }
    String value = formText(ctx, field);
    if (!allowed.contains(value)) {
      throw ForumException.invalid("Choose a moderation, a visibility and whether guests take part.");
    }
    return value;
  }

  private static void shown(RoutingContext ctx, Throwable failure, IntConsumer page) {
    FormErrors.show(ctx, failure, "qa", FIELDS, page);
  }

  /** The form shows a stored bilingual text again: {@code draft<Name>_vi} and {@code draft<Name>_en}. */
  private static void draft(RoutingContext ctx, String name, JsonObject text) {
    String draft = "draft" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    ctx.put(draft + "_vi", text == null ? "" : text.getString("vi", ""));
    ctx.put(draft + "_en", text == null ? "" : text.getString("en", ""));
  }

  /** A time as a {@code datetime-local} field shows it, in Asia/Ho_Chi_Minh. */
  private static String typed(Instant at) {
    return at == null ? "" : LocalDateTime.ofInstant(at, I18n.FORUM_ZONE).truncatedTo(ChronoUnit.MINUTES).toString();
  }

  /**
   * {@code <name>_vi} and {@code <name>_en}; one of them at least when {@code required}, else both empty is an empty
   * text (a change that removes it).
   */
  private static JsonObject bilingual(RoutingContext ctx, String name, int max, boolean required) {
    String vi = formText(ctx, name + "_vi");
    String en = formText(ctx, name + "_en");
    if ((required && vi.isEmpty() && en.isEmpty()) || vi.length() > max || en.length() > max) {
      throw ForumException.invalid(name, "A " + name + " of up to " + max + " characters, in one language at"
          + " least.");
    }
    return new JsonObject().put("vi", vi.isEmpty() ? en : vi).put("en", en.isEmpty() ? vi : en);
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
