package vn.ngoforum.forum.common;

import io.vertx.core.json.JsonObject;
import vn.ngoforum.auth.CurrentUser;

/**
 * A person as the forum's documents and views name them (an author, the last poster, who hid or flagged a post,
 * who acted in a notification): their id and the name they had then.
 */
public record Person(String id, String name) {

  public static Person of(CurrentUser user) {
    return new Person(user.id(), user.name());
  }

  /** From {@code {id, name}}, the shape documents and views share; {@code null} stays {@code null}. */
  public static Person from(JsonObject json) {
    return json == null ? null : new Person(json.getString("id"), json.getString("name"));
  }

  /** {@code {id, name}}. */
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name);
  }
}
