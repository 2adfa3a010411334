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
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import vn.ngoforum.db.Dates;
import vn.ngoforum.db.Mongo;

/**
 * The {@code questions} of Q&amp;A sessions and their {@code question_votes} (one document per person and question,
 * kept unique by an index so that voting again counts once, on every node).
 *
 * <p>A question document: {@code {_id, sessionId, text, anonymous, author:{id, username, name, organisation},
 * onBehalf, organisationSlug, status, shown, votes, createdAt, updatedAt, seq, hiddenReason, edited, threadId}}.
 * {@code seq} is the session sequence number of the question's last change, so "what changed since N" is a query;
 * {@code organisationSlug} is set when the asker spoke for an organisation (its profile lists those questions);
 * {@code threadId} is the forum thread a question was carried into.
 */
public final class QuestionRepository {

  static final String QUESTIONS = "questions";
  static final String VOTES = "question_votes";

  private final MongoClient mongo;

  public QuestionRepository(MongoClient mongo) {
    this.mongo = mongo;
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
        .put("shown", question.shown())
        .put("votes", question.votes())
        .put("createdAt", Dates.of(question.createdAt()))
        .put("seq", question.seq());
    return mongo.insert(QUESTIONS, doc).mapEmpty();
  }

  /** The question, or {@code null}. */
  public Future<Question> find(String id) {
    return mongo.findOne(QUESTIONS, new JsonObject().put("_id", id), null).map(QuestionRepository::question);
  }

  /** All the session's questions, oldest change first. */
  public Future<List<Question>> inSession(String sessionId) {
    return inSession(sessionId, new JsonObject());
  }

  /**
   * What moderators see of the session, changed after {@code after}: every question, but without the hidden ones
   * unless {@code withHidden} (a page loading afresh has no use for them; a page catching up must learn them).
   */
  public Future<List<Question>> forModerators(String sessionId, long after, boolean withHidden) {
    JsonObject filter = changedAfter(after);
    if (!withHidden) {
      filter.put("status", new JsonObject().put("$ne", Question.HIDDEN));
    }
    return inSession(sessionId, filter);
  }

  /**
   * What attendees see of the session, changed after {@code after}: public questions; with
   * {@code withHiddenOnceShown} also those hidden after they were public (so a page catching up removes them); and
   * the pending questions {@code askerId} asked (when not {@code null}).
   */
  public Future<List<Question>> forAttendees(String sessionId, long after, boolean withHiddenOnceShown,
      String askerId) {
    JsonArray visible = new JsonArray()
        .add(new JsonObject().put("status", new JsonObject().put("$in", publicStatuses())));
    if (withHiddenOnceShown) {
      visible.add(new JsonObject().put("status", Question.HIDDEN).put("shown", true));
    }
    if (askerId != null) {
      visible.add(new JsonObject().put("author.id", askerId).put("status", Question.PENDING));
    }
    return inSession(sessionId, changedAfter(after).put("$or", visible));
  }

  /**
   * A moderator's decision, with the change's sequence number: the new status, and for a public status that the
   * question was shown, for a hidden one why ({@code null}: no reason), and an edited text when there is one. The
   * question as stored now, or {@code null}.
   */
  public Future<Question> moderate(String id, String status, String hiddenReason, String editedText, Instant at,
      long seq) {
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
    return change(id, set, seq);
  }

  /** Sets the status alone (a highlight giving way to another), with the change's sequence number. */
  public Future<Question> setStatus(String id, String status, long seq) {
    return change(id, new JsonObject().put("status", status), seq);
  }

  /** Gives the question the sequence number of an announcement of its votes; the question, or {@code null}. */
  public Future<Question> touch(String id, long seq) {
    return change(id, new JsonObject(), seq);
  }

  /** The session's highlighted questions other than {@code exceptId}. */
  public Future<List<Question>> highlighted(String sessionId, String exceptId) {
    return mongo.find(QUESTIONS, new JsonObject().put("sessionId", sessionId).put("status", Question.HIGHLIGHTED)
            .put("_id", new JsonObject().put("$ne", exceptId)))
        .map(QuestionRepository::questions);
  }

  /** Records the vote; true when it is new (false when this person had voted already). */
  public Future<Boolean> addVote(String questionId, String userId, Instant at) {
    JsonObject vote = new JsonObject().put("questionId", questionId).put("userId", userId).put("at", Dates.of(at));
    return mongo.insert(VOTES, vote).map(true)
        .recover(failure -> Mongo.isDuplicateKey(failure) ? Future.succeededFuture(false)
            : Future.failedFuture(failure));
  }

  /** Removes the vote; true when there was one. */
  public Future<Boolean> removeVote(String questionId, String userId) {
    return mongo.removeDocument(VOTES, new JsonObject().put("questionId", questionId).put("userId", userId))
        .map(result -> result != null && result.getRemovedCount() > 0);
  }

