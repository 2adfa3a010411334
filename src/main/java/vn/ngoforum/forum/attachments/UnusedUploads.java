package vn.ngoforum.forum.attachments;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
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
public final class UnusedUploads {

  /** How often each node looks for uploads that no post carries. */
  static final Duration EVERY = Duration.ofMinutes(15);
  /** At most this many uploads per run; a backlog goes in the next runs. */
  static final int BATCH = 500;
  private static final Logger LOG = LoggerFactory.getLogger(UnusedUploads.class);

  private final AttachmentRepository repository;

  public UnusedUploads(AttachmentRepository repository) {
    this.repository = repository;
  }

  /**
   * Removes the uploads that no post carries, made more than {@link AttachmentService#UNUSED_REMOVED_AFTER} ago
   * (and their bytes); answers how many.
   */
  public Future<Integer> removeOld() {
    return removeMadeBefore(Instant.now().minus(AttachmentService.UNUSED_REMOVED_AFTER));
  }

  /**
   * Runs {@link #removeOld()} every {@link #EVERY} on this node, from the caller's verticle (its timer ends with
   * it); a run still going when the next is due makes that one skip.
   */
  public void removeOldPeriodically(Vertx vertx) {
    AtomicBoolean running = new AtomicBoolean();
    vertx.setPeriodic(EVERY.toMillis(), id -> {
      if (!running.compareAndSet(false, true)) {
        return;
      }
      removeOld()
          .onSuccess(removed -> {
            if (removed > 0) {
              LOG.info("Removed {} uploads that no post carries", removed);
            }
          })
          .onFailure(failure -> LOG.warn("Could not remove unused uploads: {}", failure.toString()))
          .onComplete(done -> running.set(false));
    });
  }

  /** Removes the uploads no post carries that were made before {@code cutoff}; answers how many it removed. */
  Future<Integer> removeMadeBefore(Instant cutoff) {
    return repository.unusedBefore(cutoff, BATCH).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(0);
      }
      List<String> ids = found.stream().map(Attachment::id).toList();
      return repository.removeUnused(ids)
          .compose(v -> repository.findAll(ids))
          .compose(kept -> {
            Set<String> claimed = kept.stream().map(Attachment::id).collect(Collectors.toSet());
            List<Attachment> removed = found.stream().filter(upload -> !claimed.contains(upload.id())).toList();
            return Future.all(removed.stream().map(this::removeBytes).toList()).map(all -> removed.size());
          });
    });
  }

  /** The bytes of a removed upload; a file already gone (another node was first) is fine. */
  private Future<Void> removeBytes(Attachment upload) {
    if (upload.fileId() == null) {
      return Future.succeededFuture();
    }
    return repository.removeBytes(upload.fileId()).recover(failure -> {
      LOG.debug("The bytes of upload {} were already gone: {}", upload.id(), failure.toString());
      return Future.succeededFuture();
    });
  }
}
