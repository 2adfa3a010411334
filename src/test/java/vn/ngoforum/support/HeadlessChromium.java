package vn.ngoforum.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless chromium driven through Debian's chromedriver (both installed by {@code .ci/run}); nothing is
 * downloaded (Selenium is given the driver's path, so Selenium Manager never runs). {@code -Dforum.chromium=...}
 * and {@code -Dforum.chromedriver=...} point elsewhere when needed.
 *
 * <p>Also the one place that knows the two screens the product is judged on, a 1366×768 laptop and a 390×844
 * phone, and that saves screenshots of both under {@code target/screenshots/}.
 */
public final class HeadlessChromium {

  /** Where screenshots go: a person looks at them after the run. */
  public static final Path SCREENSHOTS = Path.of("target/screenshots");

  /** A screen to show pages on. */
  public enum Screen {
    DESKTOP(1366, 768, false),
    /** A common laptop screen, 1280 px wide. */
    LAPTOP(1280, 800, false),
    PHONE(390, 844, true),
    /** The narrowest phone the pages are made for. */
    SMALL_PHONE(360, 740, true);

    final int width;
    final int height;
    final boolean mobile;

    Screen(int width, int height, boolean mobile) {
      this.width = width;
      this.height = height;
      this.mobile = mobile;
    }

    String suffix() {
      return name().toLowerCase();
    }
  }

  private HeadlessChromium() {
  }

  /**
   * One browser window for a test class, as a JUnit extension on a field: started before the class's first test,
   * quit after its last.
   *
   * <pre>
   *   &#64;RegisterExtension
   *   static final HeadlessChromium.PerClass chromium = HeadlessChromium.perClass();
   *   ... chromium.driver().get(forum.base() + "/")
   * </pre>
   */
  public static PerClass perClass(String... extraArguments) {
    return new PerClass(extraArguments);
  }

  /** See {@link #perClass}. */
  public static final class PerClass implements BeforeAllCallback, AfterAllCallback {

    private final String[] extraArguments;
    private WebDriver driver;

    private PerClass(String[] extraArguments) {
      this.extraArguments = extraArguments;
    }

    /** The browser window. */
    public WebDriver driver() {
      return driver;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
      driver = start(extraArguments);
    }

    @Override
    public void afterAll(ExtensionContext context) {
      if (driver != null) {
        driver.quit();
        driver = null;
      }
    }
  }

  /** A new headless browser window on the desktop screen; {@code extraArguments} such as {@code --lang=vi}. */
  public static WebDriver start(String... extraArguments) {
    List<String> arguments = new ArrayList<>(List.of("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
        "--disable-gpu", "--hide-scrollbars", "--window-size=" + Screen.DESKTOP.width + "," + Screen.DESKTOP.height));
    arguments.addAll(List.of(extraArguments));
    ChromeOptions options = new ChromeOptions()
        .setBinary(System.getProperty("forum.chromium", "/usr/bin/chromium"))
        .addArguments(arguments);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(System.getProperty("forum.chromedriver", "/usr/bin/chromedriver")))
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    show(driver, Screen.DESKTOP);
    return driver;
  }

  /**
   * Signs {@code driver} in to the forum at {@code base} as {@code username} (a test realm user's password) through
   * Keycloak's real login page, from a browser without cookies, and waits (at most 30 s) until the browser is back
   * on the forum.
   */
  public static void signIn(WebDriver driver, String base, String username) {
    // Every cookie goes first, Keycloak's too: its single sign-on cookie lives on the realm's path, where the
    // page's deleteAllCookies() cannot see it, and would sign the browser in again as the previous person.
    if (driver instanceof ChromeDriver chrome) {
      chrome.executeCdpCommand("Network.clearBrowserCookies", java.util.Map.of());
    }
    driver.get(base + "/login");
    driver.findElement(By.id("username")).sendKeys(username);
    driver.findElement(By.id("password")).sendKeys(TestServers.PASSWORD);
    driver.findElement(By.id("kc-login")).click();
    new WebDriverWait(driver, java.time.Duration.ofSeconds(30)).until(at -> at.getCurrentUrl().startsWith(base));
  }

  /** Makes the page lay itself out for {@code screen} (a phone also honours the page's viewport meta tag). */
  public static void show(WebDriver driver, Screen screen) {
    ((ChromeDriver) driver).executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
        "width", screen.width, "height", screen.height, "deviceScaleFactor", 1, "mobile", screen.mobile));
  }

  /**
   * What makes the page scroll sideways on the screen it is shown on: {@code null} when nothing does, else by how many
   * pixels and the innermost elements reaching past the screen's right edge (tag, class and the start of their text),
   * so that a failure names what to fix. With {@code openDetails}, every {@code <details>} is opened first, as a reader
   * may (forms wait in them).
   */
  public static String sidewaysScroll(WebDriver driver, boolean openDetails) {
    Object found = ((ChromeDriver) driver).executeScript("""
        if (arguments[0]) { document.querySelectorAll('details').forEach(function (d) { d.open = true; }); }
        var width = document.documentElement.clientWidth;
        var by = document.documentElement.scrollWidth - width;
        if (by <= 0) { return null; }
        function past(e) { return e.getBoundingClientRect().right > width + 0.5; }
        var names = [];
        document.querySelectorAll('body *').forEach(function (e) {
          if (past(e) && !Array.prototype.some.call(e.children, past)) {
            var classes = (e.getAttribute('class') || '').trim();
            names.push(e.tagName.toLowerCase() + (classes ? '.' + classes.replace(/ +/g, '.') : '')
                + ' "' + (e.textContent || '').trim().slice(0, 40) + '"');
          }
        });
        return by + ' px (' + names.slice(0, 5).join(', ') + ')';
        """, openDetails);
    return (String) found;
  }

  /**
   * Saves what the page shows on both screens, as {@code target/screenshots/{name}-desktop.png} and
   * {@code -phone.png}, and leaves the browser on the desktop screen. When {@code focus} names an element (a CSS
   * selector), it is scrolled into the middle of the screen first, as a person would look at it.
   */
  public static void screenshots(WebDriver driver, String name, String focus) {
    for (Screen screen : List.of(Screen.DESKTOP, Screen.PHONE)) {
      screenshot(driver, name, focus, screen);
    }
    show(driver, Screen.DESKTOP);
  }

  /**
   * Saves what the page shows on {@code screen}, with {@code focus} (a CSS selector, or {@code null} for the top) in
   * the middle, as {@code target/screenshots/{name}-{screen}.png}; the browser stays on that screen.
   */
  public static void screenshot(WebDriver driver, String name, String focus, Screen screen) {
    show(driver, screen);
    ((ChromeDriver) driver).executeScript(focus == null ? "window.scrollTo(0, 0);"
        : "var e = document.querySelector(arguments[0]); if (e) { e.scrollIntoView({block: 'center'}); }", focus);
    save(driver, name + "-" + screen.suffix() + ".png");
  }

  private static void save(WebDriver driver, String file) {
    @SuppressWarnings("unchecked")
    Map<String, Object> shot = ((ChromeDriver) driver).executeCdpCommand("Page.captureScreenshot",
        Map.of("format", "png"));
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(SCREENSHOTS.resolve(file), Base64.getDecoder().decode((String) shot.get("data")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
