package vn.ngoforum.forum;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import vn.ngoforum.auth.CurrentUser;
import vn.ngoforum.web.ForumException;

/**
 * Files attached to posts: PDF, PNG, JPEG and DOCX up to {@link #MAX_BYTES}, their type checked from their content.
 * A person uploads first (the file belongs to them and to no post yet), then names the upload in the post they
 * write; from then on whoever may read the thread may download it.
 */
final class AttachmentService {

  /** The largest file a post may carry: 10 MB. */
  static final int MAX_BYTES = 10 * 1024 * 1024;
  static final int MAX_PER_POST = 5;
  private static final int NAME_MAX = 120;

  private final Vertx vertx;
  private final AttachmentRepository repository;

  AttachmentService(Vertx vertx, MongoClient mongo) {
    this.vertx = vertx;
    this.repository = new AttachmentRepository(mongo);
  }

  /** Checks and stores an upload; answers the attachment's public view. 413 over 10 MB, 415 for other types. */
  Future<JsonObject> upload(CurrentUser user, String name, Buffer content) {
    if (content.length() > MAX_BYTES) {
      return Future.failedFuture(new ForumException(413, "too_large", "A file may be at most 10 MB."));
    }
    if (content.length() == 0) {
      return Future.failedFuture(ForumException.invalid("The file is empty."));
    }
    String type = FileTypes.detect(content);
    if (type == null) {
      return Future.failedFuture(new ForumException(415, "unsupported_media_type",
          "Attach PDF, PNG, JPEG or DOCX files only."));
    }
    String cleanName = cleanName(name, type);
    String id = ThreadService.newId();
    ReadStream<Buffer> bytes = new BufferReadStream(vertx.getOrCreateContext(), content);
    return repository.storeBytes(bytes, id, type).compose(fileId -> {
      JsonObject attachment = new JsonObject()
          .put("_id", id).put("fileId", fileId).put("name", cleanName).put("type", type)
          .put("size", content.length()).put("owner", user.id())
          .put("createdAt", ThreadRepository.date(Instant.now()));
      return repository.insert(attachment).map(v -> view(attachment));
    });
  }

  /**
   * The uploads named by a post being written: each must be the writer's own and not yet on another post;
   * otherwise 400 naming the field.
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
    return repository.findAll(unique).compose(found -> {
      Map<String, JsonObject> byId = found.stream()
          .collect(Collectors.toMap(doc -> doc.getString("_id"), Function.identity()));
      for (String id : unique) {
        JsonObject doc = byId.get(id);
        if (doc == null || !user.id().equals(doc.getString("owner")) || doc.getString("postId") != null) {
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
