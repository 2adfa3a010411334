package vn.ngoforum.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.ngoforum.support.ForumUnderTest;
import vn.ngoforum.support.TestServers;

/**
 * The attendee page's script in Debian's headless chromium: it loads the session's questions from the API and
 * renders them itself (highlighted on top, answered apart, anonymous askers unnamed), with no script errors
 * that stop it. Chromium prints the page as the script left it ({@code --dump-dom}).
 */
@Tag("browser")
@ExtendWith(VertxExtension.class)
class QaBrowserTest {

  private static final String CHROMIUM = "/usr/bin/chromium";
  private static String base;

  @BeforeAll
  static void deploy(Vertx vertx) {
    assumeTrue(Files.isExecutable(Path.of(CHROMIUM)), "Debian's chromium is not installed");
    ForumUnderTest.deploy(vertx, TestServers.get().forumConfig("qa-browser"));
    base = TestServers.get().forumUrl();
  }

  @Test
  @DisplayName("the attendee page's script renders the questions it loads, highlighted first and answered apart")
  void scriptRendersQuestions() throws Exception {
    QaClient moderator = QaClient.as("moderator");
    String session = moderator.newSession("post", "public");
    String plain = QaClient.as("member").ask(session, "Plain question from a member").getString("id");
    String highlighted = QaClient.as("member").ask(session, "Highlighted question").getString("id");
    String answered = QaClient.as("member").ask(session, "Answered question").getString("id");
    moderator.moderate(highlighted, "highlight");
    moderator.moderate(answered, "answer");

    String dom = dumpDom(base + "/qa/" + session + "?sort=votes");
    assertTrue(dom.contains("data-rev="), "the script rendered the lists (its items carry data-rev)");
    assertTrue(section(dom, "data-list=\"highlighted\"").contains("q-" + highlighted));
    assertTrue(section(dom, "data-list=\"open\"").contains("q-" + plain));
    assertFalse(section(dom, "data-list=\"open\"").contains("q-" + answered));
    assertTrue(section(dom, "data-list=\"answered\"").contains("q-" + answered));
    assertTrue(dom.contains("Plain question from a member"));
  }

  private static String section(String dom, String marker) {
    int start = dom.indexOf(marker);
    assertTrue(start >= 0, marker + " in the page");
    int end = dom.indexOf("</ol>", start);
    return dom.substring(start, end);
  }

  private static String dumpDom(String url) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("qa-chromium");
    Path out = Files.createTempFile("qa-dom", ".html");
    Process chromium = new ProcessBuilder(List.of(CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--virtual-time-budget=5000", "--dump-dom", url))
        .redirectOutput(out.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    boolean done = chromium.waitFor(60, TimeUnit.SECONDS);
    if (!done) {
      chromium.destroyForcibly();
    }
    assertTrue(done, "chromium finished");
    assertEquals(0, chromium.exitValue());
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
