package vn.ngoforum.journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.ngoforum.support.HeadlessChromium;
import vn.ngoforum.support.TestServers;

/**
 * One person in a journey with their own headless chromium (own cookies, own session): they open pages, type
 * into forms and press buttons, and wait — bounded — for what they expect to see.
 */
final class Person implements AutoCloseable {

  static final Duration PATIENCE = Duration.ofSeconds(30);

  final String label;
  final WebDriver browser;
  private final String base;

  Person(String label, String base) {
    this.label = label;
    this.base = base;
    this.browser = HeadlessChromium.start();
  }

  Person open(String path) {
    browser.get(base + path);
    return this;
  }

  /**
   * The element matching {@code css}, waiting for it as a person waits for a page to arrive: after a form submit
   * or a link, the next page may not be there yet.
   */
  WebElement find(String css) {
    return waitUntil("has " + css, driver -> driver.findElements(By.cssSelector(css)).stream().findFirst()
        .orElse(null));
  }

  /** Types {@code text} into the field found by {@code css}, as a person types it. */
  Person type(String css, String text) {
    WebElement field = find(css);
    field.clear();
    field.sendKeys(text);
    return this;
  }

  /** Clicks the element matching {@code css}, again if the page replaced it just before the click. */
  Person click(String css) {
    waitUntil("clicks " + css, driver -> {
      find(css).click();
      return true;
    });
    return this;
  }

  /** Waits until {@code condition} gives a value that is neither null nor false; answers it. */
  <T> T waitUntil(String what, Function<WebDriver, T> condition) {
    try {
      return new WebDriverWait(browser, PATIENCE).withMessage(label + ": " + what)
          .ignoring(StaleElementReferenceException.class).until(condition::apply);
    } catch (TimeoutException e) {
      HeadlessChromium.screenshots(browser, "failed-" + label, null);
      throw e;
    }
  }

  /** The id the address the browser reaches holds: {@code pattern}'s first group (query and fragment left out). */
  String idInAddress(String pattern) {
    java.util.regex.Pattern address = java.util.regex.Pattern.compile(pattern);
    return waitUntil("at " + pattern, driver -> {
      java.util.regex.Matcher found = address.matcher(driver.getCurrentUrl().replaceFirst("[?#].*$", ""));
      return found.find() ? found.group(1) : null;
    });
  }

  /** Waits until an element matching {@code css} is shown; answers it. */
  WebElement waitFor(String css) {
    return waitUntil("shows " + css, driver -> driver.findElements(By.cssSelector(css)).stream()
        .filter(WebElement::isDisplayed).findFirst().orElse(null));
  }

  /** Waits until the text of the element matching {@code css} contains {@code text}. */
  void waitForText(String css, String text) {
    waitUntil(css + " contains \"" + text + "\"", driver -> driver.findElements(By.cssSelector(css)).stream()
        .anyMatch(element -> element.getText().contains(text)));
  }

  /** Waits until the page's connection indicator says it is live (shown, and announced to screen readers). */
  void waitUntilLive() {
    waitUntil("the page is live", driver -> {
      WebElement status = driver.findElement(By.cssSelector("[data-live-status]"));
      return "live".equals(status.getAttribute("data-state")) && status.isDisplayed();
    });
  }

  /**
   * Signs in from the current page: its sign-in link (unless the page already sent the person to Keycloak), then
   * Keycloak's real login page, then back to the forum.
   */
  void signInHere(String username) {
    if (browser.findElements(By.id("kc-login")).isEmpty()) {
      click("a[href^='/login']");
    }
    waitFor("#username");
    type("#username", username);
    type("#password", TestServers.PASSWORD);
    click("#kc-login");
    waitUntil("back on the forum, signed in", driver -> driver.getCurrentUrl().startsWith(base)
        && !driver.findElements(By.cssSelector("form[action='/logout']")).isEmpty());
  }

  /** Opens the home page and signs in there as {@code username}; answers this person. */
  Person signInFromHome(String username) {
    open("/");
    signInHere(username);
    return this;
  }

  /** From now on the pages run no script, as in a browser with JavaScript turned off (or a page not updated yet). */
  void withoutScripts() {
    ((org.openqa.selenium.chrome.ChromeDriver) browser).executeCdpCommand("Emulation.setScriptExecutionDisabled",
        java.util.Map.of("value", true));
  }

  /** Sets a field's value as a date picker would (a {@code datetime-local} field takes no typing in a test). */
  Person setValue(String css, String value) {
    ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", find(css), value);
    return this;
  }

  /** Downloads {@code path} in the page, with the person's session, as a download link does; the file's bytes. */
  byte[] download(String path) {
    browser.manage().timeouts().scriptTimeout(PATIENCE);
    Object answer = ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "fetch(arguments[0], {credentials: 'same-origin'})"
        + ".then((r) => r.ok ? r.arrayBuffer() : Promise.reject(r.status))"
        + ".then((b) => { let s = ''; new Uint8Array(b).forEach((c) => { s += String.fromCharCode(c); });"
        + " done(btoa(s)); })"
        + ".catch((e) => done('failed: ' + e));", path);
    String encoded = String.valueOf(answer);
    if (encoded.startsWith("failed")) {
      throw new AssertionError(label + " could not download " + path + ": " + encoded);
    }
    return java.util.Base64.getDecoder().decode(encoded);
  }

  /** Marks the page so that {@link #assertNotReloaded()} can tell whether it was loaded again since. */
  void markPage() {
    ((JavascriptExecutor) browser).executeScript("window.journeyMark = true;");
  }

  void assertNotReloaded() {
    assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.journeyMark === true;"),
        label + "'s page was not reloaded");
  }

  void screenshots(String name, String focus) {
    HeadlessChromium.screenshots(browser, name, focus);
  }

  @Override
  public void close() {
    browser.quit();
  }
}
