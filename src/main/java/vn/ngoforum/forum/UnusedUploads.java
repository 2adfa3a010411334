package vn.ngoforum.forum;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes uploads that no post carries once they are old (see {@link AttachmentService#UNUSED_REMOVED_AFTER}): the
 * attachment's document and its bytes in GridFS. Background work, run on every node: it finds its uploads by a
 * filter (a scan on the embedded store) and is idempotent, so two nodes running it at once remove each upload once.
 *
 * <p>An upload is claimed by a post only while it is still usable ({@link AttachmentService#UNUSED_USABLE_FOR}),
 * an hour before it may be removed, so a post being written never loses its file. The document is removed only if
 * it still carries no post (one claimed meanwhile stays), and its bytes only once the document is gone.
 */
final class UnusedUploads {

  /** At most this many uploads per run; a backlog goes in the next runs. */
  static final int BATCH = 500;
  private static final Logger LOG = LoggerFactory.getLogger(UnusedUploads.class);

  private final AttachmentRepository repository;

  UnusedUploads(MongoClient mongo) {
    this.repository = new AttachmentRepository(mongo);
  }

  /** Removes the uploads no post carries that were made before {@code cutoff}; answers how many it removed. */
  Future<Integer> removeMadeBefore(Instant cutoff) {
    return repository.unusedBefore(cutoff, BATCH).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(0);
      }
      List<String> ids = found.stream().map(doc -> doc.getString("_id")).toList();
      return repository.removeUnused(ids)
          .compose(v -> repository.findAll(ids))
          .compose(kept -> {
            Set<String> claimed = kept.stream().map(doc -> doc.getString("_id")).collect(Collectors.toSet());
            List<JsonObject> removed = found.stream().filter(doc -> !claimed.contains(doc.getString("_id")))
                .toList();
            return Future.all(removed.stream().map(this::removeBytes).toList()).map(all -> removed.size());
          });
    });
  }

  /** The bytes of a removed upload; a file already gone (another node was first) is fine. */
  private Future<Void> removeBytes(JsonObject upload) {
    String fileId = upload.getString("fileId");
    if (fileId == null) {
      return Future.succeededFuture();
    }
    return repository.removeBytes(fileId).recover(failure -> {
      LOG.debug("The bytes of upload {} were already gone: {}", upload.getString("_id"), failure.toString());
      return Future.succeededFuture();
    });
  }
}
