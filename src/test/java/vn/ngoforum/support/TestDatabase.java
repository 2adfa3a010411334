package vn.ngoforum.support;

import io.vertx.core.Vertx;
import io.vertx.ext.mongo.MongoClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A MongoDB database of one test class's own on the build's store, with a Vert.x and a client for it, for tests of
 * repositories and read models that need no forum:
 * <pre>
 *   &#64;RegisterExtension
 *   static final TestDatabase db = TestDatabase.perClass("forum-directory-model-");
 * </pre>
 * Opened before the class's first test, closed after its last.
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback {

  private final String prefix;
  private Vertx vertx;
  private MongoClient mongo;

  private TestDatabase(String prefix) {
    this.prefix = prefix;
  }

  /** A fresh database named from {@code prefix} for one test class (register it as a static field). */
  public static TestDatabase perClass(String prefix) {
    return new TestDatabase(prefix);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    vertx = Vertx.vertx();
    mongo = TestServers.get().newDatabase(vertx, prefix);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    ForumUnderTest.await(mongo.close());
    ForumUnderTest.await(vertx.close());
  }

  public MongoClient mongo() {
    return mongo;
  }

  public Vertx vertx() {
    return vertx;
  }
}
