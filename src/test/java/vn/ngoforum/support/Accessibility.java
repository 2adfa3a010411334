package vn.ngoforum.support;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.openqa.selenium.WebDriver;

/**
 * Deque's axe-core engine run on the page a browser shows, against WCAG 2.1 A and AA (contrast included) and
 * axe's best practices. A page passes when nothing serious or critical is found: the pages are fixed, not the rules.
 */
public final class Accessibility {

  private static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice");
  private static final Set<String> BLOCKING = Set.of("serious", "critical");
  private static final Path REPORT = Path.of("target/axe-report.txt");

  private Accessibility() {
  }

  /**
   * The serious and critical violations on the current page, one readable line per rule and element. Every finding,
   * whatever its impact, is also added to {@code target/axe-report.txt} under {@code page}, for people to read.
   */
  public static List<String> seriousViolations(WebDriver driver, String page) {
    Results results = new AxeBuilder().withTags(TAGS).analyze(driver);
    if (results.isErrored()) {
      throw new IllegalStateException("axe-core failed on " + driver.getCurrentUrl() + ": " + results.getErrorMessage());
    }
    List<String> all = results.getViolations().stream()
        .flatMap(rule -> rule.getNodes().stream().map(node -> line(rule, node))).collect(Collectors.toList());
    try {
      Files.createDirectories(REPORT.getParent());
      Files.writeString(REPORT, page + " (" + driver.getCurrentUrl() + "): " + results.getPasses().size()
          + " rules pass, " + all.size() + " findings\n" + all.stream().map(line -> "  " + line + "\n")
          .collect(Collectors.joining()), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return results.getViolations().stream()
        .filter(rule -> BLOCKING.contains(rule.getImpact()))
        .flatMap(rule -> rule.getNodes().stream().map(node -> line(rule, node)))
        .collect(Collectors.toList());
  }

  /** Fails with the list of findings when the current page has any serious or critical violation. */
  public static void assertNoSeriousViolations(WebDriver driver, String page) {
    List<String> found = seriousViolations(driver, page);
    if (!found.isEmpty()) {
      throw new AssertionError("axe-core on " + page + " (" + driver.getCurrentUrl() + "):\n  "
          + String.join("\n  ", found));
    }
  }

  private static String line(Rule rule, CheckedNode node) {
    return rule.getImpact() + " " + rule.getId() + " at " + node.getTarget() + ": " + node.getHtml()
        .replaceAll("\\s+", " ") + " — " + String.valueOf(node.getFailureSummary()).replaceAll("\\s+", " ");
  }
}
