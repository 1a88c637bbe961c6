package dev.traced.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opencensus.common.Scope;
import io.opencensus.trace.AttributeValue;
import io.opencensus.trace.EndSpanOptions;
import io.opencensus.trace.Status;
import io.opencensus.trace.Tracer;
import io.opencensus.trace.Tracing;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The no-account exporters: the console tree on stderr and zPages on 127.0.0.1. */
class LocalExportersTest {

  @BeforeEach
  void discardLeftoverSpans() throws Exception {
    LeftoverSpans.discard();
  }


  // As the aspect ends @Traced spans: offered to the local store that zPages shows.
  private static final EndSpanOptions LOCAL_STORE =
      EndSpanOptions.builder().setSampleToLocalSpanStore(true).build();

  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final Tracer tracer = Tracing.getTracer();
  private TracedBootstrap bootstrap;

  @AfterEach
  void stop() {
    if (bootstrap != null) {
      bootstrap.close();
    }
  }

  private TracedBootstrap start(TracedSettings settings) {
    bootstrap =
        TracedBootstrap.start(settings, new PrintStream(stderr, true, StandardCharsets.UTF_8));
    return bootstrap;
  }

  private void quickstartTrace(String childName) {
    io.opencensus.trace.Span repl = tracer.spanBuilder("repl").startSpan();
    try (Scope ignored = tracer.withSpan(repl)) {
      repl.addAnnotation(
          "Invoking processLine",
          Map.of(
              "len", AttributeValue.longAttributeValue(5),
              "use", AttributeValue.stringAttributeValue("repl")));
      io.opencensus.trace.Span child = tracer.spanBuilder(childName).startSpan();
      child.setStatus(Status.INVALID_ARGUMENT.withDescription("odd input"));
      child.end(LOCAL_STORE);
    } finally {
      repl.end(LOCAL_STORE);
    }
  }

  @Test
  void consolePrintsEachFinishedTraceAsAnIndentedTree() {
    start(TracedSettings.builder().exporters(ExporterKind.CONSOLE).build());
    quickstartTrace("processInput");
    bootstrap.close();

    String[] lines = stderr.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(4);
    assertThat(lines[0]).matches("trace [0-9a-f]{32}");
    assertThat(lines[1]).matches("repl \\d+\\.\\d{3} ms");
    assertThat(lines[2])
        .matches(
            "  @ \\+\\d+\\.\\d{3} ms \"Invoking processLine\" \\{len=5, use=\"repl\"\\}");
    assertThat(lines[3])
        .matches("  processInput \\d+\\.\\d{3} ms !INVALID_ARGUMENT \"odd input\"");
  }

  @Test
  void zpagesServesTracezOnLoopbackWithOurSpans() throws Exception {
    start(TracedSettings.builder().exporters(ExporterKind.ZPAGES).zpagesPort(0).build());
    quickstartTrace("zpagesChild");
    bootstrap.flush();

    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + bootstrap.zpagesPort() + "/tracez"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("repl").contains("zpagesChild");
    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "[traced] zPages: http://127.0.0.1:" + bootstrap.zpagesPort() + "/tracez"
                + System.lineSeparator());
  }

  @Test
  void startingTwiceWithTheSameSettingsSharesTheRunningExporters() {
    TracedSettings settings = TracedSettings.builder().exporters(ExporterKind.CONSOLE).build();
    TracedBootstrap first = start(settings);
    TracedBootstrap second = TracedBootstrap.start(settings);
    quickstartTrace("processInput");
    second.close();
    first.close();
    // One console exporter: the trace is printed once.
    assertThat(stderr.toString(StandardCharsets.UTF_8).split("\n")).hasSize(4);
  }

  @Test
  void startingAgainWithOtherSettingsIsAClearError() {
    start(TracedSettings.builder().exporters(ExporterKind.CONSOLE).build());
    TracedSettings other = TracedSettings.builder().exporters(ExporterKind.NONE).build();
    assertThatThrownBy(() -> TracedBootstrap.start(other))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(TracedBootstrap.ALREADY_STARTED);
  }
}
