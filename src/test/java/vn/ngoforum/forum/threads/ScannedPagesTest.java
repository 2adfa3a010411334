package vn.ngoforum.forum.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.ngoforum.forum.common.ThreadChanges;

/** A category page read from the collection while the index builds is read once per node until a thread changes. */
class ScannedPagesTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close();
  }

  @Test
  @DisplayName("requests for the same page share one read (also while it is being read); a thread change or a failure drops it")
  void oneReadPerPageAndChange() {
    ScannedPages pages = ScannedPages.forNode(vertx);
    assertSame(pages, ScannedPages.forNode(vertx), "one per node");
    AtomicInteger reads = new AtomicInteger();
    Promise<CategoryListing.Page> slow = Promise.promise();
    Future<CategoryListing.Page> first = pages.get("c 1 20", () -> {
      reads.incrementAndGet();
      return slow.future();
    });
    Future<CategoryListing.Page> meanwhile = pages.get("c 1 20", () -> {
      reads.incrementAndGet();
      return Future.succeededFuture();
    });
    assertSame(first, meanwhile, "a request while the page is read waits for the same read");
    slow.complete(new CategoryListing.Page(List.of(), 0, 1, 1, null, null));
    pages.get("c 1 20", () -> Future.failedFuture("not read again"));
    assertEquals(1, reads.get());

    pages.get("c 2 20", () -> {
      reads.incrementAndGet();
      return Future.succeededFuture(new CategoryListing.Page(List.of(), 0, 1, 1, null, null));
    });
    assertEquals(2, reads.get(), "another page is read on its own");

    ThreadChanges.changed(vertx, "t1");
    pages.get("c 1 20", () -> {
      reads.incrementAndGet();
      return Future.failedFuture("the store is unreachable");
    });
    assertEquals(3, reads.get(), "read again after a thread changed");
    pages.get("c 1 20", () -> {
      reads.incrementAndGet();
      return Future.succeededFuture(new CategoryListing.Page(List.of(), 0, 1, 1, null, null));
    });
    assertEquals(4, reads.get(), "a failed read is not kept");
  }
}
