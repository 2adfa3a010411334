package vn.ngoforum.qa.events;

import static vn.ngoforum.qa.http.Requests.user;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import vn.ngoforum.auth.Access;
import vn.ngoforum.auth.Role;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.web.JsonInput;
import vn.ngoforum.web.JsonResponses;
import vn.ngoforum.web.Views;

/**
 * Workshops and their agendas.
 *
 * <pre>
 *   POST   /api/v1/events                 moderator: create an event   curl -XPOST -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"title":"Hội thảo","startsAt":"2026-09-29T08:30:00+07:00","endsAt":"2026-09-29T17:00:00+07:00","location":"Hà Nội"}' localhost:8080/api/v1/events
 *   GET    /api/v1/events/{id}            an event with its agenda     curl localhost:8080/api/v1/events/hanoi-2022-wildlife-trade
 *   PATCH  /api/v1/events/{id}            moderator: edit or cancel    curl -XPATCH -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"endsAt":"2026-09-30T17:00:00+07:00","cancelled":false}' localhost:8080/api/v1/events/$E
 *   DELETE /api/v1/events/{id}            moderator: delete, if empty  curl -XDELETE -H "Authorization: Bearer $T" localhost:8080/api/v1/events/$E
 *   POST   /api/v1/events/{id}/sessions   moderator: add a session     curl -XPOST -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"title":"Topic 1","speakers":["Lan | cnrec"],"stream":"https://…","guests":"ask"}' localhost:8080/api/v1/events/$E/sessions
 *   GET    /events                        upcoming, live now and past  curl localhost:8080/events
 *   GET    /events/{id}                   the agenda page              curl localhost:8080/events/hanoi-2022-wildlife-trade
 * </pre>
 */
public record EventRoutes(EventService events, Views views) {

  private static final int MAX_TITLE = 300;
  private static final int MAX_LIST = 20;
  private static final int MAX_LIST_ITEM = 100;
  private static final int MAX_DESCRIPTION = 4000;

  public EventRoutes {
    views.precompile(List.of("qa/event", "qa/events"));
  }

  public void mount(Router router) {
    router.post("/api/v1/events").handler(Access.role(Role.MODERATOR)).handler(this::create);
    router.get("/api/v1/events/:eventId").handler(this::agenda);
    router.patch("/api/v1/events/:eventId").handler(Access.role(Role.MODERATOR)).handler(this::edit);
    router.delete("/api/v1/events/:eventId").handler(Access.role(Role.MODERATOR)).handler(this::remove);
    router.post("/api/v1/events/:eventId/sessions").handler(Access.role(Role.MODERATOR)).handler(this::addSession);
    router.get("/events").handler(this::listingPage);
    router.get("/events/:eventId").handler(this::agendaPage);
  }

  private void create(RoutingContext ctx) {
    JsonInput in = JsonInput.of(ctx).allow("title", "startsAt", "endsAt", "location", "organisers");
    Event draft = new Event(null, in.bilingual("title", MAX_TITLE, true), in.requiredInstant("startsAt"),
        in.requiredInstant("endsAt"), in.bilingual("location", MAX_TITLE, false),
        in.textList("organisers", MAX_LIST, MAX_LIST_ITEM));
    events.create(user(ctx), draft)
        .onSuccess(id -> JsonResponses.created(ctx, new JsonObject().put("id", id)))
        .onFailure(ctx::fail);
  }

  private void agenda(RoutingContext ctx) {
    events.agenda(ctx.pathParam("eventId"))
        .onSuccess(agenda -> JsonResponses.ok(ctx, agenda.json()))
        .onFailure(ctx::fail);
  }

  private void edit(RoutingContext ctx) {
    JsonInput in = JsonInput.of(ctx).allow("title", "startsAt", "endsAt", "location", "organisers", "description",
        "cancelled");
    EventEdit edit = new EventEdit(
        in.has("title") ? in.bilingual("title", MAX_TITLE, true) : null,
        in.has("startsAt") ? in.requiredInstant("startsAt") : null,
        in.has("endsAt") ? in.requiredInstant("endsAt") : null,
        in.has("location") ? in.bilingual("location", MAX_TITLE, false) : null,
        in.has("organisers") ? in.textList("organisers", MAX_LIST, MAX_LIST_ITEM) : null,
        in.has("description") ? in.bilingual("description", MAX_DESCRIPTION, true) : null,
        in.has("cancelled") ? in.optionalBoolean("cancelled", false) : null);
    if (edit.isEmpty()) {
      throw ForumException.invalid("Nothing to change.");
    }
    events.edit(user(ctx), ctx.pathParam("eventId"), edit)
        .onSuccess(event -> JsonResponses.ok(ctx, event.json()))
        .onFailure(ctx::fail);
  }

  private void remove(RoutingContext ctx) {
    events.remove(user(ctx), ctx.pathParam("eventId"))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private void addSession(RoutingContext ctx) {
    JsonInput in = JsonInput.of(ctx).allow(SessionInput.NEW_FIELDS);
    Session draft = SessionInput.draft(SessionInput.read(in, true), in.optionalBoolean("qaOpen", true));
    events.addSession(user(ctx), ctx.pathParam("eventId"), draft)
        .onSuccess(id -> JsonResponses.created(ctx, new JsonObject().put("id", id)))
        .onFailure(ctx::fail);
  }

  private void listingPage(RoutingContext ctx) {
    Instant now = Instant.now();
    events.listing(now)
        .onSuccess(listing -> {
          ctx.put("live", listing.live().stream().map(Event::json).toList());
          ctx.put("upcoming", listing.upcoming().stream().map(Event::json).toList());
          ctx.put("past", listing.past().stream().map(Event::json).toList());
          views.render(ctx, "qa/events");
        })
        .onFailure(ctx::fail);
  }

  private void agendaPage(RoutingContext ctx) {
    Instant now = Instant.now();
    events.agenda(ctx.pathParam("eventId"))
        .onSuccess(agenda -> {
          ctx.put("event", agenda.event().json()
              .put("live", !agenda.event().cancelled()
                  && EventListing.liveAt(agenda.event().startsAt(), agenda.event().endsAt(), now)));
          ctx.put("sessions", agenda.sessions().stream().map(session -> session.json()
              .put("live", !agenda.event().cancelled() && EventListing.liveAt(session.startsAt(), session.endsAt(),
                  now))).toList());
          ctx.put("reportPath", "/api/v1/events/" + agenda.event().id() + "/report");
          views.render(ctx, "qa/event");
        })
        .onFailure(ctx::fail);
  }
}
