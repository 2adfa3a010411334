package vn.ngoforum.support;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless chromium driven through Debian's chromedriver (both installed by {@code .ci/run}); nothing is
 * downloaded. {@code -Dforum.chromium=...} and {@code -Dforum.chromedriver=...} point elsewhere when needed.
 */
public final class HeadlessChromium {

  private HeadlessChromium() {
  }

  /** A new headless browser window of 1200×900; {@code extraArguments} such as {@code --lang=vi}. */
  public static WebDriver start(String... extraArguments) {
    List<String> arguments = new ArrayList<>(List.of("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
        "--disable-gpu", "--window-size=1200,900"));
    arguments.addAll(List.of(extraArguments));
    ChromeOptions options = new ChromeOptions()
        .setBinary(System.getProperty("forum.chromium", "/usr/bin/chromium"))
        .addArguments(arguments);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(System.getProperty("forum.chromedriver", "/usr/bin/chromedriver")))
        .build();
    return new ChromeDriver(service, options);
  }
}
