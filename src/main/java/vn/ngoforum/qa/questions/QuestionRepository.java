package vn.ngoforum.qa.questions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import vn.ngoforum.db.Batches;
import vn.ngoforum.db.Dates;
import vn.ngoforum.db.Keys;
import vn.ngoforum.db.Mongo;
import vn.ngoforum.qa.events.ListingRepository;
import vn.ngoforum.qa.http.GuestPass;
import vn.ngoforum.qa.events.Steps;

/**
 * The {@code questions} of Q&amp;A sessions and their {@code question_votes} (one document per person and question,
 * kept unique by an index so that voting again counts once, on every node).
 *
 * <p>A question document: {@code {_id, sessionId, text, anonymous, author:{id, username, name, organisation},
 * onBehalf, organisationSlug, status, shown, votes, createdAt, updatedAt, seq, hiddenReason, edited, threadId}}.
 * {@code seq} is the session sequence number of the question's last change or announcement of its votes, so "what
 * changed since N" is a query. No write lowers it (a change's or an announcement's seq is {@code $max}ed in): each
 * takes its seq before it writes, and they may write in either order;
 * {@code organisationSlug} is set when the asker spoke for an organisation (its profile lists those questions);
 * {@code threadId} is the forum thread a question was carried into.
 *
 * <p>Requests read by key only: each session has a list ({@code session_questions}, see {@link ListingRepository})
 * with an entry {@code {id, seq, status, reason}} per question, kept by every write that changes them; a read takes
 * the list by the session's id, selects on it, and reads the questions by {@code _id $in}. A vote's {@code _id} is
 * {@code <questionId>:<userId>}, so a person's votes among a session's questions are read by key too. Questions
 * asked on behalf of an organisation are listed by its slug ({@code organisation_questions}) for its profile.
 */
public record QuestionRepository(MongoClient mongo) {

  static final String QUESTIONS = "questions";
  static final String VOTES = "question_votes";

  static final String LISTS = "session_questions";
  static final String BY_ORGANISATION = "organisation_questions";
  static final String VOTERS = "session_voters";
  static final String BY_PERSON = "person_questions";
  static final String PERSON_MIGRATION = "person-questions-v1";
  static final String MIGRATION = "question-keys-v1";
  static final String VOTERS_MIGRATION = "session-voters-v1";
  private static final int VOTES_BATCH = 500;
  /** What {@link #entry} is made of, with what {@link #question} needs to read it. */
  private static final JsonObject ENTRY_FIELDS = new JsonObject().put("sessionId", 1).put("seq", 1).put("status", 1)
      .put("hiddenReason", 1);

  /** The lists kept in {@value #LISTS} (a record of the client and the collection name: cheap to make). */
  private ListingRepository lists() {
    return new ListingRepository(mongo, LISTS);
  }

  /** The people who voted in each session ({@value #VOTERS}): cheap to make. */
  private ListingRepository voterLists() {
    return new ListingRepository(mongo, VOTERS);
  }

  /** The lists kept in {@value #BY_ORGANISATION} (a record of the client and the collection name: cheap to make). */
  private ListingRepository byOrganisation() {
    return new ListingRepository(mongo, BY_ORGANISATION);
  }

  /** Each person's questions ({@value #BY_PERSON}, entries {@code {id, createdAt}}): cheap to make. */
  private ListingRepository byPerson() {
    return new ListingRepository(mongo, BY_PERSON);
  }

  public Future<Void> insert(Question question) {
    Question.Asker asker = question.asker();
    JsonObject doc = new JsonObject()
        .put("_id", question.id())
        .put("sessionId", question.sessionId())
        .put("text", question.text())
        .put("anonymous", question.anonymous())
        .put("author", asker.json())
        .put("onBehalf", question.onBehalf())
        .put("organisationSlug", question.onBehalf() ? asker.organisation().slug() : null)
        .put("status", question.status())
        .put(QuestionStateRepository.FIELD, QuestionStateRepository.of(question.id(), question.status()))
        .put("shown", question.shown())
        .put("votes", question.votes())
        .put("createdAt", Dates.of(question.createdAt()))
        .put("seq", question.seq());
    // Stored, then listed (before it is announced): an entry never stands for a question that is not there.
    return mongo.insert(QUESTIONS, doc).compose(id -> list(question))
        .compose(v -> asker.id() == null || asker.guest() ? Future.succeededFuture() : byPerson().put(asker.id(),
            question.id(), new JsonObject().put("createdAt", question.createdAt().toEpochMilli())))
        .compose(v -> question.onBehalf() ? byOrganisation().put(asker.organisation().slug(), question.id(),
            new JsonObject().put("createdAt", question.createdAt().toEpochMilli())) : Future.succeededFuture());
  }

