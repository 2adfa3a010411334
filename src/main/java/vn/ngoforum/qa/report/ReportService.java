package vn.ngoforum.qa.report;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.documents.DocumentFormat;
import vn.ngoforum.qa.events.Event;
import vn.ngoforum.qa.events.EventService;
import vn.ngoforum.qa.events.Session;
import vn.ngoforum.qa.events.SessionService;
import vn.ngoforum.qa.events.Speaker;
import vn.ngoforum.qa.notes.NoteService;
import vn.ngoforum.qa.polls.PollService;
import vn.ngoforum.qa.questions.Question;
import vn.ngoforum.qa.questions.QuestionRepository;
import vn.ngoforum.web.I18n;

/**
 * Gathers a workshop report for a moderator (the routes check the role) and writes it on a worker thread. Everything
 * is read by key: the event and its agenda, each session's questions, polls, notes and voters from the session's
 * lists, the voters' organisations by person, and the organisations' registry cards by slug.
 */
public record ReportService(Vertx vertx, EventService events, SessionService sessions, QuestionRepository questions,
    PollService polls, NoteService notes, Memberships memberships, ReportOrganisations organisations, I18n i18n) {

  /** An answer: the file's bytes, its content type, and the name to save it as. */
  public record Report(Buffer body, String contentType, String filename) {
  }

  /** One session's report; 404 when there is no such session. */
  public Future<Report> ofSession(CurrentUser moderator, String sessionId, DocumentFormat format, String lang) {
    return sessions.readableInEvent(moderator, sessionId)
        .compose(found -> build(found.event(), List.of(found.session()), false, format, lang))
        .map(file -> report(file, "session-" + sessionId, format, lang));
  }

  /** A whole event's report, every session of its agenda; 404 when there is no such event. */
  public Future<Report> ofEvent(String eventId, DocumentFormat format, String lang) {
    return events.agenda(eventId)
        .compose(agenda -> build(agenda.event(), agenda.sessions(), true, format, lang))
        .map(file -> report(file, "event-" + eventId, format, lang));
  }

  private Future<Buffer> build(Event event, List<Session> agenda, boolean wholeEvent, DocumentFormat format,
      String lang) {
    List<Future<SessionFacts>> facts = agenda.stream().map(this::facts).toList();
    Future<List<String>> voters = Future.all(agenda.stream().map(session -> questions.voters(session.id())).toList())
        .map(all -> {
          Set<String> everyone = new LinkedHashSet<>();
          for (int i = 0; i < all.size(); i++) {
            everyone.addAll(all.<List<String>>resultAt(i));
          }
          return List.copyOf(everyone);
        });
    return Future.all(Future.all(facts), voters)
        .compose(v -> {
          List<SessionFacts> sessionsFacts = facts.stream().map(Future::result).toList();
          return participants(event, sessionsFacts, voters.result())
              .compose(taking -> format.build(vertx, new WorkshopReport(event, sessionsFacts, taking, wholeEvent,
                  i18n, lang).document()));
        });
  }

  private Future<SessionFacts> facts(Session session) {
    String id = session.id();
    return Future.all(questions.inSession(id), polls.inSession(id), notes.inSession(id))
        .map(all -> new SessionFacts(session, all.<List<Question>>resultAt(0).stream()
            .filter(question -> !Question.WITHDRAWN.equals(question.status())).toList(),
            all.resultAt(1), all.resultAt(2)));
  }

  /**
   * The organisations that took part: the event's organisers (those the registry knows; the others as they were
   * typed), the speakers', the askers' (never an anonymous asker's: a small organisation names its one member as well
   * as a name does) and the voters', each with its registry name and verified badge.
   */
  private Future<List<Participant>> participants(Event event, List<SessionFacts> facts, List<String> voters) {
    Map<String, Set<String>> roles = new LinkedHashMap<>();
    Map<String, JsonObject> known = new HashMap<>();
    if (event != null) {
      event.organisers().forEach(organiser -> role(roles, organiser, Participant.ORGANISER));
    }
    for (SessionFacts session : facts) {
      session.session().speakers().stream().map(Speaker::organisation).filter(slug -> slug != null)
          .forEach(slug -> role(roles, slug, Participant.SPEAKER));
      for (Question question : session.questions()) {
        Question.Organisation organisation = question.asker() == null ? null : question.asker().organisation();
        if (!question.anonymous() && organisation != null && organisation.slug() != null) {
          role(roles, organisation.slug(), Participant.ASKER);
          known.putIfAbsent(organisation.slug(), organisation.json());
        }
      }
    }
    List<Future<List<JsonObject>>> memberOf = voters.stream().map(memberships::of).toList();
    return Future.all(memberOf)
        .compose(v -> {
          memberOf.forEach(found -> found.result().forEach(org -> {
            role(roles, org.getString("slug"), Participant.VOTER);
            known.putIfAbsent(org.getString("slug"), org);
          }));
          return organisations.cards(new ArrayList<>(roles.keySet()));
        })
        .map(cards -> roles.entrySet().stream().map(entry -> {
          JsonObject card = cards.getOrDefault(entry.getKey(), known.get(entry.getKey()));
          JsonObject name = card == null ? null : card.getJsonObject("name");
          return new Participant(entry.getKey(), name != null ? name
              : new JsonObject().put("vi", entry.getKey()).put("en", entry.getKey()),
              card != null && card.getBoolean("verified", false), entry.getValue());
        }).toList());
  }

  private static void role(Map<String, Set<String>> roles, String slug, String role) {
    if (slug != null && !slug.isBlank()) {
      roles.computeIfAbsent(slug, k -> new TreeSet<>()).add(role);
    }
  }

  private static Report report(Buffer file, String name, DocumentFormat format, String lang) {
    return new Report(file, format.contentType(), "report-" + name + "-" + lang + "." + format.extension());
  }
}
