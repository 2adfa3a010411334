package vn.ngoforum.forum.attachments;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.auth.Memberships;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.forum.common.Bidi;
import vn.ngoforum.forum.common.Ids;
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
 *
 * Each person may upload {@code bytesPerDay} a day.
 */
public record AttachmentService(AttachmentRepository repository, RateLimiter limits, Memberships memberships,
    long bytesPerDay) {

  /** The largest file a post may carry: 10 MB. */
  public static final int MAX_BYTES = 10 * 1024 * 1024;
  public static final int MAX_PER_POST = 5;
  /** The request field that names a post's files, which their errors are about. */
  public static final String FIELD = "attachments";
  /**
   * The most pixels an attached image may declare. The forum does not decode attachments, but every reader's
   * browser does, for the thumbnail in the thread: 50 million covers the photos of today's phones (48 MP).
   */
  static final long MAX_PIXELS = 50_000_000L;
  /** The daily allowance of bytes when none is configured (the default of {@code FORUM_UPLOAD_MB_PER_DAY}). */
  public static final long DEFAULT_BYTES_PER_DAY = 100L * 1024 * 1024;
  /** Uploads a person may make in an hour, whatever their size: small files cost a document and a file each. */
  static final int UPLOADS_PER_HOUR = 60;
  /** How long an upload that no post carries may still be attached to a post. */
  public static final Duration UNUSED_USABLE_FOR = Duration.ofHours(3);
  /**
   * When an upload that no post carries is removed: an hour after it stopped being usable, so that a post being
   * written with it (checked as usable, attached moments later) never loses it to the removal.
   */
  public static final Duration UNUSED_REMOVED_AFTER = UNUSED_USABLE_FOR.plusHours(1);
  private static final Duration DAY = Duration.ofDays(1);
  private static final int NAME_MAX = 120;

  /**
   * Checks a file before anything is stored: 413 over 10 MB, 400 when empty or an image declares more than
   * {@link #MAX_PIXELS} (read from its header, never decoded), 415 for types other than PDF, PNG, JPEG and DOCX.
   */
  public static CheckedFile check(String name, Buffer content) {
    if (content.length() > MAX_BYTES) {
      throw tooLarge();
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
    return new CheckedFile(cleanName(name, type), type, content);
  }

  /** 413: a file over {@link #MAX_BYTES}. */
  static ForumException tooLarge() {
    return new ForumException(413, "too_large", "A file may be at most 10 MB.").about(FIELD);
  }

  /**
   * Checks and stores an upload of a person who may post (asked again here, where the file is stored, though the
   * request was refused from its headers already, see {@link AttachmentRoutes#mayUpload}); answers the
   * attachment's public view (see {@link #check} and {@link #store}).
   */
  Future<JsonObject> upload(CurrentUser user, String name, Buffer content) {
    return memberships.hasMemberRights(user)
        .compose(allowed -> allowed ? Future.<Void>succeededFuture() : Future.failedFuture(ForumException.forbidden(
            "Only members of the forum and of verified organisations may post or attach files.")))
        .compose(v -> Future.<CheckedFile>future(promise -> promise.complete(check(name, content))))
        .compose(checked -> store(user, List.of(checked)))
        .map(stored -> stored.get(0));
  }

  /**
   * Stores checked files for a person who may post them: they count against the person's uploads of the hour and
   * bytes of the day (over either: 429 with {@code Retry-After}, and nothing is stored); answers their views.
   */
  public Future<List<JsonObject>> store(CurrentUser user, List<CheckedFile> files) {
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

  private Future<JsonObject> storeOne(CurrentUser user, CheckedFile file) {
    String id = Ids.newId();
    return repository.storeBytes(file.content(), id, file.type()).compose(fileId -> {
      Attachment attachment = new Attachment(id, fileId, file.name(), file.type(), file.content().length(),
          user.id(), Instant.now(), null, null);
      return repository.insert(attachment).map(v -> attachment.view());
    });
  }

  /**
   * The uploads named by a post being written: each must be the writer's own, not yet on another post, and still
   * usable ({@link #UNUSED_USABLE_FOR}); otherwise 400 naming the field. Answers their views.
   */
  public Future<List<JsonObject>> claimable(CurrentUser user, List<String> ids) {
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
      Map<String, Attachment> byId = found.stream().collect(Collectors.toMap(Attachment::id, Function.identity()));
      for (String id : unique) {
        Attachment upload = byId.get(id);
        if (upload == null || !user.id().equals(upload.owner()) || upload.postId() != null
            || upload.createdAt().isBefore(usableSince)) {
          return Future.failedFuture(ForumException.invalid(
              "'attachments' names a file that is not an unused upload of yours: " + id + "."));
        }
      }
      return Future.succeededFuture(unique.stream().map(byId::get).map(Attachment::view).toList());
    });
  }

  /** Ties the uploads a post carries (their views) to the post. */
  public Future<Void> attach(List<JsonObject> attachments, String postId, String threadId) {
    return repository.attach(attachments.stream().map(a -> a.getString("id")).toList(), postId, threadId);
  }

  /**
   * An attachment, for someone who may download it: an upload no post carries yet, its uploader only; a file of a
   * post, whoever {@code access} lets see the post's files. Otherwise 404, as if there were no such file.
   */
  Future<Attachment> downloadable(CurrentUser user, String attachmentId, FileAccess access) {
    return repository.find(attachmentId)
        .compose(upload -> {
          if (upload == null) {
            return Future.failedFuture(ForumException.notFound("There is no such file."));
          }
          if (upload.postId() == null) {
            return user != null && user.id().equals(upload.owner()) ? Future.succeededFuture(upload)
                : Future.failedFuture(ForumException.notFound("There is no such file."));
          }
          return access.mayDownloadFrom(user, upload.postId()).map(upload);
        })
        .recover(failure -> Future.failedFuture(failure instanceof ForumException problem
            && problem.status() == 404 ? ForumException.notFound("There is no such file.") : failure));
  }

  /** The bytes of an attachment, as a stream to pipe into a response. */
  Future<ReadStream<Buffer>> bytes(Attachment attachment) {
    return repository.bytes(attachment.fileId());
  }

  /** A file name safe to show and to send back: no path, no control or bidi characters, the checked extension. */
  static String cleanName(String name, String type) {
    String base = name == null ? "" : name;
    base = base.substring(Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\')) + 1);
    base = Bidi.neutralise(base).replaceAll("[\\p{Cntrl}\"]", "").strip();
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
    String ascii = Normalizer.normalize(name, Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "").replace('đ', 'd').replace('Đ', 'D')
        .replaceAll("[^A-Za-z0-9._ -]", "_");
    String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    return kind + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }
}