  /** The question, or {@code null}. */
  public Future<Question> find(String id) {
    return mongo.findOne(QUESTIONS, new JsonObject().put("_id", id), null).map(QuestionRepository::question);
  }

  /** The questions with these ids (those that exist), read by {@code _id $in}. */
  public Future<List<Question>> findAll(Collection<String> ids) {
    return byIds(List.copyOf(ids)).map(QuestionRepository::questions);
  }

  /** Every question, {@code size} at a time (rebuilding the search index: it reads the whole collection). */
  public Future<Void> each(int size, Function<List<Question>, Future<Void>> batch) {
    return Batches.each(mongo, QUESTIONS, size, QuestionRepository::question, batch);
  }

  /** All the session's questions, oldest change first. */
  public Future<List<Question>> inSession(String sessionId) {
    return listed(sessionId, entry -> true).map(QuestionRepository::questions);
  }

  /**
   * What moderators see of the session, changed after {@code after}: every question, but without the hidden (and
   * withdrawn) ones unless {@code withHidden} (a page loading afresh has no use for them; a page catching up must
   * learn them).
   */
  public Future<List<Question>> forModerators(String sessionId, long after, boolean withHidden) {
    return listed(sessionId, changedAfter(after)).map(docs -> questions(docs).stream()
        .filter(question -> question.seq() > after && (withHidden || !question.gone()))
        .toList());
  }

  /**
   * What attendees see of the session, changed after {@code after}: public questions; with
   * {@code withHiddenOnceShown} also those hidden after they were public (so a page catching up removes them); and
   * the pending questions {@code askerId} asked (when not {@code null}).
   */
  public Future<List<Question>> forAttendees(String sessionId, long after, boolean withHiddenOnceShown,
      String askerId) {
    return listed(sessionId, changedAfter(after)).map(docs -> questions(docs).stream()
        .filter(question -> question.seq() > after && (question.isPublic()
            || (withHiddenOnceShown && question.hiddenAfterShown())
            || (askerId != null && question.askedBy(askerId) && Question.PENDING.equals(question.status()))))
        .toList());
  }

  /**
   * A moderator's decision, made only if the question still has status {@code expected}, with the change's sequence
   * number: the new status, and for a public status that the question was shown, for a hidden one why ({@code null}:
   * no reason), an edited text when there is one, and {@code marks} into its {@code moderation} (answer, original
   * text, redaction, who acted). The question as stored now; {@code null} when there is none; a
   * {@link StaleQuestion} with the question as it is when another change came first.
   */
  public Future<Question> moderate(String id, String expected, String status, String hiddenReason, String editedText,
      JsonObject marks, Instant at, long seq) {
    JsonObject set = new JsonObject().put("status", status).put("updatedAt", Dates.of(at));
    if (Question.PUBLIC.contains(status)) {
      set.put("shown", true);
    }
    if (Question.HIDDEN.equals(status)) {
      set.put("hiddenReason", hiddenReason);
    }
    if (editedText != null) {
      set.put("text", editedText).put("edited", true);
    }
    marks.forEach(mark -> set.put("moderation." + mark.getKey(), mark.getValue()));
    return changeIf(id, expected, set, seq).compose(updated -> updated != null ? Future.succeededFuture(updated)
        : find(id).compose(now -> now == null ? Future.succeededFuture(null)
            : Future.failedFuture(new StaleQuestion(now))));
  }

  /**
   * Sets the status alone if it is still {@code expected} (a highlight giving way to another), with the change's
   * sequence number; {@code null} when it had changed meanwhile.
   */
  public Future<Question> setStatusIf(String id, String expected, String status, long seq) {
    return changeIf(id, expected, new JsonObject().put("status", status), seq);
  }

