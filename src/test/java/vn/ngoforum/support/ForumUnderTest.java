package vn.ngoforum.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import vn.ngoforum.MainVerticle;
import vn.ngoforum.config.AppConfig;

/** Deploys the real forum (its main verticle) and waits for it, from a test thread. */
public final class ForumUnderTest {

  private ForumUnderTest() {
  }

  /** Deploys the forum with {@code config} and returns the deployment id once it serves. */
  public static String deploy(Vertx vertx, AppConfig config) {
    return await(vertx.deployVerticle(new MainVerticle(config)));
  }

  /** Blocks the (non-event-loop) test thread until {@code future} completes, at most a minute. */
  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      // A wait that never ends is a lost callback somewhere: what every thread was doing is the evidence.
      System.err.println("Gave up waiting after 60 s; the threads then:");
      Thread.getAllStackTraces().forEach((thread, stack) -> {
        System.err.println(thread);
        for (StackTraceElement frame : stack) {
          System.err.println("    at " + frame);
        }
      });
      throw new IllegalStateException(e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
