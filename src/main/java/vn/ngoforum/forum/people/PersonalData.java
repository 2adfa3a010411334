package vn.ngoforum.forum.people;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.auth.Role;
import vn.ngoforum.forum.categories.Category;
import vn.ngoforum.forum.categories.CategoryRepository;
import vn.ngoforum.forum.notifications.KnownPerson;
import vn.ngoforum.forum.notifications.OwnNotices;
import vn.ngoforum.forum.notifications.PeopleRepository;
import vn.ngoforum.forum.threads.PersonPosts;
import vn.ngoforum.forum.threads.PostViews;
import vn.ngoforum.search.Findable;
import vn.ngoforum.search.Found;
import vn.ngoforum.search.Indexer;
import vn.ngoforum.search.Listing;

/**
 * "Download my data": what the forum holds about the person asking, as one JSON document. Every part is read by key
 * or from a read model: the account (their session and {@code forum_people}), their organisations (the registry's
 * {@link Memberships}), their posts and questions (the search index, a page at a time, then by key), their
 * notifications, preferences and watches ({@link OwnNotices}; watches by a bounded scan, see there).
 *
 * <p>Not in it yet: consultation comments and amendments (the consultations feature keeps no list per person and
 * offers no port for one), hidden or deleted posts and questions not shown to attendees (not in the index).
 */
public record PersonalData(PeopleRepository people, Memberships memberships, CategoryRepository categories,
    PersonPosts posts, Indexer index, OwnNotices notices) {

  /** The search index's kind of Q&amp;A questions (as the search page names it). */
  private static final String QUESTION = "question";
  /** The most questions a download lists (the index's deepest page). */
  private static final int QUESTIONS = 200;

  /**
   * {@code {exportedAt, account:{id, username, name, displayName, email, locale, roles, firstSeenAt},
   * memberships:[...], threads:[{id, title, url}], posts:[{id, threadId, title, number, url, at, editedAt, text}],
   * questions:[{id, sessionId, url}], notifications:[...], preferences:{...}, watches:[{kind, id}]}}.
   */
  public Future<JsonObject> of(CurrentUser user) {
    Future<KnownPerson> known = people.find(user.id());
    Future<List<JsonObject>> orgs = memberships.of(user.id());
    Future<List<JsonObject>> written = categories.listInOrder()
        .compose(all -> posts.all(user.id(), all.stream().map(Category::slug).collect(Collectors.toSet())));
    Future<List<JsonObject>> asked = questions(user.id());
    Future<JsonObject> told = notices.of(user.id());
    return Future.all(known, orgs, written, asked, told).map(all -> {
      List<JsonObject> postList = written.result();
      return new JsonObject()
          .put("exportedAt", Instant.now().toString())
          .put("account", account(user, known.result()))
          .put("memberships", new JsonArray(orgs.result()))
          .put("threads", new JsonArray(postList.stream().filter(post -> post.getInteger("number") == 1)
              .map(post -> new JsonObject().put("id", post.getString("threadId")).put("title", post.getString("title"))
                  .put("url", "/t/" + post.getString("threadId")))
              .toList()))
          .put("posts", new JsonArray(postList))
          .put("questions", new JsonArray(asked.result()))
          .mergeIn(told.result());
    });
  }

  private static JsonObject account(CurrentUser user, KnownPerson known) {
    return new JsonObject()
        .put("id", user.id())
        .put("username", user.username())
        .put("name", user.name())
        .put("displayName", known == null ? null : known.displayName())
        .put("email", user.email())
        .put("locale", user.locale())
        .put("roles", new JsonArray(user.roles().stream().map(Role::realmRole).toList()))
        .put("firstSeenAt", known == null ? null : PostViews.iso(known.firstSeenAt()));
  }

  /** The person's questions that attendees see and that they did not ask anonymously (the index tags those). */
  private Future<List<JsonObject>> questions(String userId) {
    return index.list(new Listing(QUESTION, Set.of(Findable.PUBLIC, Findable.MEMBERS), Map.of("author", userId),
            List.of(), 0, QUESTIONS))
        .map(found -> found.hits().stream().map(PersonalData::question).toList());
  }

  private static JsonObject question(Found.Hit hit) {
    String session = hit.shown().get("session");
    return new JsonObject().put("id", hit.id()).put("sessionId", session)
        .put("url", session == null ? null : "/qa/" + session);
  }
}
