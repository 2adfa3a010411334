package vn.ngoforum.forum.notifications;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.ngoforum.error.ForumException;

/**
 * How a person wants to hear of each topic of notification: a {@link Channel} per {@link Topic}, the defaults where
 * they chose nothing.
 *
 * <p>The defaults: what is addressed to the person (join requests, decisions, verification, replies, mentions,
 * quotes, moderators' actions on their content, answers to their questions) is e-mailed at once, as the forum did
 * before there were preferences; news of what they watch comes in the daily digest (an author watches every thread
 * they write in, so at once would be noisy). Without an SMTP server nothing is e-mailed, whatever the choice.
 */
public record Preferences(Map<Topic, Channel> chosen) {

  /** Where a notification goes. Every channel but {@code OFF} keeps it in the inbox. */
  public enum Channel {
    /** Inbox, header count and live push only. */
    FORUM,
    /** The same, and an e-mail at once. */
    EMAIL,
    /** The same, and a line in the next daily digest e-mail. */
    DIGEST,
    /** Nothing at all: not stored, not counted, not e-mailed. */
    OFF;

    /** Its name in the API and the form: {@code forum}, {@code email}, {@code digest}, {@code off}. */
    public String code() {
      return name().toLowerCase();
    }

    static Optional<Channel> of(String code) {
      return Arrays.stream(values()).filter(channel -> channel.code().equals(code)).findFirst();
    }
  }

  /** What a notification is about, as a person chooses for it; each names the kinds of notification it covers. */
  public enum Topic {
    JOIN_REQUESTS(Channel.EMAIL, "org.join_request"),
    JOIN_DECISIONS(Channel.EMAIL, "org.join_decision"),
    VERIFICATION(Channel.EMAIL, "org.verification_decision"),
    REPLIES(Channel.EMAIL, "reply"),
    MENTIONS(Channel.EMAIL, "mention"),
    QUOTES(Channel.EMAIL, "quote"),
    WATCHING(Channel.DIGEST, "watched.post", "watched.thread"),
    MODERATION(Channel.EMAIL, "post.hidden", "post.shown", "thread.locked", "thread.unlocked", "thread.moved"),
    ANSWERS(Channel.EMAIL, "question.answered");

    private final Channel fallback;
    private final List<String> kinds;

    Topic(Channel fallback, String... kinds) {
      this.fallback = fallback;
      this.kinds = List.of(kinds);
    }

    /** Its name in the API, the form and unsubscribe links: {@code join_requests}, {@code replies} ... */
    public String code() {
      return name().toLowerCase();
    }

    /** The channel of a person who chose nothing. */
    public Channel fallback() {
      return fallback;
    }

    static Optional<Topic> of(String code) {
      return Arrays.stream(values()).filter(topic -> topic.code().equals(code)).findFirst();
    }

    /** The topic a notification of {@code kind} belongs to; none for a kind the forum does not know. */
    static Optional<Topic> ofKind(String kind) {
      return Arrays.stream(values()).filter(topic -> topic.kinds.contains(kind)).findFirst();
    }
  }

  /** Nothing chosen: the defaults. */
  static final Preferences DEFAULTS = new Preferences(Map.of());

  public Preferences {
    chosen = Map.copyOf(chosen);
  }

  /** The channel for {@code topic}: the chosen one, else its default. */
  public Channel channel(Topic topic) {
    return chosen.getOrDefault(topic, topic.fallback());
  }

  /** The channel for a notification of {@code kind}; a kind of no topic stays in the forum. */
  public Channel channelOf(String kind) {
    return Topic.ofKind(kind).map(this::channel).orElse(Channel.FORUM);
  }

  /** These preferences with {@code changes} over them. */
  Preferences with(Map<Topic, Channel> changes) {
    Map<Topic, Channel> all = new EnumMap<>(Topic.class);
    all.putAll(chosen);
    all.putAll(changes);
    return new Preferences(all);
  }

  /** Every topic's channel, chosen or default: {@code {join_requests: "email", ..., watching: "digest"}}. */
  JsonObject toJson() {
    JsonObject json = new JsonObject();
    Arrays.stream(Topic.values()).forEach(topic -> json.put(topic.code(), channel(topic).code()));
    return json;
  }

  /** As stored ({@code {replies: "digest", ...}}, only what was chosen); unknown names and values are ignored. */
  static Preferences from(JsonObject stored) {
    Map<Topic, Channel> chosen = new EnumMap<>(Topic.class);
    if (stored != null) {
      stored.forEach(entry -> Topic.of(entry.getKey()).ifPresent(topic -> Channel.of(String.valueOf(entry.getValue()))
          .ifPresent(channel -> chosen.put(topic, channel))));
    }
    return new Preferences(chosen);
  }

  /**
   * Changes as a person sends them ({@code {replies: "digest"}}), checked: an unknown topic or channel is refused
   * with 400, naming the field.
   */
  static Map<Topic, Channel> changes(Map<String, String> sent) {
    Map<Topic, Channel> changes = new EnumMap<>(Topic.class);
    sent.forEach((name, value) -> changes.put(
        Topic.of(name).orElseThrow(() -> ForumException.invalid(name,
            "Unknown notification topic '" + name + "'.")),
        Channel.of(value).orElseThrow(() -> ForumException.invalid(name,
            "'" + name + "' must be one of forum, email, digest, off."))));
    return changes;
  }
}
