package vn.ngoforum.qa;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.util.ArrayList;
import java.util.List;
import vn.ngoforum.audit.AuditLog;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.auth.Role;
import vn.ngoforum.forum.ForumThreads;
import vn.ngoforum.realtime.AccessChanges;
import vn.ngoforum.realtime.Addresses;
import vn.ngoforum.realtime.LiveEvent;
import vn.ngoforum.error.ForumException;

/**
 * Workshops (events), their sessions and each session's live Q&amp;A: the rules of who may see, ask, vote and
 * moderate, and the one place that publishes Q&amp;A changes.
 *
 * <p>Every change is written to MongoDB first, with a sequence number taken atomically from the session document;
 * then it is published on {@code qa.session.{id}} when attendees may see it and always on
 * {@code qa.session.{id}.mod} for moderators. Pending questions never reach the public address. Vote counts are
 * stored at once but announced through a {@link VoteCoalescer}, so a vote storm costs attendees a few frames a
 * second.
 */
public final class QaService {

  /** How long vote-count announcements of one question are gathered into one frame, at least. */
  static final long VOTE_WINDOW_MILLIS = 100;
  /** ... and at most, however large the audience. */
  static final long VOTE_WINDOW_MAX_MILLIS = 1_000;
  /**
   * The frames a second one session's vote counts may cost a node: each follower is one frame per announcement,
   * so 5,000 followers get a count every 250 ms, 10,000 every 500 ms. The benchmark's vote storm on the 2-core
   * reference machine (server, MongoDB and load generator sharing the cores): with half this budget (500 ms at
   * 5,000) the count reached followers in 417 ms (p50) / 855 ms (p99); with this one in 313 / 837 ms, for 70% more
   * frames. The tail comes from the vote answers themselves (p99 about 0.5 s with the machine saturated), not the
   * window.
   */
  static final long VOTE_FRAMES_PER_SECOND = 20_000;

  private final EventRepository events;
  private final QuestionRepository questions;
  private final Memberships memberships;
  private final AuditLog audit;
  private final Vertx vertx;
  private final VoteCoalescer coalescer;
  private final PollRepository pollStore;
  private final PollService polls;

  /** For start-up work only (indexes, demo data): no publishing. */
  public QaService(MongoClient mongo) {
    this(null, mongo, Memberships.NONE);
  }

  public QaService(Vertx vertx, MongoClient mongo, Memberships memberships) {
    this.events = new EventRepository(mongo);
    this.questions = new QuestionRepository(mongo);
    this.memberships = memberships;
    this.audit = new AuditLog(mongo);
    this.vertx = vertx;
    this.coalescer = vertx == null ? null : VoteCoalescer.forNode(vertx, this::voteWindowMillis, this::announceVotes);
    this.pollStore = new PollRepository(mongo);
    this.polls = vertx == null ? null : new PollService(vertx, mongo, this);
  }

  Vertx vertx() {
    return vertx;
  }

  /** The session's polls. */
  PollService polls() {
    return polls;
  }

  /** The newest events first, as {@code {id, title:{vi,en}, startsAt, endsAt, location:{vi,en}, organisers}}. */
  public Future<List<JsonObject>> latestEvents(int limit) {
    return events.latestEvents(limit).map(docs -> docs.stream().map(QaService::eventView).toList());
  }

  public Future<Void> createIndexes() {
    return events.createIndexes().compose(v -> questions.createIndexes()).compose(v -> pollStore.createIndexes());
  }

  /** Creates the 2022 Hanoi workshop and its two sessions when there are no events yet (idempotent). */
  public Future<Void> seedDemoData() {
    return events.countEvents().compose(count -> {
      if (count > 0) {
        return Future.succeededFuture();
      }
      Future<Void> chain = events.insertIfAbsent(EventRepository.EVENTS, DemoWorkshop.event());
      for (JsonObject session : DemoWorkshop.sessions()) {
        chain = chain.compose(v -> events.insertIfAbsent(EventRepository.SESSIONS, session));
      }
      return chain;
    });
  }

  // ---- events and sessions -------------------------------------------------------------------------------------

  Future<String> createEvent(CurrentUser by, JsonObject event) {
    String id = Question.newId();
    JsonObject doc = event.copy().put("_id", id).put("createdBy", by.id()).put("createdAt", Question.now());
    return events.insert(EventRepository.EVENTS, doc)
        .compose(v -> audit.record(by, "event.create", "event", id, null, null))
        .map(id);
  }

