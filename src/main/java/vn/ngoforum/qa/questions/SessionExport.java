package vn.ngoforum.qa.questions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.qa.events.Event;
import vn.ngoforum.qa.events.EventRepository;
import vn.ngoforum.qa.events.Session;
import vn.ngoforum.qa.events.SessionService;
import vn.ngoforum.qa.polls.Poll;
import vn.ngoforum.qa.polls.PollService;

/**
 * A session's Q&amp;A for the moderators' export ({@link QaExport} writes the files): every question with its
 * asker's organisations, and the polls. When it is to name anonymous askers, the audit log records who took it
 * before it is handed over.
 */
public record SessionExport(SessionService sessions, EventRepository events, QuestionRepository questions,
    PollService polls, Memberships memberships, AuditLog audit) {

  /** What the export holds. */
  public record Data(Session session, Event event, List<Row> questions, List<Poll> polls) {
  }

  /** A question with the organisations its asker belongs to (as the registry answers: {@code [{name, ...}]}). */
  public record Row(Question question, List<JsonObject> organisations) {
  }

  /** The session's export (moderators only: the route checks); 404 when there is no such session. */
  public Future<Data> of(CurrentUser moderator, String sessionId, String format, boolean withNames) {
    return of(sessionId).compose(data -> withNames
        ? audit.record(moderator, "session.export_with_names", "session", sessionId, null,
            new JsonObject().put("format", format)).map(data)
        : Future.succeededFuture(data));
  }

  private Future<Data> of(String sessionId) {
    return sessions.existing(sessionId).compose(session -> Future.all(events.find(session.eventId()),
            questions.inSession(sessionId), polls.inSession(sessionId))
        .compose(all -> {
          // A question its asker withdrew is not theirs to report any more.
          List<Question> asked = all.<List<Question>>resultAt(1).stream()
              .filter(question -> !Question.WITHDRAWN.equals(question.status())).toList();
          List<Future<Row>> rows = new ArrayList<>();
          for (Question question : asked) {
            rows.add(memberships.of(question.asker().id()).map(orgs -> new Row(question, orgs)));
          }
          return Future.all(rows).map(done -> new Data(session, all.resultAt(0),
              rows.stream().map(Future::result).toList(), all.resultAt(2)));
        }));
  }
}
