package dev.traced.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.export.ExportPipeline;
import io.opencensus.common.Scope;
import io.opencensus.trace.AttributeValue;
import io.opencensus.trace.Status;
import io.opencensus.trace.Tracer;
import io.opencensus.trace.Tracing;
import io.opencensus.trace.samplers.Samplers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import zipkin2.Annotation;
import zipkin2.Span;

/**
 * The zipkin exporter, started by the bootstrap, against a Zipkin v2 collector on 127.0.0.1: the
 * mapping field by field, retries of what did not arrive, and the loss line for what did not.
 */
class ZipkinExportTest {

  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final Tracer tracer = Tracing.getTracer();
  private FakeZipkin zipkin;
  private TracedBootstrap bootstrap;

  @BeforeEach
  void discardLeftoverSpans() throws Exception {
    ExportPipeline.deliverEnded(Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() {
    if (bootstrap != null) {
      bootstrap.close();
    }
    if (zipkin != null) {
      zipkin.close();
    }
  }

  private void start(String endpoint, Duration exportTimeout, Duration flushTimeout) {
    TracedSettings settings =
        TracedSettings.builder()
            .exporters(ExporterKind.ZIPKIN)
            .zipkinEndpoint(endpoint)
            .zipkinServiceName("shop")
            .exportTimeout(exportTimeout)
            .retryBudget(Duration.ofSeconds(2))
            .flushTimeout(flushTimeout)
            .build();
    bootstrap =
        TracedBootstrap.start(settings, new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  /** repl (with the quickstart's annotation) → processInput (an attribute, an error status). */
  private io.opencensus.trace.Span[] quickstartTrace() {
    io.opencensus.trace.Span repl =
        tracer.spanBuilder("repl").setSampler(Samplers.alwaysSample()).startSpan();
    io.opencensus.trace.Span child;
    try (Scope ignored = tracer.withSpan(repl)) {
      repl.addAnnotation(
          "Invoking processLine",
          Map.of(
              "len", AttributeValue.longAttributeValue(5),
              "use", AttributeValue.stringAttributeValue("repl")));
      child =
          tracer.spanBuilder("processInput").setSpanKind(io.opencensus.trace.Span.Kind.CLIENT)
              .startSpan();
      child.putAttribute("ok", AttributeValue.booleanAttributeValue(false));
      child.setStatus(Status.INVALID_ARGUMENT.withDescription("line too long"));
      child.end();
    } finally {
      repl.end();
    }
    return new io.opencensus.trace.Span[] {repl, child};
  }

  private String stderr() {
    return stderr.toString(StandardCharsets.UTF_8);
  }

  @Test
  void spansArriveWithIdsParentsKindAnnotationTagsAndErrorStatus() throws Exception {
    zipkin = FakeZipkin.start();
    start(zipkin.endpoint(), Duration.ofSeconds(2), Duration.ofSeconds(5));
    io.opencensus.trace.Span[] sent = quickstartTrace();

    bootstrap.close();

    Map<String, Span> byName =
        zipkin.spans().stream().collect(Collectors.toMap(Span::name, Function.identity()));
    // Zipkin's model keeps names in lower case.
    assertThat(byName).containsOnlyKeys("repl", "processinput");
    Span repl = byName.get("repl");
    String traceId = sent[0].getContext().getTraceId().toLowerBase16();
    assertThat(repl.traceId()).isEqualTo(traceId);
    assertThat(repl.id()).isEqualTo(sent[0].getContext().getSpanId().toLowerBase16());
    assertThat(repl.parentId()).isNull();
    assertThat(repl.kind()).isNull();
    assertThat(repl.localServiceName()).isEqualTo("shop");
    assertThat(repl.annotations())
        .extracting(Annotation::value)
        .containsExactly("Invoking processLine {len=5, use=\"repl\"}");
    assertThat(repl.annotations().get(0).timestamp()).isBetween(repl.timestamp(),
        repl.timestampAsLong() + repl.durationAsLong());
    assertThat(repl.duration()).isPositive();

    Span child = byName.get("processinput");
    assertThat(child.traceId()).isEqualTo(traceId);
    assertThat(child.parentId()).isEqualTo(repl.id());
    assertThat(child.kind()).isEqualTo(Span.Kind.CLIENT);
    assertThat(child.tags())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("ok", "false", "error", "line too long",
                "opencensus.status_code", "INVALID_ARGUMENT"));
    assertThat(bootstrap.lossReport()).isNull();
    assertThat(stderr()).isEmpty();
  }

  @Test
  void unavailableServerIsRetriedAndEverySpanArrivesOnce() throws Exception {
    zipkin = FakeZipkin.start();
    zipkin.failNextCalls(2);
    start(zipkin.endpoint(), Duration.ofSeconds(2), Duration.ofSeconds(5));
    quickstartTrace();

    bootstrap.close();

    assertThat(zipkin.calls()).isEqualTo(3);
    assertThat(zipkin.spans()).extracting(Span::name).containsExactlyInAnyOrder("repl", "processinput");
    assertThat(bootstrap.lossReport()).isNull();
  }

  @Test
  void serverDownLosesEverySpanInOneLineAndCloseStaysBounded() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String endpoint = "http://127.0.0.1:" + closedPort + "/api/v2/spans";
    start(endpoint, Duration.ofSeconds(1), Duration.ofSeconds(5));
    quickstartTrace();

    long began = System.nanoTime();
    bootstrap.close();
    Duration took = Duration.ofNanos(System.nanoTime() - began);

    assertThat(bootstrap.lossReport())
        .isEqualTo("[traced] 2 spans were not delivered: 2 failed at Zipkin (cannot connect to "
            + endpoint + ")");
    assertThat(stderr()).isEqualTo(bootstrap.lossReport() + System.lineSeparator());
    // Retried within traced.export.retry-budget=2s, well inside the flush timeout.
    assertThat(took).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void refusalIsLostAtOnceWithTheServersFirstLine() throws Exception {
    zipkin = FakeZipkin.start();
    zipkin.refuseWith(400);
    start(zipkin.endpoint(), Duration.ofSeconds(2), Duration.ofSeconds(5));
    quickstartTrace();

    bootstrap.close();

    assertThat(zipkin.calls()).isEqualTo(1);
    assertThat(bootstrap.lossReport())
        .isEqualTo("[traced] 2 spans were not delivered: 2 failed at Zipkin"
            + " (HTTP 400: failed on purpose)");
  }

  @Test
  void serverThatNeverAnswersIsUnconfirmedNotResentAndCloseStaysBounded() throws Exception {
    zipkin = FakeZipkin.start();
    zipkin.neverAnswer();
    start(zipkin.endpoint(), Duration.ofMillis(500), Duration.ofSeconds(3));
    quickstartTrace();

    long began = System.nanoTime();
    bootstrap.close();
    Duration took = Duration.ofNanos(System.nanoTime() - began);

    assertThat(bootstrap.lossReport())
        .isEqualTo("[traced] 2 spans were not confirmed delivered: 2 may have arrived, not"
            + " re-sent: no answer within traced.export.timeout=500ms");
    assertThat(zipkin.calls()).isEqualTo(1);
    assertThat(took).isLessThan(Duration.ofSeconds(3));
  }
}