  Future<String> createSession(CurrentUser by, String eventId, JsonObject session) {
    String id = Question.newId();
    return events.event(eventId).compose(event -> {
      if (event == null) {
        return Future.failedFuture(ForumException.notFound("There is no such event."));
      }
      JsonObject doc = session.copy().put("_id", id).put("eventId", eventId).put("seq", 0L)
          .put("createdBy", by.id()).put("createdAt", Question.now());
      return events.insert(EventRepository.SESSIONS, doc)
          .compose(v -> audit.record(by, "session.create", "session", id, null, null))
          .map(id);
    });
  }

  /**
   * Changes an event's details ({@code set} holds only the fields to change); 404 when there is no such event,
   * 400 when it would end before it starts. The audit log keeps the earlier values.
   */
  Future<JsonObject> editEvent(CurrentUser by, String eventId, JsonObject set) {
    return events.event(eventId).compose(event -> {
      if (event == null) {
        return Future.failedFuture(ForumException.notFound("There is no such event."));
      }
      checkTimes(event, set);
      return events.update(EventRepository.EVENTS, eventId, set.copy().put("updatedAt", Question.now()))
          .compose(updated -> audit.record(by, "event.edit", "event", eventId, null, before(event, set))
              .map(v -> eventView(updated)));
    });
  }

  /**
   * Changes a session (title, times, speakers, moderation, visibility); 404 when there is none. The change is
   * announced with the session's next seq on both addresses, so open pages follow it.
   */
  Future<JsonObject> editSession(CurrentUser by, String sessionId, JsonObject set) {
    return events.session(sessionId).compose(session -> {
      if (session == null) {
        return Future.failedFuture(ForumException.notFound("There is no such session."));
      }
      checkTimes(session, set);
      return events.update(EventRepository.SESSIONS, sessionId, set.copy().put("updatedAt", Question.now()))
          .compose(updated -> audit.record(by, "session.edit", "session", sessionId, null, before(session, set)))
          .compose(v -> events.nextSeq(sessionId))
          .compose(seq -> events.session(sessionId).map(updated -> {
            JsonObject view = sessionView(updated);
            JsonObject change = view.copy().put("type", "session").put("seq", seq);
            LiveEvent.publish(vertx, Addresses.session(sessionId), change);
            LiveEvent.publish(vertx, Addresses.sessionModerators(sessionId), change);
            if (set.containsKey("visibility")) {
              // Made members-only, the session's followers without member rights may no longer follow it.
              AccessChanges.session(vertx, sessionId);
            }
            return view;
          }));
    });
  }

  private static void checkTimes(JsonObject current, JsonObject set) {
    Object starts = set.containsKey("startsAt") ? set.getValue("startsAt") : current.getValue("startsAt");
    Object ends = set.containsKey("endsAt") ? set.getValue("endsAt") : current.getValue("endsAt");
    if (starts instanceof JsonObject s && ends instanceof JsonObject e && s.getString("$date") != null
        && e.getString("$date") != null && java.time.Instant.parse(e.getString("$date"))
            .isBefore(java.time.Instant.parse(s.getString("$date")))) {
      throw ForumException.invalid("'endsAt' must not be before 'startsAt'.");
    }
  }

  private static JsonObject before(JsonObject doc, JsonObject set) {
    JsonObject before = new JsonObject();
    set.fieldNames().forEach(field -> before.put(field, doc.getValue(field)));
    return new JsonObject().put("before", before).put("after", set);
  }

  /** The event and its agenda, as {@code {event, sessions:[...]}}; 404 when there is no such event. */
  Future<JsonObject> agenda(String eventId) {
    return events.event(eventId).compose(event -> {
      if (event == null) {
        return Future.failedFuture(ForumException.notFound("There is no such event."));
      }
      return events.sessionsOf(eventId).map(sessions -> new JsonObject()
          .put("event", eventView(event))
          .put("sessions", new JsonArray(sessions.stream().map(QaService::sessionView).toList())));
    });
  }

