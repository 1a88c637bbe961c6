package dev.traced.zipkin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import zipkin2.Annotation;
import zipkin2.Span;

/**
 * The demo jar with {@code TRACED_EXPORTER=zipkin} against the real Zipkin server: its trace is
 * stored with the exact tree, annotation and attributes, under the service {@code traced-demo},
 * and Zipkin's own UI shows it in a real (headless) browser.
 */
class DemoTraceInZipkinIT {

  private static ZipkinServer zipkin;

  @BeforeAll
  static void startZipkin() throws Exception {
    zipkin = ZipkinServer.start();
  }

  @AfterAll
  static void stopZipkin() throws Exception {
    if (zipkin != null) {
      zipkin.close();
    }
  }

  /** Runs the demo on one line and returns the trace Zipkin stored for it. */
  static List<Span> demoTrace(ZipkinServer zipkin, String line) throws Exception {
    DemoProcess.Result result =
        DemoProcess.run(line + "\n",
            Map.of("TRACED_EXPORTER", "zipkin", "TRACED_ZIPKIN_ENDPOINT", zipkin.spansEndpoint()));
    assertThat(result.exitCode()).isZero();
    assertThat(result.stderr()).isEmpty();
    // Delivered before the demo exited (else the loss line would say so); Zipkin's in-memory
    // storage indexes it a moment later.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      for (List<Span> trace : zipkin.traces("traced-demo")) {
        if (trace.size() == 2 && trace.stream().anyMatch(s -> s.annotations().stream()
            .anyMatch(a -> a.value().contains("len=" + line.length() + ",")))) {
          return trace;
        }
      }
      assertThat(System.nanoTime()).as("trace stored within 10 s").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  @Test
  void zipkinUiShowsTheDemoTraceItsSpansAndTheAnnotation() throws Exception {
    List<Span> trace = demoTrace(zipkin, "hello");
    Span repl = trace.stream().filter(s -> s.name().equals("repl")).findFirst().orElseThrow();

    try (Browser browser = Browser.start()) {
      browser.open(zipkin.baseUrl() + "/zipkin/traces/" + repl.traceId());
      // The root span is selected: its details list the annotation with its attributes.
      String page =
          browser.awaitText(
              "traced-demo: repl",
              "traced-demo: processinput", // Zipkin shows span names in lower case
              "Total Spans\n2",
              "Invoking processLine {len=5, use=\"repl\"}");
      assertThat(page).contains(repl.traceId());
      browser.screenshot("zipkin-trace");

      // Selecting the child shows the root as its parent.
      browser.driver()
          .findElement(By.xpath("//*[text()='traced-demo: processinput']"))
          .click();
      browser.awaitText("Span name\nprocessinput", "Parent ID\n" + repl.id());
      browser.screenshot("zipkin-trace-child");
    }
  }

  @Test
  void demoTraceArrivesWithItsTreeAnnotationAndAttributes() throws Exception {
    List<Span> trace = demoTrace(zipkin, "hello");

    Map<String, Span> byName =
        trace.stream().collect(Collectors.toMap(Span::name, Function.identity()));
    // Zipkin keeps span names in lower case: processInput is stored as processinput.
    assertThat(byName).containsOnlyKeys("repl", "processinput");
    Span repl = byName.get("repl");
    Span processInput = byName.get("processinput");
    assertThat(repl.parentId()).isNull();
    assertThat(processInput.parentId()).isEqualTo(repl.id());
    assertThat(processInput.traceId()).isEqualTo(repl.traceId());
    assertThat(trace).allSatisfy(span -> {
      assertThat(span.localServiceName()).isEqualTo("traced-demo");
      assertThat(span.kind()).isNull();
      assertThat(span.tags()).isEmpty();
    });
    assertThat(repl.annotations())
        .extracting(Annotation::value)
        .containsExactly("Invoking processLine {len=5, use=\"repl\"}");
    assertThat(processInput.annotations()).isEmpty();
    // The child lies within its parent.
    assertThat(processInput.timestampAsLong()).isBetween(repl.timestampAsLong(),
        repl.timestampAsLong() + repl.durationAsLong());
    // The same trace by its id, as the UI's link asks for it.
    assertThat(zipkin.trace(repl.traceId())).containsExactlyInAnyOrderElementsOf(trace);
  }
}
