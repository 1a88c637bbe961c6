package dev.traced.zipkin;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by Selenium, offline: the system browser and driver (Selenium
 * downloads nothing), and no request leaves loopback (every host name but localhost is
 * unresolvable and every other address goes to a closed proxy port, so pages that link web
 * fonts or a favicon cannot reach the internet). Missing Chromium fails the test: {@code .ci/run}
 * installs it.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
  static final String MISSING =
      "%s is missing: install Debian's chromium and chromium-driver (apt-get install -y chromium"
          + " chromium-driver), as .ci/run does";
  private static final Duration PAGE_WAIT = Duration.ofSeconds(30);

  private final ChromeDriver driver;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
  }

  static Browser start() {
    for (Path required : new Path[] {CHROMIUM, CHROMEDRIVER}) {
      if (!Files.isExecutable(required)) {
        throw new AssertionError(String.format(MISSING, required));
      }
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox", // runs as root in CI
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,800",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
        "--proxy-server=http://127.0.0.1:9", // loopback itself is never proxied
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    return new Browser(new ChromeDriver(service, options));
  }

  /** Opens {@code url}. */
  void open(String url) {
    driver.get(url);
  }

  WebDriver driver() {
    return driver;
  }

  /** The page's rendered text once it contains every one of {@code texts}; fails after 30 s. */
  String awaitText(String... texts) {
    try {
      return new WebDriverWait(driver, PAGE_WAIT)
          .until(d -> {
            String shown = d.findElement(By.tagName("body")).getText();
            for (String text : texts) {
              if (!shown.contains(text)) {
                return null;
              }
            }
            return shown;
          });
    } catch (org.openqa.selenium.TimeoutException notShown) {
      throw new AssertionError("the page did not show all of " + String.join(", ", texts)
          + " within " + PAGE_WAIT + "; it showed:\n"
          + driver.findElement(By.tagName("body")).getText(), notShown);
    }
  }

  /** Saves what the browser shows as a PNG. */
  Path screenshot(String name) throws IOException {
    Path dir = Paths.get(System.getProperty("screenshots.dir", "target/screenshots"));
    Files.createDirectories(dir);
    File png = driver.getScreenshotAs(OutputType.FILE);
    Path target = dir.resolve(name + ".png");
    Files.copy(png.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
