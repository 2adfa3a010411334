package vn.ngoforum.forum;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.mongo.MongoClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import vn.ngoforum.db.BufferReadStream;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.web.RateLimiter;

/**
 * Files attached to posts: PDF, PNG, JPEG and DOCX up to {@link #MAX_BYTES}, their type checked from their content.
 * A person uploads first (the file belongs to them and to no post yet), then names the upload in the post they
 * write; from then on whoever may read the post may download it. An upload no post carries is usable for
 * {@link #UNUSED_USABLE_FOR} and removed after {@link #UNUSED_REMOVED_AFTER} (see {@link UnusedUploads}).
 *
 * <p>Files are checked whole before anything is stored ({@link #check}), and stored ({@link #store}) only for a
 * person allowed to post, within their limits: {@link #UPLOADS_PER_HOUR} uploads an hour and a daily allowance of
 * bytes; over either, 429 with {@code Retry-After} and nothing is stored.
 */
final class AttachmentService {

  /** The largest file a post may carry: 10 MB. */
  static final int MAX_BYTES = 10 * 1024 * 1024;
  static final int MAX_PER_POST = 5;
  /** The request field that names a post's files, which their errors are about. */
  static final String FIELD = "attachments";
  /**
   * The most pixels an attached image may declare. The forum does not decode attachments, but every reader's
   * browser does, for the thumbnail in the thread: 50 million covers the photos of today's phones (48 MP).
   */
  static final long MAX_PIXELS = 50_000_000L;
  /** The daily allowance of bytes when none is configured (the default of {@code FORUM_UPLOAD_MB_PER_DAY}). */
  static final long DEFAULT_BYTES_PER_DAY = 100L * 1024 * 1024;
  /** Uploads a person may make in an hour, whatever their size: small files cost a document and a file each. */
  static final int UPLOADS_PER_HOUR = 60;
  /** How long an upload that no post carries may still be attached to a post. */
  static final Duration UNUSED_USABLE_FOR = Duration.ofHours(3);
  /**
   * When an upload that no post carries is removed: an hour after it stopped being usable, so that a post being
   * written with it (checked as usable, attached moments later) never loses it to the removal.
   */
  static final Duration UNUSED_REMOVED_AFTER = UNUSED_USABLE_FOR.plusHours(1);
  private static final Duration DAY = Duration.ofDays(1);
  private static final int NAME_MAX = 120;

  private final Vertx vertx;
  private final AttachmentRepository repository;
  private final RateLimiter limits;
  private final long bytesPerDay;

  AttachmentService(Vertx vertx, MongoClient mongo, long bytesPerDay) {
    this.vertx = vertx;
    this.repository = new AttachmentRepository(mongo);
    this.limits = new RateLimiter(mongo);
    this.bytesPerDay = bytesPerDay;
  }

  /** A file as sent, checked (its type from its bytes, its size, an image's declared pixels), not yet stored. */
  record Checked(String name, String type, Buffer content) {
  }

  /**
   * Checks a file before anything is stored: 413 over 10 MB, 400 when empty or an image declares more than
   * {@link #MAX_PIXELS} (read from its header, never decoded), 415 for types other than PDF, PNG, JPEG and DOCX.
   */
  static Checked check(String name, Buffer content) {
    if (content.length() > MAX_BYTES) {
      throw new ForumException(413, "too_large", "A file may be at most 10 MB.").about(FIELD);
    }
    if (content.length() == 0) {
      throw ForumException.invalid(FIELD, "The file is empty.");
    }
    String type = FileTypes.detect(content);
    if (type == null) {
      throw new ForumException(415, "unsupported_media_type", "Attach PDF, PNG, JPEG or DOCX files only.")
          .about(FIELD);
    }
    if (FileTypes.isImage(type) && FileTypes.declaredPixels(content, type) > MAX_PIXELS) {
      throw ForumException.invalid(FIELD, "'attachments': an image may have at most " + MAX_PIXELS / 1_000_000
          + " million pixels.");
    }
    return new Checked(cleanName(name, type), type, content);
  }

  /** Checks and stores an upload; answers the attachment's public view (see {@link #check} and {@link #store}). */
  Future<JsonObject> upload(CurrentUser user, String name, Buffer content) {
    return Future.<Checked>future(promise -> promise.complete(check(name, content)))
        .compose(checked -> store(user, List.of(checked)))
        .map(stored -> stored.get(0));
  }

