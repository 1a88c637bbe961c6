package dev.traced.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.devtools.cloudtrace.v2.AttributeValue;
import com.google.devtools.cloudtrace.v2.Span;
import dev.traced.bootstrap.stackdriver.CloudTraceExporter;
import dev.traced.testing.FakeCloudTrace;
import io.opencensus.common.Scope;
import io.opencensus.trace.Tracer;
import io.opencensus.trace.Tracing;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real OpenCensus Stackdriver exporter, started by the bootstrap, against a Cloud Trace v2
 * server on 127.0.0.1: payload field by field, and the three ways spans used to get lost.
 */
class CloudTraceExportTest {

  @BeforeEach
  void discardLeftoverSpans() throws Exception {
    LeftoverSpans.discard();
  }


  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final Tracer tracer = Tracing.getTracer();
  private FakeCloudTrace cloudTrace;
  private TracedBootstrap bootstrap;

  @AfterEach
  void stop() {
    if (bootstrap != null) {
      bootstrap.close();
    }
    if (cloudTrace != null) {
      cloudTrace.close();
    }
  }

  private TracedBootstrap start(String emulatorHost, Duration flushTimeout) {
    return start(emulatorHost, Duration.ofSeconds(1), flushTimeout);
  }

  private TracedBootstrap start(String emulatorHost, Duration exportTimeout, Duration flushTimeout) {
    TracedSettings settings =
        TracedSettings.builder()
            .exporters(ExporterKind.STACKDRIVER)
            .projectId("demo-project")
            .emulatorHost(HostAndPort.parse(raw(emulatorHost)))
            .exportTimeout(exportTimeout)
            .retryBudget(exportTimeout.multipliedBy(3))
            .flushTimeout(flushTimeout)
            .build();
    bootstrap =
        TracedBootstrap.start(settings, new PrintStream(stderr, true, StandardCharsets.UTF_8));
    return bootstrap;
  }

  private static SettingSource.Raw raw(String value) {
    return new SettingSource.Raw("traced.stackdriver.emulator-host", value, "test");
  }

  /** repl → processInput, with the quickstart's annotation; returns the two span ids. */
  private io.opencensus.trace.Span[] quickstartTrace() {
    io.opencensus.trace.Span repl = tracer.spanBuilder("repl").startSpan();
    io.opencensus.trace.Span child;
    try (Scope ignored = tracer.withSpan(repl)) {
      repl.addAnnotation(
          "Invoking processLine",
          Map.of(
              "len", io.opencensus.trace.AttributeValue.longAttributeValue(5),
              "use", io.opencensus.trace.AttributeValue.stringAttributeValue("repl")));
      child = tracer.spanBuilder("processInput").startSpan();
      child.putAttribute("ok", io.opencensus.trace.AttributeValue.booleanAttributeValue(true));
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
  void spansArriveWithProjectIdsParentsNamesAnnotationsAndAttributes() throws Exception {
    cloudTrace = FakeCloudTrace.start();
    start(cloudTrace.hostAndPort(), Duration.ofSeconds(5));
    io.opencensus.trace.Span[] sent = quickstartTrace();

    bootstrap.close();

    String traceId = sent[0].getContext().getTraceId().toLowerBase16();
    String replId = sent[0].getContext().getSpanId().toLowerBase16();
    String childId = sent[1].getContext().getSpanId().toLowerBase16();
    assertThat(cloudTrace.requests()).allSatisfy(
        request -> assertThat(request.getName()).isEqualTo("projects/demo-project"));
    Map<String, Span> byName =
        cloudTrace.spans().stream()
            .collect(Collectors.toMap(s -> s.getDisplayName().getValue(), Function.identity()));
    assertThat(byName).containsOnlyKeys("repl", "processInput");

    Span repl = byName.get("repl");
    assertThat(repl.getName())
        .isEqualTo("projects/demo-project/traces/" + traceId + "/spans/" + replId);
    assertThat(repl.getSpanId()).isEqualTo(replId);
    assertThat(repl.getParentSpanId()).isEmpty();
    assertThat(repl.getTimeEvents().getTimeEventList()).hasSize(1);
    Span.TimeEvent.Annotation annotation =
        repl.getTimeEvents().getTimeEvent(0).getAnnotation();
    assertThat(annotation.getDescription().getValue()).isEqualTo("Invoking processLine");
    Map<String, AttributeValue> attributes = annotation.getAttributes().getAttributeMapMap();
    assertThat(attributes.get("len").getIntValue()).isEqualTo(5);
    assertThat(attributes.get("use").getStringValue().getValue()).isEqualTo("repl");
    assertThat(repl.getStartTime().getSeconds()).isPositive();
    assertThat(repl.getEndTime()).isNotEqualTo(repl.getStartTime());

    Span child = byName.get("processInput");
    assertThat(child.getName())
        .isEqualTo("projects/demo-project/traces/" + traceId + "/spans/" + childId);
    assertThat(child.getParentSpanId()).isEqualTo(replId);
    assertThat(child.getAttributes().getAttributeMapMap().get("ok").getBoolValue()).isTrue();

    assertThat(bootstrap.lossReport()).isNull();
    assertThat(stderr()).isEmpty();
  }

  @Test
  void serverAndClientSpansArriveWithCloudTraceSpanKind() throws Exception {
    cloudTrace = FakeCloudTrace.start();
    start(cloudTrace.hostAndPort(), Duration.ofSeconds(5));
    io.opencensus.trace.Span server =
        tracer.spanBuilder("handle").setSpanKind(io.opencensus.trace.Span.Kind.SERVER).startSpan();
    try (Scope ignored = tracer.withSpan(server)) {
      tracer.spanBuilder("work").startSpan().end();
      tracer.spanBuilder("call").setSpanKind(io.opencensus.trace.Span.Kind.CLIENT).startSpan()
          .end();
      // The README's caveat: the kind is read back from the prefix, so a span without a kind
      // that its author named like a server span arrives as one.
      tracer.spanBuilder("Recv.named").startSpan().end();
    } finally {
      server.end();
    }

    bootstrap.close();

    Map<String, String> kinds =
        cloudTrace.spans().stream()
            .collect(
                Collectors.toMap(s -> s.getDisplayName().getValue(), FakeCloudTrace::spanKind));
    // OpenCensus' handler prefixes the display names of spans with a kind; the prefix stays.
    assertThat(kinds)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "Recv.handle", "SERVER",
                "work", "UNSPECIFIED",
                "Sent.call", "CLIENT",
                "Recv.named", "SERVER"));
    assertThat(bootstrap.lossReport()).isNull();
  }

