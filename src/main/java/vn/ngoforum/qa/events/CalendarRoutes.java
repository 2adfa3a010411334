package vn.ngoforum.qa.events;

import static vn.ngoforum.qa.http.Requests.visitor;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import vn.ngoforum.web.I18n;
import vn.ngoforum.web.Views;

/**
 * Calendar files of a workshop (the event and each timed session) and of one session, in the reader's language.
 * Mounted before the event and session pages, whose {@code /events/:eventId} and {@code /qa/:sessionId} would take
 * these paths.
 *
 * <pre>
 *   GET /events/{id}.ics    the workshop and its sessions   curl localhost:8080/events/hanoi-2022-wildlife-trade.ics
 *   GET /qa/{id}.ics        one session (members-only sessions: members and moderators)
 * </pre>
 */
public record CalendarRoutes(EventService events, SessionService sessions, String publicUrl) {

  public void mount(Router router) {
    router.getWithRegex("/events/([^/.]+)\\.ics").handler(this::eventCalendar);
    router.getWithRegex("/qa/([^/.]+)\\.ics").handler(this::sessionCalendar);
  }

  private void eventCalendar(RoutingContext ctx) {
    String lang = lang(ctx);
    events.agenda(ctx.pathParam("param0"))
        .onSuccess(agenda -> {
          Event event = agenda.event();
          List<Calendar.Item> items = new ArrayList<>();
          items.add(new Calendar.Item(uid("event", event.id()), event.startsAt(), event.endsAt(),
              text(event.title(), lang), text(event.description(), lang), text(event.location(), lang),
              publicUrl + "/events/" + event.id(), event.cancelled()));
          agenda.sessions().forEach(session -> items.add(item(session, event, lang)));
          send(ctx, event.id(), Calendar.of(text(event.title(), lang), items, Stamps.now()));
        })
        .onFailure(ctx::fail);
  }

  private void sessionCalendar(RoutingContext ctx) {
    String lang = lang(ctx);
    sessions.readableInEvent(visitor(ctx), ctx.pathParam("param0"))
        .onSuccess(found -> send(ctx, found.session().id(), Calendar.of(text(found.session().title(), lang),
            List.of(item(found.session(), found.event(), lang)), Stamps.now())))
        .onFailure(ctx::fail);
  }

  /** A session as a calendar item: its own times, else its event's; its speakers and description as the text. */
  private Calendar.Item item(Session session, Event event, String lang) {
    boolean timed = session.startsAt() != null;
    String speakers = session.speakers().stream().map(Speaker::name).collect(Collectors.joining(", "));
    String about = text(session.description(), lang);
    String description = speakers.isEmpty() ? about : about.isEmpty() ? speakers : speakers + "\n\n" + about;
    return new Calendar.Item(uid("session", session.id()), timed ? session.startsAt() : event == null ? null
        : event.startsAt(), timed ? session.endsAt() : event == null ? null : event.endsAt(),
        text(session.title(), lang), description, event == null ? null : text(event.location(), lang),
        publicUrl + "/qa/" + session.id(), event != null && event.cancelled());
  }

  private String uid(String kind, String id) {
    String host = publicUrl.replaceFirst("^[a-z]+://", "").replaceFirst("[:/].*$", "");
    return kind + "-" + id + "@" + host.toLowerCase(Locale.ROOT);
  }

  private static void send(RoutingContext ctx, String name, String calendar) {
    ctx.response().putHeader("Content-Type", "text/calendar; charset=utf-8")
        .putHeader("Content-Disposition", "attachment; filename=\"" + name + ".ics\"")
        .end(calendar);
  }

  private static String lang(RoutingContext ctx) {
    Object lang = ctx.get(Views.LANG);
    return lang == null ? I18n.VI : lang.toString();
  }

  /** The reader's side of a bilingual text, else the other; empty when there is none. */
  private static String text(JsonObject bilingual, String lang) {
    if (bilingual == null) {
      return "";
    }
    String mine = bilingual.getString(lang, "");
    return mine.isEmpty() ? bilingual.getString(I18n.VI.equals(lang) ? I18n.EN : I18n.VI, "") : mine;
  }
}