  /** The asker's new text for a question still pending, with the change's sequence number; {@code null} otherwise. */
  public Future<Question> editPending(String id, String text, Instant at, long seq) {
    return changeIf(id, Question.PENDING, new JsonObject().put("text", text).put("updatedAt", Dates.of(at)), seq);
  }

  /** The asker withdraws the question if its status is still {@code expected}; {@code null} otherwise. */
  public Future<Question> withdraw(String id, String expected, Instant at, long seq) {
    return changeIf(id, expected, new JsonObject().put("status", Question.WITHDRAWN)
        .put("updatedAt", Dates.of(at)), seq);
  }

  /**
   * Gives the question of session {@code sessionId} the sequence number of an announcement of its votes, in the
   * question and in the session's list at once (two writes by key, side by side: the count only needs the number,
   * not the entry's status); the question as stored now, or {@code null}. Never lowers either number ({@code $max}):
   * two announcements of one question (two nodes, or two windows of one) may land in either order, and a page
   * catching up must still find the later one.
   */
  public Future<Question> touch(String id, String sessionId, long seq) {
    Future<JsonObject> touched = mongo.findOneAndUpdateWithOptions(QUESTIONS, new JsonObject().put("_id", id),
        new JsonObject().put("$max", new JsonObject().put("seq", seq)), new FindOptions(),
        new UpdateOptions().setReturningNewDocument(true));
    Future<Void> listed = lists().raise(sessionId, id, "seq", seq);
    return Future.all(touched, listed).map(both -> question(touched.result()));
  }

  /** Records the vote; true when it is new (false when this person had voted already). */
  public Future<Boolean> addVote(String questionId, String userId, Instant at) {
    JsonObject vote = new JsonObject().put("_id", voteKey(questionId, userId))
        .put("questionId", questionId).put("userId", userId).put("at", Dates.of(at));
    return Mongo.isNew(mongo.insert(VOTES, vote));
  }

  /** Keeps {@code userId} among the people who voted in the session (for the workshop report's organisations). */
  public Future<Void> listVoter(String sessionId, String userId) {
    return voterLists().put(sessionId, userId, new JsonObject());
  }

  /** The ids of the people who ever voted on the session's questions (from its list: one read by key). */
  public Future<List<String>> voters(String sessionId) {
    return voterLists().entries(sessionId).map(entries -> entries.stream().map(entry -> entry.getString("id"))
        .toList());
  }

  /** Removes the vote; true when there was one (by the unique pair, so a vote of either shape). */
  public Future<Boolean> removeVote(String questionId, String userId) {
    return mongo.removeDocument(VOTES, new JsonObject().put("questionId", questionId).put("userId", userId))
        .map(result -> result != null && result.getRemovedCount() > 0);
  }

