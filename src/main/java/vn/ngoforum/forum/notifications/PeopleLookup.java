package vn.ngoforum.forum.notifications;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Who an {@code @} being typed may mention: the people the forum knows whose username or name starts so. */
public final class PeopleLookup {

  static final int SUGGESTIONS = 8;

  private final PeopleRepository people;

  public PeopleLookup(PeopleRepository people) {
    this.people = people;
  }

  /** People whose username or name starts with {@code prefix}: {@code [{username, name}]}, at most eight. */
  Future<List<JsonObject>> startingWith(String prefix) {
    return people.startingWith(prefix, SUGGESTIONS).map(list -> list.stream()
        .map(person -> new JsonObject().put("username", person.username()).put("name", person.name()))
        .toList());
  }
}
