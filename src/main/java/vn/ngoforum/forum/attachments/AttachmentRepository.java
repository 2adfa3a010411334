package vn.ngoforum.forum.attachments;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.GridFsUploadOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.MongoGridFsClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.List;
import vn.ngoforum.db.BufferReadStream;
import vn.ngoforum.db.Dates;
import vn.ngoforum.db.Keys;

/**
 * Attachments: the bytes in GridFS (the default bucket {@code fs}), and one document per attachment in {@code
 * attachments} ({@link Attachment}) with its checked type, size, uploader and, once a post carries it, the post
 * and thread.
 */
public final class AttachmentRepository {

  static final String ATTACHMENTS = "attachments";

  private final MongoClient mongo;
  private Future<MongoGridFsClient> gridFs;

  public AttachmentRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  private synchronized Future<MongoGridFsClient> gridFs() {
    if (gridFs == null || gridFs.failed()) {
      gridFs = mongo.createDefaultGridFsBucketService();
    }
    return gridFs;
  }

  /** Stores the bytes in GridFS under {@code name} and answers their file id. */
  Future<String> storeBytes(Buffer bytes, String name, String type) {
    return gridFs().compose(fs -> fs.uploadByFileNameWithOptions(new BufferReadStream(bytes), name,
        new GridFsUploadOptions().setMetadata(new JsonObject().put("contentType", type))));
  }

  Future<Void> insert(Attachment attachment) {
    JsonObject doc = new JsonObject()
        .put("_id", attachment.id()).put("fileId", attachment.fileId()).put("name", attachment.name())
        .put("type", attachment.type()).put("size", attachment.size()).put("owner", attachment.owner())
        .put("createdAt", Dates.of(attachment.createdAt()));
    return mongo.insert(ATTACHMENTS, doc).mapEmpty();
  }

  /** The attachment, or {@code null}. */
  Future<Attachment> find(String id) {
    return mongo.findOne(ATTACHMENTS, new JsonObject().put("_id", id), null).map(AttachmentRepository::attachment);
  }

  /** Those of these attachments that exist. */
  Future<List<Attachment>> findAll(List<String> ids) {
    return Keys.findAll(mongo, ATTACHMENTS, ids, null, AttachmentRepository::attachment);
  }

  /** Ties the uploads to the post that carries them. */
  Future<Void> attach(List<String> ids, String postId, String threadId) {
    if (ids.isEmpty()) {
      return Future.succeededFuture();
    }
    return mongo.updateCollectionWithOptions(ATTACHMENTS,
        new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(ids))),
        new JsonObject().put("$set", new JsonObject().put("postId", postId).put("threadId", threadId)),
        new UpdateOptions().setMulti(true)).mapEmpty();
  }

  /**
   * Uploads that no post carries, made before {@code cutoff}, at most {@code limit} of them, with their ids and
   * file ids only. A filter on a growing collection: for the background removal only, never for a request (the
   * embedded store scans it whole).
   */
  Future<List<Attachment>> unusedBefore(Instant cutoff, int limit) {
    return mongo.findWithOptions(ATTACHMENTS, new JsonObject()
                .put("postId", new JsonObject().put("$exists", false))
                .put("createdAt", Dates.before(cutoff)),
            new FindOptions().setLimit(limit).setFields(new JsonObject().put("fileId", 1)))
        .map(docs -> docs.stream().map(AttachmentRepository::attachment).toList());
  }

  /** Removes those of {@code ids} that still carry no post (one a post claimed meanwhile stays). */
  Future<Void> removeUnused(List<String> ids) {
    return mongo.removeDocuments(ATTACHMENTS, new JsonObject()
        .put("_id", new JsonObject().put("$in", new JsonArray(ids)))
        .put("postId", new JsonObject().put("$exists", false))).mapEmpty();
  }

  /** Removes an upload's bytes from GridFS. */
  Future<Void> removeBytes(String fileId) {
    return gridFs().compose(fs -> fs.delete(fileId));
  }

  /** The bytes of an upload, as a stream to pipe into a response. */
  Future<ReadStream<Buffer>> bytes(String fileId) {
    return gridFs().map(fs -> fs.readById(fileId));
  }

  private static Attachment attachment(JsonObject doc) {
    return doc == null ? null : new Attachment(doc.getString("_id"), doc.getString("fileId"),
        doc.getString("name"), doc.getString("type"), doc.getInteger("size", 0), doc.getString("owner"),
        Dates.instant(doc.getValue("createdAt")), doc.getString("postId"), doc.getString("threadId"));
  }
}