  /** Which of {@code questionIds} this person voted for (by the votes' keys). */
  public Future<Set<String>> votedBy(String userId, List<String> questionIds) {
    if (questionIds.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    JsonArray keys = new JsonArray(questionIds.stream().map(id -> voteKey(id, userId)).toList());
    return mongo.find(VOTES, new JsonObject().put("_id", new JsonObject().put("$in", keys)))
        .map(votes -> votes.stream().map(vote -> vote.getString("questionId")).collect(Collectors.toSet()));
  }

  /** Adds {@code delta} to the question's vote count; the question as stored now. */
  public Future<Question> addToVotes(String questionId, int delta) {
    return mongo.findOneAndUpdateWithOptions(QUESTIONS, new JsonObject().put("_id", questionId),
            new JsonObject().put("$inc", new JsonObject().put("votes", delta)),
            new FindOptions(), new UpdateOptions().setReturningNewDocument(true))
        .map(QuestionRepository::question);
  }

  /**
   * How many of the session's questions wait for review, and the reasons of the hidden ones (one per question):
   * counted from the session's list, one read.
   */
  public Future<ModerationCounts> moderationCounts(String sessionId) {
    return lists().entries(sessionId).map(entries -> {
      long pending = entries.stream().filter(entry -> Question.PENDING.equals(entry.getString("status"))).count();
      List<JsonObject> hidden = entries.stream().filter(entry -> Question.HIDDEN.equals(entry.getString("status")))
          .toList();
      return new ModerationCounts(pending, hidden.size(), hidden.stream().collect(
          Collectors.groupingBy(entry -> Objects.requireNonNullElse(entry.getString("reason"), ""),
              Collectors.counting())));
    });
  }

  /** The session's approved or highlighted (so unanswered) questions not carried into the forum yet. */
  public Future<List<Question>> notCarriedToForum(String sessionId) {
    Set<String> open = Set.of(Question.APPROVED, Question.HIGHLIGHTED);
    return listed(sessionId, entry -> open.contains(entry.getString("status")))
        .map(docs -> questions(docs.stream()
            .filter(doc -> open.contains(doc.getString("status")) && !doc.containsKey("threadId")).toList()));
  }

  /** Remembers the forum thread a question was carried into (not a change attendees need to see). */
  public Future<Void> linkThread(String id, String threadId) {
    return mongo.updateCollection(QUESTIONS, new JsonObject().put("_id", id),
        new JsonObject().put("$set", new JsonObject().put("threadId", threadId))).mapEmpty();
  }

  /**
   * The newest public questions asked on behalf of organisation {@code slug} (never anonymous ones), at most
   * {@code limit}, newest first: from the organisation's list ({@code organisation_questions}, entries
   * {@code {id, createdAt}}), newest first, read by {@code _id $in} a page at a time until enough are public.
   */
  public Future<List<Question>> onBehalfOf(String slug, int limit) {
    return byOrganisation().entries(slug).compose(entries -> {
      List<String> newestFirst = entries.stream()
          .sorted(Comparator.comparing((JsonObject entry) -> entry.getLong("createdAt", 0L)).reversed()
              .thenComparing(entry -> entry.getString("id")))
          .map(entry -> entry.getString("id")).toList();
      return publicOnBehalf(slug, newestFirst, 0, Math.max(limit, 1) * 3, limit, new ArrayList<>());
    });
  }

  private Future<List<Question>> publicOnBehalf(String slug, List<String> ids, int from, int page, int limit,
      List<Question> found) {
    if (found.size() >= limit || from >= ids.size()) {
      return Future.succeededFuture(found.stream().limit(limit).toList());
    }
    List<String> some = ids.subList(from, Math.min(ids.size(), from + page));
    return byIds(some).compose(docs -> {
      docs.stream().filter(doc -> slug.equals(doc.getString("organisationSlug")) && doc.getBoolean("onBehalf", false)
              && !doc.getBoolean("anonymous", false) && Question.PUBLIC.contains(doc.getString("status")))
          .map(QuestionRepository::question)
          .sorted(Comparator.comparing(Question::createdAt, Comparator.nullsLast(Comparator.reverseOrder())))
          .forEach(found::add);
      return publicOnBehalf(slug, ids, from + page, page, limit, found);
    });
  }

  /**
   * The questions {@code userId} asked, whatever became of them (anonymous, pending, hidden or withdrawn ones too:
   * they are theirs), newest first, at most {@code limit}: from the person's list ({@value #BY_PERSON}), then by
   * {@code _id $in}.
   */
  public Future<List<Question>> askedBy(String userId, int limit) {
    return byPerson().entries(userId).compose(entries -> byIds(entries.stream()
            .sorted(Comparator.comparing((JsonObject entry) -> entry.getLong("createdAt", 0L)).reversed())
            .limit(limit).map(entry -> entry.getString("id")).toList()))
        .map(docs -> questions(docs).stream().filter(question -> question.askedBy(userId))
            .sorted(Comparator.comparing(Question::createdAt, Comparator.nullsLast(Comparator.reverseOrder())))
            .toList());
  }

  /**
   * {@code {_id, sessionId, seq, onBehalf}} of the questions {@code userId} asked whose asker is not yet forgotten: a scan of the
   * collection (background work when an account is closed, never a request's).
   */
  public Future<List<JsonObject>> notForgotten(String userId) {
    return mongo.findWithOptions(QUESTIONS, new JsonObject().put("author.id", userId), new FindOptions().setFields(
            new JsonObject().put("sessionId", 1).put("seq", 1).put("onBehalf", 1).put("author.former", 1)))
        .map(docs -> docs.stream().filter(doc -> !doc.getJsonObject("author", new JsonObject())
            .getBoolean("former", false)).toList());
  }

  /**
   * Forgets who asked the question (their account is closed): no name, username or organisation (the organisation
   * stays on a question asked on its behalf: it is the organisation's), marked {@code former}, with the change's
   * sequence number so that open pages and pages catching up replace it. The question as stored now, or null.
   */
  public Future<Question> forgetAsker(String id, boolean keepOrganisation, long seq) {
    JsonObject set = new JsonObject().put("author.name", null).put("author.username", null)
        .put("author.former", true);
    if (!keepOrganisation) {
      set.put("author.organisation", null);
    }
    return change(id, set, seq);
  }

  /** The indexes, then the states of questions stored before states existed (at start-up, before requests). */
  public Future<Void> createIndexes() {
    QuestionStateRepository states = new QuestionStateRepository(mongo);
    return mongo.createIndexWithOptions(VOTES, new JsonObject().put("questionId", 1).put("userId", 1),
        new IndexOptions().unique(true)).compose(v -> states.createIndex()).compose(v -> states.migrate());
  }

  /**
   * Builds what the read paths need from documents stored before they existed (a forum upgraded from a version that
   * queried by session): the sessions' lists of questions, and votes keyed by question and person. A background scan
   * at start-up; idempotent (entries already listed are kept, votes already keyed are left) and a no-op once marked
   * done.
   */
  public Future<Void> migrateKeys() {
    return ListingRepository.migrated(mongo, MIGRATION).compose(done -> done ? Future.succeededFuture()
        : listUnlisted().compose(v -> listOnBehalf()).compose(v -> keyVotes())
            .compose(v -> ListingRepository.markMigrated(mongo, MIGRATION)));
  }

  /**
   * Lists in their askers' lists ({@value #BY_PERSON}) the questions stored before those lists were kept: a background
   * scan at start-up; idempotent (putting an entry twice is harmless) and a no-op once marked done.
   */
  public Future<Void> migrateAskers() {
    return ListingRepository.migrated(mongo, PERSON_MIGRATION).compose(done -> done ? Future.succeededFuture()
        : mongo.findWithOptions(QUESTIONS, new JsonObject(), new FindOptions().setFields(
                new JsonObject().put("author.id", 1).put("createdAt", 1)))
            .compose(all -> {
              Map<String, List<JsonObject>> byAsker = new LinkedHashMap<>();
              all.forEach(doc -> {
                String asker = doc.getJsonObject("author", new JsonObject()).getString("id");
                if (asker != null && !GuestPass.isGuestId(asker)) {
                  byAsker.computeIfAbsent(asker, k -> new ArrayList<>()).add(listedAt(doc));
                }
              });
              return Steps.each(new ArrayList<>(byAsker.entrySet()),
                  asker -> byPerson().putAll(asker.getKey(), asker.getValue()));
            })
            .compose(v -> ListingRepository.markMigrated(mongo, PERSON_MIGRATION)));
  }

  private Future<Void> listUnlisted() {
    return mongo.findWithOptions(QUESTIONS, new JsonObject(), new FindOptions().setFields(
            new JsonObject().put("sessionId", 1)))
        .compose(all -> {
          Map<String, List<String>> bySession = new LinkedHashMap<>();
          all.forEach(doc -> bySession.computeIfAbsent(doc.getString("sessionId"), k -> new ArrayList<>())
              .add(doc.getString("_id")));
          return Steps.each(new ArrayList<>(bySession.entrySet()),
              session -> listUnlisted(session.getKey(), session.getValue()));
        });
  }

  /** Lists in their organisations' lists the questions asked on behalf of one (putting an entry twice is harmless). */
  private Future<Void> listOnBehalf() {
    return mongo.findWithOptions(QUESTIONS, new JsonObject().put("onBehalf", true), new FindOptions().setFields(
            new JsonObject().put("organisationSlug", 1).put("createdAt", 1)))
        .compose(all -> {
          Map<String, List<JsonObject>> byOrg = new LinkedHashMap<>();
          all.stream().filter(doc -> doc.getString("organisationSlug") != null).forEach(doc -> byOrg
              .computeIfAbsent(doc.getString("organisationSlug"), k -> new ArrayList<>())
              .add(listedAt(doc)));
          return Steps.each(new ArrayList<>(byOrg.entrySet()), org -> byOrganisation().putAll(org.getKey(),
              org.getValue()));
        });
  }

  /**
   * Lists in their sessions the people who voted before sessions listed their voters (a background scan at start-up:
   * the votes a batch at a time, their questions by {@code _id $in}; idempotent, a no-op once marked done).
   */
  public Future<Void> migrateVoters() {
    return ListingRepository.migrated(mongo, VOTERS_MIGRATION).compose(done -> done ? Future.succeededFuture()
        : Batches.each(mongo, VOTES, new JsonObject(), new FindOptions().setFields(
                new JsonObject().put("questionId", 1).put("userId", 1)), VOTES_BATCH, vote -> vote,
            this::listVoters)
            .compose(v -> ListingRepository.markMigrated(mongo, VOTERS_MIGRATION)));
  }

  private Future<Void> listVoters(List<JsonObject> votes) {
    List<String> questionIds = votes.stream().map(vote -> vote.getString("questionId")).filter(Objects::nonNull)
        .distinct().toList();
    return Keys.findAll(mongo, QUESTIONS, questionIds, new JsonObject().put("sessionId", 1)).compose(docs -> {
      Map<String, String> sessionOf = new LinkedHashMap<>();
      docs.forEach(doc -> sessionOf.put(doc.getString("_id"), doc.getString("sessionId")));
      Map<String, List<JsonObject>> bySession = new LinkedHashMap<>();
      votes.stream().filter(vote -> sessionOf.get(vote.getString("questionId")) != null
              && vote.getString("userId") != null)
          .forEach(vote -> bySession.computeIfAbsent(sessionOf.get(vote.getString("questionId")),
              k -> new ArrayList<>()).add(new JsonObject().put("id", vote.getString("userId"))));
      return Steps.each(new ArrayList<>(bySession.entrySet()),
          session -> voterLists().putAll(session.getKey(), session.getValue()));
    });
  }

  /** Lists the session's questions missing from its list, as stored now (a question listed meanwhile is kept). */
  private Future<Void> listUnlisted(String sessionId, List<String> ids) {
    if (sessionId == null) {
      return Future.succeededFuture();
    }
    return lists().entries(sessionId).compose(entries -> {
      Set<String> listed = entries.stream().map(entry -> entry.getString("id")).collect(Collectors.toSet());
      List<String> missing = ids.stream().filter(id -> !listed.contains(id)).toList();
      return missing.isEmpty() ? Future.succeededFuture() : byIds(missing)
          .compose(docs -> lists().putAll(sessionId, questions(docs).stream()
              .map(question -> entry(question).put("id", question.id())).toList()));
    });
  }

  /** Votes stored with a generated id get their key: removed, then stored again keyed (when the removal took one). */
  private Future<Void> keyVotes() {
    return ListingRepository.keyAll(mongo, VOTES,
        vote -> voteKey(vote.getString("questionId"), vote.getString("userId")));
  }

  /** The question documents the session lists whose entries pass {@code entries}, oldest change first. */
  private Future<List<JsonObject>> listed(String sessionId, Predicate<JsonObject> entries) {
    return lists().entries(sessionId).compose(found -> byIds(found.stream().filter(entries)
            .map(entry -> entry.getString("id")).toList()))
        .map(docs -> docs.stream().filter(doc -> sessionId.equals(doc.getString("sessionId")))
            .sorted(Comparator.comparingLong(doc -> doc.getLong("seq", 0L))).toList());
  }

  private Future<List<JsonObject>> byIds(List<String> ids) {
    return Keys.findAll(mongo, QUESTIONS, ids, null);
  }

  /**
   * Keeps the question's entry in its session's list: what the read paths select on. Its seq is raised, never set: an
   * announcement of the votes may have raised it ({@link #touch}) since the question was read for this entry.
   *
   * <p>Each change writes its question, then its entry, so two changes of one question (two moderators, two nodes)
   * may write their entries in the other order than their questions, and the entry would keep the older status (an
   * unhidden question left out of attendees' lists). So the entry is checked against the question as stored after
   * it was written (one read by key) and written again from it when a later change landed meanwhile. That makes the
   * entry end as the question ends: whoever writes the entry last reads, after that write, a question no change
   * follows, and writes again unless it matches.
   */
  private Future<Void> list(Question question) {
    return lists().putRaising(question.sessionId(), question.id(), entry(question), "seq")
        .compose(v -> mongo.findOne(QUESTIONS, Keys.id(question.id()), ENTRY_FIELDS))
        .compose(now -> {
          Question stored = question(now);
          boolean current = stored == null || Objects.equals(stored.status(), question.status())
              && Objects.equals(stored.hiddenReason(), question.hiddenReason());
          return current ? Future.succeededFuture() : list(stored);
        });
  }

  /** {@code {seq, status, reason}}: the reason {@code null} unless hidden with one, so a written entry clears it. */
  private static JsonObject entry(Question question) {
    return new JsonObject().put("seq", question.seq()).put("status", question.status())
        .put("reason", question.hiddenReason());
  }

  /** The entries changed after {@code after}, on the entry's seq (never lower than the stored question's). */
  private static Predicate<JsonObject> changedAfter(long after) {
    return entry -> entry.getLong("seq", 0L) > after;
  }

  /** A question's entry in a list by creation time: {@code {id, createdAt}} (epoch milliseconds; 0 unknown). */
  private static JsonObject listedAt(JsonObject doc) {
    return new JsonObject().put("id", doc.getString("_id")).put("createdAt",
        Optional.ofNullable(Dates.instant(doc.getValue("createdAt"))).map(Instant::toEpochMilli).orElse(0L));
  }

  static String voteKey(String questionId, String userId) {
    return questionId + ":" + userId;
  }

  /**
   * Applies {@code set} and the change's sequence number to a question (see {@link #update}); the question as stored
   * now, or null.
   */
  private Future<Question> change(String id, JsonObject set, long seq) {
    return listed(mongo.findOneAndUpdateWithOptions(QUESTIONS, new JsonObject().put("_id", id),
        update(id, set, seq), new FindOptions(), new UpdateOptions().setReturningNewDocument(true)));
  }

  /** As {@link #change}, if the question's status is still {@code expected} ({@code null} otherwise). */
  private Future<Question> changeIf(String id, String expected, JsonObject set, long seq) {
    return listed(new QuestionStateRepository(mongo).updateIf(id, expected, update(id, set, seq)));
  }

  /**
   * {@code set}, and the change's seq unless the question has a higher one ({@code $max}): an announcement of its
   * votes may have taken a later seq and stamped it first ({@link #touch}). Lowered, the seq would hide the question
   * from a page catching up after the announcement; the change is then announced with a fresh seq (see
   * {@code QuestionSeqs#changed}).
   */
  private static JsonObject update(String id, JsonObject set, long seq) {
    return new JsonObject().put("$set", QuestionStateRepository.with(id, set))
        .put("$max", new JsonObject().put("seq", seq));
  }

  /** The question as a write left it, kept in its session's list ({@code null} when the write matched none). */
  private Future<Question> listed(Future<JsonObject> written) {
    return written.map(QuestionRepository::question)
        .compose(updated -> updated == null ? Future.succeededFuture(null) : list(updated).map(updated));
  }

  private static List<Question> questions(List<JsonObject> docs) {
    return docs.stream().map(QuestionRepository::question).toList();
  }

  private static Question question(JsonObject doc) {
    if (doc == null) {
      return null;
    }
    JsonObject author = doc.getJsonObject("author");
    Question.Asker asker = author == null ? null : new Question.Asker(author.getString("id"),
        author.getString("username"), author.getString("name"),
        Question.Organisation.from(author.getJsonObject("organisation")), author.getBoolean("former", false));
    return new Question(doc.getString("_id"), doc.getString("sessionId"), doc.getString("text"),
        doc.getBoolean("anonymous", false), asker, doc.getBoolean("onBehalf", false), doc.getString("status"),
        doc.getBoolean("shown", false), doc.getInteger("votes", 0), Dates.instant(doc.getValue("createdAt")),
        doc.getLong("seq", 0L), doc.getString("hiddenReason"), doc.getBoolean("edited", false),
        doc.getJsonObject("moderation"));
  }
}