  /** Which of {@code questionIds} this person voted for. */
  public Future<Set<String>> votedBy(String userId, List<String> questionIds) {
    if (questionIds.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    return mongo.find(VOTES, new JsonObject().put("userId", userId)
            .put("questionId", new JsonObject().put("$in", new JsonArray(new ArrayList<>(questionIds)))))
        .map(votes -> votes.stream().map(vote -> vote.getString("questionId")).collect(Collectors.toSet()));
  }

  /** Adds {@code delta} to the question's vote count; the question as stored now. */
  public Future<Question> addToVotes(String questionId, int delta) {
    return mongo.findOneAndUpdateWithOptions(QUESTIONS, new JsonObject().put("_id", questionId),
            new JsonObject().put("$inc", new JsonObject().put("votes", delta)),
            new FindOptions(), new UpdateOptions().setReturningNewDocument(true))
        .map(QuestionRepository::question);
  }

  /** How many of the session's questions wait for review, and the reasons of the hidden ones (one per question). */
  public Future<ModerationCounts> moderationCounts(String sessionId) {
    return Future.all(
            mongo.count(QUESTIONS, new JsonObject().put("sessionId", sessionId).put("status", Question.PENDING)),
            mongo.findWithOptions(QUESTIONS, new JsonObject().put("sessionId", sessionId)
                .put("status", Question.HIDDEN), new FindOptions().setFields(new JsonObject().put("hiddenReason", 1))))
        .map(all -> {
          List<JsonObject> hidden = all.resultAt(1);
          return new ModerationCounts(all.<Long>resultAt(0), hidden.size(), hidden.stream().collect(
              Collectors.groupingBy(doc -> Objects.requireNonNullElse(doc.getString("hiddenReason"), ""),
                  Collectors.counting())));
        });
  }

  /** The session's approved or highlighted (so unanswered) questions not carried into the forum yet. */
  public Future<List<Question>> notCarriedToForum(String sessionId) {
    return inSession(sessionId, new JsonObject()
        .put("status", new JsonObject().put("$in", new JsonArray().add(Question.APPROVED).add(Question.HIGHLIGHTED)))
        .put("threadId", new JsonObject().put("$exists", false)));
  }

  /** Remembers the forum thread a question was carried into (not a change attendees need to see). */
  public Future<Void> linkThread(String id, String threadId) {
    return mongo.updateCollection(QUESTIONS, new JsonObject().put("_id", id),
        new JsonObject().put("$set", new JsonObject().put("threadId", threadId))).mapEmpty();
  }

  /**
   * The newest public questions asked on behalf of organisation {@code slug} (never anonymous ones), at most
   * {@code limit}, newest first.
   */
  public Future<List<Question>> onBehalfOf(String slug, int limit) {
    JsonObject query = new JsonObject()
        .put("organisationSlug", slug)
        .put("onBehalf", true)
        .put("anonymous", false)
        .put("status", new JsonObject().put("$in", publicStatuses()));
    return mongo.findWithOptions(QUESTIONS, query,
            new FindOptions().setSort(new JsonObject().put("createdAt", -1)).setLimit(limit))
        .map(QuestionRepository::questions);
  }

  public Future<Void> createIndexes() {
    return mongo.createIndex(QUESTIONS, new JsonObject().put("sessionId", 1).put("seq", 1))
        .compose(v -> mongo.createIndex(QUESTIONS, new JsonObject().put("organisationSlug", 1).put("createdAt", -1)))
        .compose(v -> mongo.createIndexWithOptions(VOTES, new JsonObject().put("questionId", 1).put("userId", 1),
            new IndexOptions().unique(true)));
  }

  /** The session's questions matching {@code filter}, oldest change first. */
  private Future<List<Question>> inSession(String sessionId, JsonObject filter) {
    JsonObject query = filter.copy().put("sessionId", sessionId);
    return mongo.findWithOptions(QUESTIONS, query, new FindOptions().setSort(new JsonObject().put("seq", 1)))
        .map(QuestionRepository::questions);
  }

  /** Applies {@code set} and the change's sequence number to a question; the question as stored now, or null. */
  private Future<Question> change(String id, JsonObject set, long seq) {
    return mongo.findOneAndUpdateWithOptions(QUESTIONS, new JsonObject().put("_id", id),
            new JsonObject().put("$set", set.copy().put("seq", seq)),
            new FindOptions(), new UpdateOptions().setReturningNewDocument(true))
        .map(QuestionRepository::question);
  }

  private static JsonObject changedAfter(long after) {
    return new JsonObject().put("seq", new JsonObject().put("$gt", after));
  }

  private static JsonArray publicStatuses() {
    return new JsonArray(new ArrayList<>(new HashSet<>(Question.PUBLIC)));
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
        author.getString("username"), author.getString("name"), Question.Organisation.from(author.getJsonObject("organisation")));
    return new Question(doc.getString("_id"), doc.getString("sessionId"), doc.getString("text"),
        doc.getBoolean("anonymous", false), asker, doc.getBoolean("onBehalf", false), doc.getString("status"),
        doc.getBoolean("shown", false), doc.getInteger("votes", 0), Dates.instant(doc.getValue("createdAt")),
        doc.getLong("seq", 0L), doc.getString("hiddenReason"), doc.getBoolean("edited", false));
  }
}
