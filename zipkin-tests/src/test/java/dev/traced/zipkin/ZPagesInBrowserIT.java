package dev.traced.zipkin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The demo jar with {@code TRACED_EXPORTER=zpages}: our {@code /tracez} page in a real (headless)
 * browser lists {@code repl} and {@code processInput}, and a sample of {@code repl} shows the
 * annotation with its attributes.
 */
class ZPagesInBrowserIT {

  private static final Pattern TRACEZ_URL =
      Pattern.compile("\\[traced] zPages: (http://127\\.0\\.0\\.1:\\d+/tracez)");

  @Test
  void tracezListsTheDemoSpansAndShowsTheAnnotation() throws Exception {
    try (DemoProcess demo =
        DemoProcess.start(Map.of("TRACED_EXPORTER", "zpages", "TRACED_ZPAGES_PORT", "0"))) {
      demo.type("hello\n");
      String tracez = awaitTracezUrl(demo);

      try (Browser browser = Browser.start()) {
        browser.open(tracez);
        // Each span name is a row; its latency sample is a link with the count 1.
        String page = browser.awaitText("TraceZ Summary", "repl", "processInput");
        assertThat(page).doesNotContain("Invoking processLine");
        browser.screenshot("tracez");

        browser.driver()
            .findElement(By.cssSelector("a[href*='zspanname=repl&ztype=1']"))
            .click();
        browser.awaitText("Span Name: repl", "Invoking processLine", "len=5", "use=repl");
        browser.screenshot("tracez-repl");
      }

      DemoProcess.Result result = demo.endInput();
      assertThat(result.exitCode()).isZero();
      assertThat(result.stdout()).isEqualTo("< HELLO" + System.lineSeparator());
    }
  }

  private static String awaitTracezUrl(DemoProcess demo) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      Matcher url = TRACEZ_URL.matcher(demo.stderrSoFar());
      if (url.find()) {
        return url.group(1);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no zPages line on stderr within 30 s: " + demo.stderrSoFar());
  }
}
