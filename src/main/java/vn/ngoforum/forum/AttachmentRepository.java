package vn.ngoforum.forum;

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

/**
 * Attachments: the bytes in GridFS (the default bucket {@code fs}), and one document per attachment in {@code
 * attachments} with its checked type, size, uploader and, once a post carries it, the post and thread.
 */
final class AttachmentRepository {

  static final String ATTACHMENTS = "attachments";

  private final MongoClient mongo;
  private Future<MongoGridFsClient> gridFs;

  AttachmentRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  private synchronized Future<MongoGridFsClient> gridFs() {
    if (gridFs == null || gridFs.failed()) {
      gridFs = mongo.createDefaultGridFsBucketService();
    }
    return gridFs;
  }

  /** Stores the bytes in GridFS and answers their file id. */
  Future<String> storeBytes(ReadStream<Buffer> bytes, String name, String type) {
    return gridFs().compose(fs -> fs.uploadByFileNameWithOptions(bytes, name,
        new GridFsUploadOptions().setMetadata(new JsonObject().put("contentType", type))));
  }

  Future<Void> insert(JsonObject attachment) {
    return mongo.insert(ATTACHMENTS, attachment).mapEmpty();
  }

  Future<JsonObject> find(String id) {
    return mongo.findOne(ATTACHMENTS, new JsonObject().put("_id", id), null);
  }

  Future<List<JsonObject>> findAll(List<String> ids) {
    return mongo.find(ATTACHMENTS, new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(ids))));
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
   * Uploads that no post carries, made before {@code cutoff}, at most {@code limit} of them. A filter on a growing
   * collection: for the background removal only, never for a request (the embedded store scans it whole).
   */
  Future<List<JsonObject>> unusedBefore(Instant cutoff, int limit) {
    return mongo.findWithOptions(ATTACHMENTS, new JsonObject()
            .put("postId", new JsonObject().put("$exists", false))
            .put("createdAt", new JsonObject().put("$lt", ThreadRepository.date(cutoff))),
        new FindOptions().setLimit(limit).setFields(new JsonObject().put("fileId", 1)));
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

  ReadStream<Buffer> read(MongoGridFsClient fs, String fileId) {
    return fs.readById(fileId);
  }

  Future<MongoGridFsClient> files() {
    return gridFs();
  }
}
