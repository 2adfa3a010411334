package vn.ngoforum.forum.notifications;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import vn.ngoforum.auth.Access;
import vn.ngoforum.forum.common.Requests;
import vn.ngoforum.forum.notifications.Preferences.Channel;
import vn.ngoforum.forum.notifications.Preferences.Topic;
import vn.ngoforum.web.JsonInput;
import vn.ngoforum.web.JsonResponses;
import vn.ngoforum.web.Views;

/**
 * How a person hears of each topic (in the forum only, e-mail at once, daily digest, off), and the one-click
 * unsubscribe links of e-mails.
 *
 * <pre>
 *   GET   /settings/notifications          the settings page (one choice per topic)
 *   POST  /settings/notifications          its form
 *   GET   /api/v1/notifications/settings   {email, digestHour, topics}   curl -H "Authorization: Bearer $T" localhost:8080/api/v1/notifications/settings
 *   PATCH /api/v1/notifications/settings   {topics: {replies: "digest"}} curl -X PATCH -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d '{"topics":{"replies":"digest"}}' localhost:8080/api/v1/notifications/settings
 *   GET   /unsubscribe/{token}             the page of an e-mail's link: a button (a link checker's visit changes nothing)
 *   POST  /unsubscribe/{token}             one click (RFC 8058, the mail client; the page's button), no sign-in:
 *                                          that topic "in the forum only"; 400 for a changed link
 * </pre>
 */
public record PreferenceRoutes(PreferenceService preferences, Views views) {

  /** The settings page. */
  public static final String PAGE = "/settings/notifications";
  /** Where unsubscribe links point (a prefix): it takes bodies from anyone, since the signed link authorises. */
  public static final String UNSUBSCRIBE = "/unsubscribe/";
  static final String SETTINGS_VIEW = "forum/notification-settings";
  static final String UNSUBSCRIBE_VIEW = "forum/unsubscribe";

  public PreferenceRoutes {
    views.precompile(List.of(SETTINGS_VIEW, UNSUBSCRIBE_VIEW));
  }

  public void mount(Router router) {
    router.get(PAGE).handler(Access.signedIn()).handler(this::page);
    router.post(PAGE).handler(Access.signedIn()).handler(this::save);
    router.get("/api/v1/notifications/settings").handler(Access.signedIn()).handler(this::json);
    router.patch("/api/v1/notifications/settings").handler(Access.signedIn()).handler(this::change);
    router.get(UNSUBSCRIBE + ":token").handler(this::confirm);
    router.post(UNSUBSCRIBE + ":token").handler(this::unsubscribe);
  }

  private void json(RoutingContext ctx) {
    preferences.of(Requests.user(ctx))
        .onSuccess(body -> JsonResponses.ok(ctx, body))
        .onFailure(ctx::fail);
  }

  /** {@code {topics: {code: channel}}}: the topics named change, the others stay. */
  private void change(RoutingContext ctx) {
    JsonInput topics = JsonInput.of(ctx).allow("topics").object("topics");
    Map<String, String> sent = new LinkedHashMap<>();
    if (topics != null) {
      topics.allow(Arrays.stream(Topic.values()).map(Topic::code).toArray(String[]::new));
      Set<String> channels = Arrays.stream(Channel.values()).map(Channel::code).collect(Collectors.toSet());
      Arrays.stream(Topic.values()).map(Topic::code).filter(topics::has)
          .forEach(code -> sent.put(code, topics.choice(code, channels, null)));
    }
    preferences.change(Requests.user(ctx), sent)
        .onSuccess(body -> JsonResponses.ok(ctx, body))
        .onFailure(ctx::fail);
  }

  private void page(RoutingContext ctx) {
    preferences.of(Requests.user(ctx))
        .onSuccess(chosen -> {
          ctx.put("settings", forPage(chosen));
          ctx.put("saved", ctx.request().getParam("saved") != null);
          views.render(ctx, SETTINGS_VIEW);
        })
        .onFailure(ctx::fail);
  }

  /** The form: one field per topic, named by its code; a topic not sent stays as it was. */
  private void save(RoutingContext ctx) {
    Map<String, String> sent = new LinkedHashMap<>();
    for (Topic topic : Topic.values()) {
      String channel = ctx.request().getFormAttribute(topic.code());
      if (channel != null) {
        sent.put(topic.code(), channel);
      }
    }
    preferences.change(Requests.user(ctx), sent)
        .onSuccess(body -> ctx.redirect(PAGE + "?saved=1"))
        .onFailure(ctx::fail);
  }

  private void confirm(RoutingContext ctx) {
    UnsubscribeLinks.Target target = preferences.check(ctx.pathParam("token"));
    ctx.put("unsubscribe", new JsonObject().put("token", ctx.pathParam("token")).put("done", false)
        .put("topics", new JsonArray().add(topicKey(target.scope()))));
    views.render(ctx, UNSUBSCRIBE_VIEW);
  }

  private void unsubscribe(RoutingContext ctx) {
    preferences.unsubscribe(ctx.pathParam("token"))
        .onSuccess(done -> {
          ctx.put("unsubscribe", new JsonObject().put("done", true).put("topics", new JsonArray(
              done.topics().isEmpty() ? List.of(topicKey(done.scope()))
                  : done.topics().stream().map(PreferenceRoutes::topicKey).toList())));
          views.render(ctx, UNSUBSCRIBE_VIEW);
        })
        .onFailure(ctx::fail);
  }

  /** The page's model: {@code {email, digestHour, topics: [{code, labelKey, options: [{code, key, selected}]}]}}. */
  private static JsonObject forPage(JsonObject chosen) {
    JsonObject topics = chosen.getJsonObject("topics");
    return new JsonObject().put("email", chosen.getBoolean("email")).put("digestHour", chosen.getInteger("digestHour"))
        .put("topics", new JsonArray(Arrays.stream(Topic.values()).map(topic -> new JsonObject()
            .put("code", topic.code())
            .put("labelKey", topicKey(topic.code()))
            .put("options", new JsonArray(Arrays.stream(Channel.values()).map(channel -> new JsonObject()
                .put("code", channel.code())
                .put("key", "settings.notifications.channel." + channel.code())
                .put("selected", channel.code().equals(topics.getString(topic.code())))).toList())))
            .toList()));
  }

  private static String topicKey(String scope) {
    return "settings.notifications.topic." + scope;
  }
}
