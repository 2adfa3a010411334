package vn.ngoforum.db;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.mvstore.MVStore;

/**
 * Makes the embedded store's writes durable before they are acknowledged: {@link #awaitDurable()} returns once
 * every change made before the call is committed to the store file and synced to the disk.
 *
 * <p>Group commit: writes that finish while a commit is under way wait for the lock, and the next commit covers all
 * of them, so concurrent writers share one commit and one {@code fsync} instead of paying one each. A write takes
 * a ticket once its change is in the store; a commit covers every ticket taken before it started.
 */
final class GroupCommit {

  private final MVStore store;
  private final AtomicLong tickets = new AtomicLong();
  private final ReentrantLock lock = new ReentrantLock();
  /** The last ticket known to be on disk (guarded by {@link #lock}). */
  private long durable;
  /** The store version that the last sync covered (guarded by {@link #lock}). */
  private long syncedVersion = -1;

  GroupCommit(MVStore store) {
    this.store = store;
  }

  /** Returns once every change made before this call is committed and synced to the disk. */
  void awaitDurable() {
    long ticket = tickets.incrementAndGet();
    lock.lock();
    try {
      if (durable >= ticket) {
        return;
      }
      long covered = tickets.get();
      store.commit();
      long version = store.getCurrentVersion();
      if (version != syncedVersion) {
        // Also waits for a commit H2's background writer may still be writing (it writes asynchronously), then
        // forces the file's content to the disk.
        store.executeFilestoreOperation(() -> store.getFileStore().sync());
        syncedVersion = version;
      }
      durable = covered;
    } finally {
      lock.unlock();
    }
  }
}
