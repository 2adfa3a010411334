package vn.ngoforum.forum.people;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.forum.categories.CategoryAccess;
import vn.ngoforum.forum.categories.CategoryRepository;
import vn.ngoforum.forum.notifications.KnownPerson;
import vn.ngoforum.forum.notifications.PeopleRepository;
import vn.ngoforum.forum.threads.PersonPosts;
import vn.ngoforum.forum.threads.PostViews;

/**
 * A person's public profile, every part read by key: the person by username ({@link PeopleRepository#byUsername}),
 * their organisations from the registry ({@link Memberships}), their newest posts from the search index
 * ({@link PersonPosts}) in the categories the reader may read. Their e-mail is never part of it.
 */
public record Profiles(PeopleRepository people, Memberships memberships, CategoryRepository categories,
    PersonPosts posts) {

  /** How many recent posts a profile shows. */
  static final int RECENT = 20;
  /** The longest display name, in characters. */
  static final int MAX_NAME = 80;

  /**
   * The profile of {@code username} as {@code reader} may see it: {@code {username, name, former, joinedAt,
   * organisations:[{slug, name:{vi,en}, acronym, verified}], posts:[{threadId, title, url, at}]}}; 404 when the
   * forum knows nobody by that name. A former member (who closed their account) has no name, no date and no
   * organisations; their posts stay.
   */
  public Future<JsonObject> of(CurrentUser reader, String username) {
    return known(username).compose(person -> Future.all(person.closed() ? Future.succeededFuture(List.<JsonObject>of())
                : memberships.of(person.id()),
            categories.listInOrder().compose(all -> CategoryAccess.readable(reader, all, memberships))
                .compose(readable -> posts.recent(person.id(), readable, RECENT)))
        .map(both -> new JsonObject()
            .put("username", person.username())
            .put("name", person.shownName())
            .put("former", person.closed())
            .put("joinedAt", person.closed() ? null : PostViews.iso(person.firstSeenAt()))
            .put("organisations", new JsonArray(both.<List<JsonObject>>resultAt(0).stream()
                .map(org -> new JsonObject().put("slug", org.getString("slug")).put("name", org.getValue("name"))
                    .put("acronym", org.getString("acronym")).put("verified", org.getBoolean("verified", false)))
                .toList()))
            .put("posts", new JsonArray(both.<List<JsonObject>>resultAt(1)))));
  }

  /** The username of the person with this id (author links name people by id), or 404. */
  public Future<String> usernameOf(String userId) {
    return people.find(userId).map(person -> {
      if (person == null || person.username() == null) {
        throw ForumException.notFound("No such person.");
      }
      return person.username();
    });
  }

  /** Keeps the person's new display name: 1-80 characters, none of them a control character (400 otherwise). */
  public Future<Void> rename(CurrentUser user, String name) {
    try {
      return people.rename(user, displayName(name));
    } catch (ForumException invalid) {
      return Future.failedFuture(invalid);
    }
  }

  /** The display name as kept: stripped, checked. */
  static String displayName(String name) {
    String trimmed = name == null ? "" : name.strip();
    int length = trimmed.codePointCount(0, trimmed.length());
    if (length < 1 || length > MAX_NAME) {
      throw ForumException.invalid("name", "The display name must be 1-" + MAX_NAME + " characters.");
    }
    if (trimmed.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL
        || Character.getType(c) == Character.FORMAT && !Set.of(0x200C, 0x200D).contains(c))) {
      throw ForumException.invalid("name", "The display name may not contain control characters.");
    }
    return trimmed;
  }

  private Future<KnownPerson> known(String username) {
    if (username == null || username.isBlank() || username.length() > 100) {
      return Future.failedFuture(ForumException.notFound("No such person."));
    }
    return people.byUsername(username).map(person -> {
      if (person == null) {
        throw ForumException.notFound("No such person.");
      }
      return person;
    });
  }
}
