package vn.ngoforum.registry.profiles;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.GridFsUploadOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.MongoGridFsClient;
import java.util.stream.Collectors;
import vn.ngoforum.db.BufferReadStream;

/**
 * Where logos are kept: the GridFS bucket {@value #LOGO_BUCKET} ({@code logos.files} and {@code logos.chunks}), one
 * file per uploaded logo, which the organisation points at; and, still read, the collection {@value #LEGACY_LOGOS}
 * where logos lived before GridFS.
 */
public final class LogoRepository {

  /** The GridFS bucket of logos, one file per uploaded logo. */
  static final String LOGO_BUCKET = "logos";
  /**
   * Where logos lived before GridFS: one document per organisation keyed by slug, the PNG in a binary field. Still
   * read for organisations whose logo was stored there (no {@code logoFile} on the organisation yet).
   */
  static final String LEGACY_LOGOS = "org_logos";

  private final MongoClient mongo;
  /** Made once, on first use; a failure is not cached. */
  private volatile Future<MongoGridFsClient> logoBucket;

  public LogoRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  /** Stores the PNG as a new GridFS file and answers its id; the organisation then points at it. */
  Future<String> save(String slug, byte[] png) {
    GridFsUploadOptions options = new GridFsUploadOptions().setMetadata(new JsonObject()
        .put("org", slug).put("contentType", "image/png"));
    return logoBucket().compose(bucket -> bucket.uploadByFileNameWithOptions(
        new BufferReadStream(Buffer.buffer(png)), slug + ".png", options));
  }

  /** The PNG of GridFS file {@code fileId}, or {@code null} when there is no such file. */
  Future<byte[]> file(String fileId) {
    return logoBucket().compose(bucket -> bucket.readById(fileId)
            .collect(Collectors.reducing(Buffer.buffer(), (a, b) -> a.appendBuffer(b))))
        .map(buffer -> buffer.length() == 0 ? null : buffer.getBytes())
        // A file removed behind our back is a missing logo (404), not a server error.
        .recover(failure -> failure instanceof com.mongodb.MongoGridFSException ? Future.succeededFuture(null)
            : Future.failedFuture(failure));
  }

  /** Removes an old logo file once the organisation points at its successor. */
  Future<Void> delete(String fileId) {
    return logoBucket().compose(bucket -> bucket.delete(fileId));
  }

  /** A logo stored before GridFS (collection {@value #LEGACY_LOGOS}), or {@code null}. */
  Future<byte[]> legacy(String slug) {
    return mongo.findOne(LEGACY_LOGOS, new JsonObject().put("_id", slug), null)
        .map(doc -> doc == null ? null : doc.getJsonObject("png").getBinary("$binary"));
  }

  /** Drops a logo stored before GridFS once the organisation has a GridFS one. */
  Future<Void> deleteLegacy(String slug) {
    return mongo.removeDocument(LEGACY_LOGOS, new JsonObject().put("_id", slug)).mapEmpty();
  }

  private Future<MongoGridFsClient> logoBucket() {
    Future<MongoGridFsClient> bucket = logoBucket;
    if (bucket == null || bucket.failed()) {
      bucket = mongo.createGridFsBucketService(LOGO_BUCKET);
      logoBucket = bucket;
    }
    return bucket;
  }
}
