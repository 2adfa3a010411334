package vn.ngoforum.forum.people;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.auth.PersonalDataPart;
import vn.ngoforum.auth.Role;
import vn.ngoforum.forum.categories.Category;
import vn.ngoforum.forum.categories.CategoryRepository;
import vn.ngoforum.forum.notifications.KnownPerson;
import vn.ngoforum.forum.notifications.OwnNotices;
import vn.ngoforum.forum.notifications.PeopleRepository;
import vn.ngoforum.forum.threads.PersonPosts;
import vn.ngoforum.forum.threads.PostViews;

/**
 * "Download my data": what the forum holds about the person asking, as one JSON document. Every part is read by key
 * or from a read model: the account (their session and {@code forum_people}), their organisations (the registry's
 * {@link Memberships}), their posts (the search index, a page at a time, then by key), their notifications,
 * preferences and watches ({@link OwnNotices}; watches by a bounded scan, see there), and what the other features
 * hold of them ({@link PersonalDataPart}s: Q&amp;A their questions, consultations their comments and amendments), each
 * answered by its feature.
 *
 * <p>Not in it yet: hidden or deleted posts (not in the index).
 */
public record PersonalData(PeopleRepository people, Memberships memberships, CategoryRepository categories,
    PersonPosts posts, OwnNotices notices, List<PersonalDataPart> parts) {

  public PersonalData {
    parts = List.copyOf(parts);
  }

  /** The same download with {@code others}' parts too. */
  public PersonalData with(List<PersonalDataPart> others) {
    return new PersonalData(people, memberships, categories, posts, notices,
        Stream.concat(parts.stream(), others.stream()).toList());
  }

  /**
   * {@code {exportedAt, account:{id, username, name, displayName, email, locale, roles, firstSeenAt},
   * memberships:[...], threads:[{id, title, url}], posts:[{id, threadId, title, number, url, at, editedAt, text}],
   * notifications:[...], preferences:{...}, watches:[{kind, id}]}}, and the other features' parts (Q&amp;A's
   * {@code questions}, consultations' {@code consultationComments} and {@code amendments}).
   */
  public Future<JsonObject> of(CurrentUser user) {
    Future<KnownPerson> known = people.find(user.id());
    Future<List<JsonObject>> orgs = memberships.of(user.id());
    Future<List<JsonObject>> written = categories.listInOrder()
        .compose(all -> posts.all(user.id(), all.stream().map(Category::slug).collect(Collectors.toSet())));
    Future<JsonObject> told = notices.of(user.id());
    List<Future<JsonObject>> elsewhere = parts.stream().map(part -> part.of(user.id())).toList();
    return Future.all(known, orgs, written, told, Future.all(elsewhere)).map(all -> {
      List<JsonObject> postList = written.result();
      JsonObject data = new JsonObject()
          .put("exportedAt", Instant.now().toString())
          .put("account", account(user, known.result()))
          .put("memberships", new JsonArray(orgs.result()))
          .put("threads", new JsonArray(postList.stream().filter(post -> post.getInteger("number") == 1)
              .map(post -> new JsonObject().put("id", post.getString("threadId")).put("title", post.getString("title"))
                  .put("url", "/t/" + post.getString("threadId")))
              .toList()))
          .put("posts", new JsonArray(postList))
          .mergeIn(told.result());
      elsewhere.forEach(part -> data.mergeIn(part.result()));
      return data;
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
}
