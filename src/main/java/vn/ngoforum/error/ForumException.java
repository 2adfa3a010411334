package vn.ngoforum.error;

/**
 * A failure that the person can act on: the HTTP status, the stable error code the API answers with, the request
 * field it is about (if any) and the UI text that says it in the person's language (if any).
 *
 * <p>Every layer fails with these (a small package of its own, like vertx-web's {@code HttpException}, so that
 * {@code auth}, {@code realtime} and {@code db} need no web code); web's {@code FailureHandler} is the one place that
 * turns them into a response (JSON {@code {"error", "message"}} for the API, an error page for pages), and its
 * {@code FormErrors} the one place that shows them on the form that was sent. The message is shown to the person,
 * so it never carries internal details.
 */
public class ForumException extends RuntimeException {

  private final int status;
  private final String code;
  private final Integer retryAfterSeconds;
  private String messageKey;
  private String field;

  public ForumException(int status, String code, String message) {
    this(status, code, message, null);
  }

  public ForumException(int status, String code, String message, Integer retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** 400: the request itself is wrong; the message says what to fix. */
  public static ForumException invalid(String message) {
    return new ForumException(400, "invalid", message);
  }

  /** 400 about one field of the request: the message says what to fix in it. */
  public static ForumException invalid(String field, String message) {
    return invalid(message).about(field);
  }

  /** 401: the person must sign in first. */
  public static ForumException unauthorized(String message) {
    return new ForumException(401, "unauthorized", message);
  }

  /** 403: signed in, but not allowed to do this. */
  public static ForumException forbidden(String message) {
    return new ForumException(403, "forbidden", message);
  }

  /** 404: no such thing (or not one this person may see). */
  public static ForumException notFound(String message) {
    return new ForumException(404, "not_found", message);
  }

  /** 409: it clashes with something that exists already. */
  public static ForumException conflict(String message) {
    return new ForumException(409, "conflict", message);
  }

  /** 503: a service the forum depends on is away; the person may retry after the given seconds. */
  public static ForumException unavailable(String message, int retryAfterSeconds) {
    return new ForumException(503, "unavailable", message, retryAfterSeconds);
  }

  /**
   * Names the UI text (in {@code messages_*.properties}) that pages show for this failure instead of the generic
   * text for the status; the API keeps the English message.
   */
  public ForumException withMessageKey(String key) {
    this.messageKey = key;
    return this;
  }

  /** The UI text for this failure, or {@code null} for the generic text of its status. */
  public String messageKey() {
    return messageKey;
  }

  /** Names the request field this failure is about, so that a form can point at it. */
  public ForumException about(String field) {
    this.field = field;
    return this;
  }

  /** The request field this failure is about, or {@code null}. */
  public String field() {
    return field;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** Seconds for the {@code Retry-After} header, or {@code null} when the header does not apply. */
  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