  /** The session (with its event) if this person may follow it; 404, 401 or 403 otherwise. */
  Future<JsonObject> readableSession(CurrentUser user, String sessionId) {
    return events.session(sessionId).compose(session -> {
      if (session == null) {
        return Future.failedFuture(ForumException.notFound("There is no such session."));
      }
      return mayRead(user, session).compose(may -> {
        if (may) {
          return events.event(session.getString("eventId")).map(event -> sessionView(session)
              .put("event", event == null ? null : eventView(event)));
        }
        return Future.failedFuture(user == null
            ? ForumException.unauthorized("This session is for members: please sign in.")
            : ForumException.forbidden("This session is for members of the forum's organisations."));
      });
    });
  }

  /** Bridge check for {@code qa.session.{id}}: public sessions for anyone, members sessions for members. */
  public Future<Boolean> mayFollow(CurrentUser user, String sessionId) {
    return events.session(sessionId).compose(session -> session == null ? Future.succeededFuture(false)
        : mayRead(user, session));
  }

  /** Bridge check for {@code qa.session.{id}.mod} (the bridge lets only moderators this far). */
  public Future<Boolean> mayModerate(CurrentUser user, String sessionId) {
    return events.session(sessionId).map(session -> session != null && user != null
        && user.has(Role.MODERATOR));
  }

  /** Opens or closes the session's Q&amp;A; moderators only (the route checks). */
  Future<JsonObject> setQaOpen(CurrentUser by, String sessionId, boolean open) {
    return events.setQaOpen(sessionId, open).compose(session -> {
      if (session == null) {
        return Future.failedFuture(ForumException.notFound("There is no such session."));
      }
      return audit.record(by, open ? "session.open" : "session.close", "session", sessionId, null, null)
          .compose(v -> events.nextSeq(sessionId))
          .map(seq -> {
            JsonObject change = new JsonObject().put("type", "session").put("seq", seq).put("id", sessionId)
                .put("qaOpen", open);
            LiveEvent.publish(vertx, Addresses.session(sessionId), change);
            LiveEvent.publish(vertx, Addresses.sessionModerators(sessionId), change);
            return sessionView(session);
          });
    });
  }

  // ---- questions -----------------------------------------------------------------------------------------------

  /** Asks a question; answers {@code {id, status, seq}}. */
  Future<JsonObject> ask(CurrentUser user, String sessionId, String text, boolean anonymous) {
    return ask(user, sessionId, text, anonymous, null);
  }

  /**
   * Asks a question, on behalf of organisation {@code onBehalfOf} when given: the asker must have an approved
   * membership of it and it must be verified (403 otherwise). Any question records the asker's organisation (the
   * one spoken for, else their first), shown next to their name unless they ask anonymously.
   */
  Future<JsonObject> ask(CurrentUser user, String sessionId, String text, boolean anonymous, String onBehalfOf) {
    return memberships.of(user.id()).compose(orgs -> {
      JsonObject organisation = orgs.isEmpty() ? null : orgs.get(0);
      if (onBehalfOf != null) {
        organisation = orgs.stream().filter(org -> onBehalfOf.equals(org.getString("slug"))
            && org.getBoolean("verified", false)).findFirst().orElse(null);
        if (organisation == null) {
          return Future.failedFuture(ForumException.forbidden(
              "You may speak only for a verified organisation you are an approved member of.").about("onBehalfOf"));
        }
      }
      JsonObject shown = organisation == null ? null : new JsonObject()
          .put("slug", organisation.getString("slug")).put("name", organisation.getJsonObject("name"))
          .put("acronym", organisation.getString("acronym"))
          .put("verified", organisation.getBoolean("verified", false));
      return ask(user, sessionId, text, anonymous, shown, onBehalfOf != null);
    });
  }

  /** The verified organisations this person may speak for, as {@code [{slug, name, acronym, verified}]}. */
  Future<List<JsonObject>> verifiedOrganisationsOf(CurrentUser user) {
    if (user == null) {
      return Future.succeededFuture(List.of());
    }
    return memberships.of(user.id())
        .map(orgs -> orgs.stream().filter(org -> org.getBoolean("verified", false)).toList());
  }

