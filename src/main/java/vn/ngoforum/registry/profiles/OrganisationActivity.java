package vn.ngoforum.registry.profiles;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ngoforum.consultations.OrganisationConsultations;
import vn.ngoforum.forum.OrganisationThreads;
import vn.ngoforum.qa.OrganisationQuestions;

/**
 * What an organisation has said elsewhere in the forum, for its profile: its recent forum posts, its recent
 * workshop questions and its part in consultations, asked of the forum, of Q&amp;A and of consultations through
 * their interfaces (the registry never reads their collections). The answer is {@code {threads:[{threadId, title,
 * url, excerpt, at}], questions:[{sessionId, questionId, text, url, at}], consultations:[{kind, consultation,
 * title:{vi,en}, url, at}]}}, each at most {@value #RECENT} items.
 *
 * <p>The profile is the registry's page: a feature that fails or answers oddly leaves its section empty (and is
 * logged) rather than taking the page down, and only items with a same-site address ({@code /...}) are kept, so
 * a link on the profile can never be {@code javascript:} or lead off the forum.
 */
public final class OrganisationActivity {

  static final int RECENT = 5;
  private static final Logger LOG = LoggerFactory.getLogger(OrganisationActivity.class);

  private final OrganisationThreads threads;
  private final OrganisationQuestions questions;
  private final OrganisationConsultations consultations;

  public OrganisationActivity(OrganisationThreads threads, OrganisationQuestions questions,
      OrganisationConsultations consultations) {
    this.threads = Objects.requireNonNull(threads);
    this.questions = Objects.requireNonNull(questions);
    this.consultations = Objects.requireNonNull(consultations);
  }

  /** The forum's posts and Q&amp;A's questions, nothing from consultations. */
  public OrganisationActivity(OrganisationThreads threads, OrganisationQuestions questions) {
    this(threads, questions, OrganisationConsultations.NONE);
  }

  /** Nothing from any feature: the answer while none provides one. */
  public static OrganisationActivity none() {
    return new OrganisationActivity(OrganisationThreads.NONE, OrganisationQuestions.NONE);
  }

  public Future<JsonObject> of(String slug) {
    Future<JsonArray> recentThreads = safely("forum", () -> threads.recentFor(slug, RECENT),
        item -> item.getString("title") != null);
    Future<JsonArray> recentQuestions = safely("qa", () -> questions.recentFor(slug, RECENT),
        item -> item.getString("text") != null);
    Future<JsonArray> recentConsultations = safely("consultations", () -> consultations.recentFor(slug, RECENT),
        item -> item.getValue("title") instanceof JsonObject && item.getString("kind") != null);
    return Future.join(recentThreads, recentQuestions, recentConsultations).transform(ignored ->
        Future.succeededFuture(new JsonObject()
            .put("threads", recentThreads.result())
            .put("questions", recentQuestions.result())
            .put("consultations", recentConsultations.result())));
  }

  private static Future<JsonArray> safely(String feature, java.util.function.Supplier<Future<List<JsonObject>>> ask,
      Function<JsonObject, Boolean> complete) {
    Future<List<JsonObject>> answer;
    try {
      answer = ask.get();
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    if (answer == null) {
      answer = Future.succeededFuture(List.of());
    }
    return answer.map(items -> {
      JsonArray kept = new JsonArray();
      for (JsonObject item : items == null ? List.<JsonObject>of() : items) {
        if (kept.size() < RECENT && item != null && sameSite(item.getString("url")) && complete.apply(item)) {
          JsonObject copy = item.copy();
          if (!isInstant(copy.getValue("at"))) {
            copy.remove("at");
          }
          kept.add(copy);
        }
      }
      return kept;
    }).recover(failure -> {
      LOG.warn("The {} feature could not list an organisation's recent activity", feature, failure);
      return Future.succeededFuture(new JsonArray());
    });
  }

  private static boolean isInstant(Object at) {
    try {
      java.time.Instant.parse(String.valueOf(at));
      return true;
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }

  private static boolean sameSite(String url) {
    return url != null && url.startsWith("/") && !url.startsWith("//") && !url.contains("\\");
  }
}
