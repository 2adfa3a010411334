package vn.ngoforum.registry.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.error.ForumException;

/** Image work is bounded: a few at once, a few waiting, the rest refused at once with 503. */
@ExtendWith(VertxExtension.class)
class ImageWorkTest {

  @Test
  @DisplayName("with its threads busy and its waiting places taken, image work is refused at once with 503 and a"
      + " Retry-After; once a turn is free it is taken again, and every accepted piece of work completes")
  void bounded(Vertx vertx) throws InterruptedException {
    ImageWork work = new ImageWork(1, 1);
    CountDownLatch busy = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<String> running = work.run(vertx, () -> {
      busy.countDown();
      assertTrue(release.await(60, TimeUnit.SECONDS));
      return "first";
    });
    assertTrue(busy.await(60, TimeUnit.SECONDS), "the first image is being decoded");
    Future<String> waiting = work.run(vertx, () -> "second");

    Future<String> refused = work.run(vertx, () -> "third");
    assertTrue(refused.failed(), "refused at once, not queued");
    ForumException problem = assertInstanceOf(ForumException.class, refused.cause());
    assertEquals(503, problem.status());
    assertEquals(ImageWork.RETRY_AFTER_SECONDS, problem.retryAfterSeconds());
    org.junit.jupiter.api.Assertions.assertFalse(waiting.isComplete(), "the waiting one waits for its turn");

    release.countDown();
    assertEquals("first", ForumUnderTest.await(running));
    assertEquals("second", ForumUnderTest.await(waiting));
    assertEquals("fourth", ForumUnderTest.await(work.run(vertx, () -> "fourth")), "free again");
  }

  @Test
  @DisplayName("a failure in image work comes back as the failure of its future")
  void failures(Vertx vertx) {
    Future<String> failed = new ImageWork(1, 1).run(vertx, () -> {
      throw ForumException.invalid("not an image");
    });
    IllegalStateException wrapped = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> ForumUnderTest.await(failed));
    assertEquals("not an image", wrapped.getCause().getMessage());
  }
}