  private Future<JsonObject> ask(CurrentUser user, String sessionId, String text, boolean anonymous,
      JsonObject organisation, boolean onBehalf) {
    return openSession(user, sessionId).compose(session -> {
      String status = "post".equals(session.getString("moderation")) ? Question.APPROVED : Question.PENDING;
      return events.nextSeq(sessionId).compose(seq -> {
        JsonObject doc = new JsonObject()
            .put("_id", Question.newId())
            .put("sessionId", sessionId)
            .put("text", text)
            .put("anonymous", anonymous)
            .put("author", new JsonObject().put("id", user.id()).put("username", user.username())
                .put("name", user.name()).put("organisation", organisation))
            .put("onBehalf", onBehalf)
            .put("organisationSlug", onBehalf ? organisation.getString("slug") : null)
            .put("status", status)
            .put("shown", Question.PUBLIC.contains(status))
            .put("votes", 0)
            .put("createdAt", Question.now())
            .put("seq", seq);
        return questions.insert(doc).map(v -> {
          publish(doc);
          publishCounts(sessionId, seq);
          return new JsonObject().put("id", doc.getString("_id")).put("status", status).put("seq", seq);
        });
      });
    });
  }

  /**
   * What this person may see of the session's questions, changed after {@code since} (all when null), as
   * {@code {seq, questions:[...]}}; {@code seq} is where the caller stands afterwards.
   */
  Future<JsonObject> questions(CurrentUser user, String sessionId, Long since) {
    return readableSession(user, sessionId).compose(session -> {
      boolean moderator = user != null && user.has(Role.MODERATOR);
      long from = since == null ? 0 : since;
      JsonObject filter = new JsonObject().put("seq", new JsonObject().put("$gt", from));
      if (!moderator) {
        JsonArray visible = new JsonArray()
            .add(new JsonObject().put("status", new JsonObject().put("$in", new JsonArray(List.copyOf(Question.PUBLIC)))));
        if (since != null) {
          visible.add(new JsonObject().put("status", Question.HIDDEN).put("shown", true));
        }
        if (user != null) {
          visible.add(new JsonObject().put("author.id", user.id()).put("status", Question.PENDING));
        }
        filter.put("$or", visible);
      } else if (since == null) {
        filter.put("status", new JsonObject().put("$ne", Question.HIDDEN));
      }
      return questions.inSession(sessionId, filter).compose(docs -> {
        long seq = Math.max(from, docs.stream().mapToLong(doc -> doc.getLong("seq", 0L)).max().orElse(0L));
        String viewerId = user == null ? null : user.id();
        List<JsonObject> views = docs.stream()
            .map(doc -> moderator ? Question.forModerators(doc) : Question.forAttendee(doc, viewerId)).toList();
        long standing = seq;
        return Future.all(markVotes(user, views), questions.moderationCounts(sessionId),
                polls.changedSince(user, sessionId, from))
            .map(all -> {
              List<JsonObject> changedPolls = all.resultAt(2);
              long latest = Math.max(standing,
                  changedPolls.stream().mapToLong(poll -> poll.getLong("seq", 0L)).max().orElse(0L));
              return new JsonObject().put("seq", latest)
                  .put("questions", new JsonArray(all.<List<JsonObject>>resultAt(0)))
                  .put("polls", new JsonArray(changedPolls))
                  .put("counts", all.<JsonObject>resultAt(1))
                  .put("session", session);
            });
      });
    });
  }

  /** Votes for a public question (once per person; again counts once) or withdraws the vote; the new count. */
  Future<Integer> vote(CurrentUser user, String questionId, boolean on) {
    return votableQuestion(user, questionId).compose(question -> {
      String sessionId = question.getString("sessionId");
      Future<Boolean> changed = on ? questions.addVote(questionId, user.id())
          : questions.removeVote(questionId, user.id());
      return changed.compose(counted -> {
        if (!counted) {
          return Future.succeededFuture(question.getInteger("votes", 0));
        }
        return questions.addToVotes(questionId, on ? 1 : -1).map(updated -> {
          coalescer.touch(sessionId, questionId);
          return updated.getInteger("votes", 0);
        });
      });
    });
  }