  /**
   * Stores checked files for a person who may post them: they count against the person's uploads of the hour and
   * bytes of the day (over either: 429 with {@code Retry-After}, and nothing is stored); answers their views.
   */
  Future<List<JsonObject>> store(CurrentUser user, List<Checked> files) {
    if (files.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    long bytes = files.stream().mapToLong(file -> file.content().length()).sum();
    return limits.acquireUnits("uploads:" + user.id(), files.size(), UPLOADS_PER_HOUR, Duration.ofHours(1))
        .compose(v -> limits.acquireUnits("upload-bytes:" + user.id(), bytes, bytesPerDay, DAY)
            .recover(failure -> Future.failedFuture(failure instanceof ForumException problem
                && problem.status() == 429 ? allowanceUsed(problem) : failure)))
        .compose(v -> Future.all(files.stream().map(file -> storeOne(user, file)).toList()))
        .map(all -> all.<JsonObject>list());
  }

  private ForumException allowanceUsed(ForumException tooMany) {
    return new ForumException(429, "too_many_requests", "You have used today's upload allowance of "
        + bytesPerDay / (1024 * 1024) + " MB; it renews in " + Math.max(1, tooMany.retryAfterSeconds() / 3600)
        + " h.", tooMany.retryAfterSeconds()).withMessageKey("forum.error.quota");
  }

  private Future<JsonObject> storeOne(CurrentUser user, Checked file) {
    String id = ThreadService.newId();
    ReadStream<Buffer> bytes = new BufferReadStream(file.content());
    return repository.storeBytes(bytes, id, file.type()).compose(fileId -> {
      JsonObject attachment = new JsonObject()
          .put("_id", id).put("fileId", fileId).put("name", file.name()).put("type", file.type())
          .put("size", file.content().length()).put("owner", user.id())
          .put("createdAt", ThreadRepository.date(Instant.now()));
      return repository.insert(attachment).map(v -> view(attachment));
    });
  }

  /**
   * The uploads named by a post being written: each must be the writer's own, not yet on another post, and still
   * usable ({@link #UNUSED_USABLE_FOR}); otherwise 400 naming the field.
   */
  Future<List<JsonObject>> claimable(CurrentUser user, List<String> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<String> unique = List.copyOf(new LinkedHashSet<>(ids));
    if (unique.size() > MAX_PER_POST) {
      return Future.failedFuture(ForumException.invalid("'attachments' may name at most " + MAX_PER_POST
          + " files."));
    }
    Instant usableSince = Instant.now().minus(UNUSED_USABLE_FOR);
    return repository.findAll(unique).compose(found -> {
      Map<String, JsonObject> byId = found.stream()
          .collect(Collectors.toMap(doc -> doc.getString("_id"), Function.identity()));
      for (String id : unique) {
        JsonObject doc = byId.get(id);
        if (doc == null || !user.id().equals(doc.getString("owner")) || doc.getString("postId") != null
            || Instant.parse(ThreadService.iso(doc.getValue("createdAt"))).isBefore(usableSince)) {
          return Future.failedFuture(ForumException.invalid(
              "'attachments' names a file that is not an unused upload of yours: " + id + "."));
        }
      }
      return Future.succeededFuture(unique.stream().map(byId::get).map(AttachmentService::view).toList());
    });
  }

  Future<Void> attach(List<JsonObject> attachments, String postId, String threadId) {
    return repository.attach(attachments.stream().map(a -> a.getString("id")).toList(), postId, threadId);
  }

  /** The attachment's document, or 404. */
  Future<JsonObject> find(String id) {
    return repository.find(id).compose(doc -> doc == null
        ? Future.failedFuture(ForumException.notFound("There is no such file."))
        : Future.succeededFuture(doc));
  }

  /** The bytes of an attachment, as a stream to pipe into a response. */
  Future<ReadStream<Buffer>> bytes(JsonObject attachment) {
    return repository.files().map(fs -> repository.read(fs, attachment.getString("fileId")));
  }

  /** What a post and the API show of an attachment. */
  static JsonObject view(JsonObject doc) {
    String id = doc.getString("_id");
    String type = doc.getString("type");
    JsonObject view = new JsonObject().put("id", id).put("name", doc.getString("name")).put("type", type)
        .put("size", doc.getInteger("size")).put("image", FileTypes.isImage(type))
        .put("url", "/attachments/" + id);
    if (FileTypes.isImage(type)) {
      view.put("inlineUrl", "/attachments/" + id + "/inline");
    }
    return view;
  }

  static JsonArray views(List<JsonObject> attachments) {
    return new JsonArray(attachments);
  }

  /** A file name safe to show and to send back: no path, no control or bidi characters, the checked extension. */
  static String cleanName(String name, String type) {
    String base = name == null ? "" : name;
    base = base.substring(Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\')) + 1);
    base = Markdown.neutraliseBidi(base).replaceAll("[\\p{Cntrl}\"]", "").strip();
    int dot = base.lastIndexOf('.');
    if (dot > 0) {
      base = base.substring(0, dot);
    }
    if (base.isEmpty()) {
      base = "file";
    }
    if (base.length() > NAME_MAX) {
      base = base.substring(0, NAME_MAX);
    }
    return base + FileTypes.extension(type);
  }

  /**
   * A {@code Content-Disposition} value: an ASCII fallback name and the exact name encoded per RFC 5987, so no
   * name can break out of the header.
   */
  static String disposition(String kind, String name) {
    String ascii = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "").replace('đ', 'd').replace('Đ', 'D')
        .replaceAll("[^A-Za-z0-9._ -]", "_");
    String encoded = java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    return kind + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }
}
