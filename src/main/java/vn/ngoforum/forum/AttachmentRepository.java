package vn.ngoforum.forum;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.mongo.GridFsUploadOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.MongoGridFsClient;
import io.vertx.ext.mongo.UpdateOptions;
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

  ReadStream<Buffer> read(MongoGridFsClient fs, String fileId) {
    return fs.readById(fileId);
  }

  Future<MongoGridFsClient> files() {
    return gridFs();
  }
}