  @Test
  void transientUnavailableIsRetriedAndNothingIsLost() throws Exception {
    cloudTrace = FakeCloudTrace.start().failNextCalls(2);
    start(cloudTrace.hostAndPort(), Duration.ofSeconds(5));
    quickstartTrace();

    bootstrap.close();

    assertThat(cloudTrace.calls()).isGreaterThanOrEqualTo(3);
    assertThat(cloudTrace.spans())
        .extracting(s -> s.getDisplayName().getValue())
        .containsExactlyInAnyOrder("repl", "processInput");
    assertThat(bootstrap.lossReport()).isNull();
  }

  @Test
  void serverDownIsReportedOnceWithCountAndCauseAndCloseIsQuick() throws Exception {
    FakeCloudTrace gone = FakeCloudTrace.start();
    String address = gone.hostAndPort();
    gone.close(); // nothing listens on this port any more
    start(address, Duration.ofSeconds(5));
    quickstartTrace();

    long started = System.nanoTime();
    bootstrap.close();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(took).isLessThan(Duration.ofSeconds(5));
    assertThat(bootstrap.lossReport())
        .isEqualTo(
            "[traced] 2 spans were not delivered: 2 failed at Cloud Trace (UNAVAILABLE: io exception)");
    assertThat(stderr()).isEqualTo(bootstrap.lossReport() + System.lineSeparator());
  }

  @Test
  void serverThatNeverAnswersCannotHoldCloseLongerThanTheFlushTimeout() throws Exception {
    cloudTrace = FakeCloudTrace.start().neverAnswer();
    start(cloudTrace.hostAndPort(), Duration.ofSeconds(2));
    quickstartTrace();

    long started = System.nanoTime();
    bootstrap.close();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(took).isLessThan(Duration.ofSeconds(4));
    assertThat(cloudTrace.calls()).isPositive();
    // No answer is no proof of loss: the spans may have arrived, and are not sent twice.
    assertThat(bootstrap.lossReport())
        .isEqualTo("[traced] 2 spans were not confirmed delivered: 2 may have arrived, not re-sent: "
            + String.format(CloudTraceExporter.NO_ANSWER_IN_TIME, 1000));
  }

  @Test
  void interruptedCloseStillDeliversEverySpanAndKeepsTheInterrupt() throws Exception {
    // An executor shutting down, or a framework stopping, interrupts the thread that closes.
    cloudTrace = FakeCloudTrace.start();
    // Generous bounds: this test is about the interrupt, not about a loaded machine's speed.
    start(cloudTrace.hostAndPort(), Duration.ofSeconds(5), Duration.ofSeconds(15));
    for (int i = 0; i < 5_000; i++) {
      tracer.spanBuilder("span-" + i).startSpan().end();
    }

    Thread.currentThread().interrupt();
    try {
      bootstrap.close();
    } finally {
      // Clears the flag for the next test, and tells whether close kept it.
      assertThat(Thread.interrupted()).as("interrupt flag after close").isTrue();
    }

    // Distinct: a batch slower than the call deadline is sent again (the loss accounting's topic).
    assertThat(cloudTrace.spans().stream().map(Span::getSpanId).distinct().count())
        .isEqualTo(5_000);
    assertThat(bootstrap.lossReport()).isNull();
    assertThat(stderr()).isEmpty();
  }

  @Test
  void withoutEmulatorAndWithoutCredentialsStartFailsWithTheFix() {
    // Only meaningful where no Application Default Credentials exist (CI, fresh machines).
    assumeTrue(System.getenv("GOOGLE_APPLICATION_CREDENTIALS") == null);
    assumeFalse(
        Files.exists(
            Paths.get(System.getProperty("user.home"), ".config", "gcloud",
                "application_default_credentials.json")));
    TracedSettings settings =
        TracedSettings.builder()
            .exporters(ExporterKind.STACKDRIVER)
            .projectId("demo-project")
            .build();
    assertThatThrownBy(() -> TracedBootstrap.start(settings))
        .isInstanceOf(SettingsException.class)
        .hasMessage(CloudTraceExporter.NO_CREDENTIALS);
  }
}