  /**
   * A moderator's action on a question: approve (optionally with an edited text, the original kept in the audit
   * log), hide (optionally with a reason), answer, highlight (one at a time). Answers the moderator view.
   */
  Future<JsonObject> moderate(CurrentUser by, String questionId, String action, String reason, String editedText) {
    return questions.find(questionId).compose(question -> {
      if (question == null) {
        return Future.failedFuture(ForumException.notFound("There is no such question."));
      }
      String sessionId = question.getString("sessionId");
      String status = switch (action) {
        case "approve" -> Question.APPROVED;
        case "hide" -> Question.HIDDEN;
        case "answer" -> Question.ANSWERED;
        case "highlight" -> Question.HIGHLIGHTED;
        default -> throw ForumException.invalid("Unknown action.");
      };
      JsonObject set = new JsonObject().put("status", status).put("updatedAt", Question.now());
      if (Question.PUBLIC.contains(status)) {
        set.put("shown", true);
      }
      if (Question.HIDDEN.equals(status)) {
        set.put("hiddenReason", reason == null || reason.isBlank() ? null : reason);
      }
      JsonObject details = new JsonObject().put("sessionId", sessionId).put("from", question.getString("status"));
      if (editedText != null && !editedText.equals(question.getString("text"))) {
        set.put("text", editedText).put("edited", true);
        details.put("originalText", question.getString("text")).put("editedText", editedText);
      }
      Future<Void> before = Question.HIGHLIGHTED.equals(status) ? unhighlightOthers(sessionId, questionId)
          : Future.succeededFuture();
      return before
          .compose(v -> events.nextSeq(sessionId))
          .compose(seq -> questions.change(questionId, set, seq))
          .compose(updated -> audit.record(by, "question." + action, "question", questionId, reason, details)
              .map(v -> {
                publish(updated);
                publishCounts(sessionId, updated.getLong("seq", 0L));
                return Question.forModerators(updated);
              }));
    });
  }

  /** Carries the session's approved, unanswered questions into forum threads (see {@link ForumHandOff}). */
  Future<JsonObject> carryToForum(CurrentUser moderator, String sessionId, String category, ForumThreads forum) {
    return new ForumHandOff(events, questions, forum, audit).carry(moderator, sessionId, category);
  }

  /**
   * The export's data ({@link #exportData(String)}); when it is to name anonymous askers, the audit log records
   * who took it before it is handed over.
   */
  Future<JsonObject> exportData(CurrentUser moderator, String sessionId, String format, boolean withNames) {
    return exportData(sessionId).compose(data -> withNames
        ? audit.record(moderator, "session.export_with_names", "session", sessionId, null,
            new JsonObject().put("format", format)).map(data)
        : Future.succeededFuture(data));
  }

  /** All questions of a session for the moderators' export, with each asker's organisations. */
  Future<JsonObject> exportData(String sessionId) {
    return events.session(sessionId).compose(session -> {
      if (session == null) {
        return Future.failedFuture(ForumException.notFound("There is no such session."));
      }
      return Future.all(events.event(session.getString("eventId")),
              questions.inSession(sessionId, new JsonObject()), pollStore.inSession(sessionId, -1))
          .compose(all -> {
            List<JsonObject> docs = all.resultAt(1);
            List<Future<JsonObject>> rows = new ArrayList<>();
            for (JsonObject doc : docs) {
              String authorId = doc.getJsonObject("author", new JsonObject()).getString("id");
              rows.add(memberships.of(authorId).map(orgs -> Question.forModerators(doc)
                  .put("organisations", new JsonArray(orgs))));
            }
            JsonObject event = all.resultAt(0);
            List<JsonObject> pollDocs = all.resultAt(2);
            JsonArray pollViews = new JsonArray(pollDocs.stream().map(Poll::view).toList());
            return Future.all(rows).map(done -> new JsonObject()
                .put("polls", pollViews)
                .put("session", sessionView(session))
                .put("event", event == null ? null : eventView(event))
                .put("questions", new JsonArray(rows.stream().map(Future::result).toList())));
          });
    });
  }

  // ---- internals -----------------------------------------------------------------------------------------------

  private Future<Boolean> mayRead(CurrentUser user, JsonObject session) {
    if (!"members".equals(session.getString("visibility"))) {
      return Future.succeededFuture(true);
    }
    return memberships.mayReadMembersOnly(user);
  }

  /** The session, if this person may read it and its Q&amp;A is open (409 when closed). */
  private Future<JsonObject> openSession(CurrentUser user, String sessionId) {
    return readableSession(user, sessionId).compose(session -> session.getBoolean("qaOpen", false)
        ? Future.succeededFuture(session)
        : Future.failedFuture(ForumException.conflict("Questions are closed for this session.")));
  }

  /** A question attendees can vote on: public, in a session this person may read whose Q&amp;A is open. */
  private Future<JsonObject> votableQuestion(CurrentUser user, String questionId) {
    return questions.find(questionId).compose(question -> {
      if (question == null || !Question.isPublic(question)) {
        return Future.failedFuture(ForumException.notFound("There is no such question."));
      }
      return openSession(user, question.getString("sessionId")).map(question);
    });
  }

