package vn.ngoforum.forum.notifications;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.forum.notifications.Preferences.Channel;
import vn.ngoforum.forum.notifications.Preferences.Topic;
import vn.ngoforum.forum.notifications.UnsubscribeLinks.Target;

/**
 * A person's notification preferences: reading and changing them (the settings page and the API), and the one-click
 * unsubscribe of e-mails, which needs no sign-in but a link the forum signed for that person and topic.
 */
public record PreferenceService(PreferenceRepository preferences, UnsubscribeLinks links, boolean emailOn,
    int digestHour) {

  /** What a valid unsubscribe link stops: the topics (their codes) it sets to "in the forum only". */
  record Unsubscribed(String scope, List<String> topics) {
  }

  /** The person's preferences: {@code {email: whether this forum sends e-mail, digestHour, topics: {...}}}. */
  Future<JsonObject> of(CurrentUser user) {
    return preferences.of(user.id()).map(this::view);
  }

  /** Changes some of the person's topics ({@code {replies: "digest"}}); 400 for an unknown topic or channel. */
  Future<JsonObject> change(CurrentUser user, Map<String, String> sent) {
    Map<Topic, Channel> changes = Preferences.changes(sent);
    return changes.isEmpty() ? of(user) : preferences.change(user.id(), changes).map(this::view);
  }

  /** What an unsubscribe link asks, when it is one the forum made; 400 when it was changed or cut. */
  Target check(String token) {
    Target target = links.verify(token).orElseThrow(UnsubscribeLinks::invalid);
    if (!UnsubscribeLinks.DIGEST.equals(target.scope()) && Topic.of(target.scope()).isEmpty()) {
      throw UnsubscribeLinks.invalid();
    }
    return target;
  }

  /**
   * Follows a valid unsubscribe link: its topic is e-mailed no more ("in the forum only"; a topic turned off stays
   * off); a digest's link does that for every topic heard of by digest. 400, changing nothing, for any other token.
   */
  Future<Unsubscribed> unsubscribe(String token) {
    Target target = check(token);
    boolean digest = UnsubscribeLinks.DIGEST.equals(target.scope());
    return preferences.of(target.userId()).compose(current -> {
      Map<Topic, Channel> changes = new EnumMap<>(Topic.class);
      Arrays.stream(Topic.values())
          .filter(topic -> digest ? current.channel(topic) == Channel.DIGEST : topic.code().equals(target.scope()))
          .filter(topic -> current.channel(topic) == Channel.EMAIL || current.channel(topic) == Channel.DIGEST)
          .forEach(topic -> changes.put(topic, Channel.FORUM));
      Unsubscribed done = new Unsubscribed(target.scope(), changes.keySet().stream().map(Topic::code).toList());
      return changes.isEmpty() ? Future.succeededFuture(done)
          : preferences.change(target.userId(), changes).map(after -> done);
    });
  }

  private JsonObject view(Preferences chosen) {
    return new JsonObject().put("email", emailOn).put("digestHour", digestHour).put("topics", chosen.toJson());
  }
}