  private Future<Void> unhighlightOthers(String sessionId, String exceptId) {
    return questions.highlighted(sessionId, exceptId).compose(others -> {
      Future<Void> chain = Future.succeededFuture();
      for (JsonObject other : others) {
        String id = other.getString("_id");
        chain = chain.compose(v -> events.nextSeq(sessionId))
            .compose(seq -> questions.change(id, new JsonObject().put("status", Question.APPROVED), seq))
            .map(updated -> {
              publish(updated);
              return null;
            });
      }
      return chain;
    });
  }

  private Future<List<JsonObject>> markVotes(CurrentUser user, List<JsonObject> views) {
    if (user == null) {
      return Future.succeededFuture(views);
    }
    List<String> ids = views.stream().map(view -> view.getString("id")).toList();
    return questions.votedBy(user.id(), ids).map(voted -> {
      views.forEach(view -> view.put("voted", voted.contains(view.getString("id"))));
      return views;
    });
  }

  /**
   * How long this session's vote counts are gathered: {@link #VOTE_WINDOW_MILLIS}, longer when the audience is so
   * large that even that would cost more than {@link #VOTE_FRAMES_PER_SECOND} (5,000 followers: 250 ms), never
   * more than {@link #VOTE_WINDOW_MAX_MILLIS}. The audience is this node's followers (each node delivers to its own).
   */
  long voteWindowMillis(String sessionId) {
    long byAudience = Followers.localCount(vertx, sessionId) * 1_000L / VOTE_FRAMES_PER_SECOND;
    return Math.min(VOTE_WINDOW_MAX_MILLIS, Math.max(VOTE_WINDOW_MILLIS, byAudience));
  }

  /** Announces the vote counts of questions voted on during the last window, one frame per question. */
  private void announceVotes(String sessionId, String questionId) {
    events.nextSeq(sessionId)
        .compose(seq -> questions.change(questionId, new JsonObject(), seq))
        .onSuccess(updated -> {
          if (updated != null) {
            publish(updated);
          }
        });
  }

  /**
   * Tells everyone following the session how many questions wait for review and how many were hidden, with the
   * reasons (the transparency counters); the frame carries the seq of the change that moved them.
   */
  private void publishCounts(String sessionId, long seq) {
    questions.moderationCounts(sessionId).onSuccess(counts -> {
      JsonObject frame = counts.put("type", "counts").put("id", sessionId).put("seq", seq);
      LiveEvent.publish(vertx, Addresses.session(sessionId), frame);
      LiveEvent.publish(vertx, Addresses.sessionModerators(sessionId), frame);
    });
  }

  /** Publishes a stored change: to moderators always, to attendees when they may see it. */
  private void publish(JsonObject doc) {
    String sessionId = doc.getString("sessionId");
    LiveEvent.publish(vertx, Addresses.sessionModerators(sessionId), Question.forModerators(doc));
    boolean hiddenAfterShown = Question.HIDDEN.equals(doc.getString("status")) && doc.getBoolean("shown", false);
    if (Question.isPublic(doc) || hiddenAfterShown) {
      LiveEvent.publish(vertx, Addresses.session(sessionId), Question.forAttendee(doc, null));
    }
  }

  static JsonObject eventView(JsonObject doc) {
    return new JsonObject()
        .put("id", doc.getString("_id"))
        .put("title", doc.getJsonObject("title"))
        .put("startsAt", doc.getValue("startsAt"))
        .put("endsAt", doc.getValue("endsAt"))
        .put("location", doc.getJsonObject("location"))
        .put("organisers", doc.getJsonArray("organisers", new JsonArray()));
  }

  static JsonObject sessionView(JsonObject doc) {
    return new JsonObject()
        .put("id", doc.getString("_id"))
        .put("eventId", doc.getString("eventId"))
        .put("title", doc.getJsonObject("title"))
        .put("startsAt", doc.getValue("startsAt"))
        .put("endsAt", doc.getValue("endsAt"))
        .put("moderation", doc.getString("moderation", "pre"))
        .put("visibility", doc.getString("visibility", "public"))
        .put("qaOpen", doc.getBoolean("qaOpen", false))
        .put("speakers", doc.getJsonArray("speakers", new JsonArray()))
        .put("seq", doc.getLong("seq", 0L));
  }
}
