package dev.traced.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.export.ExportPipeline;
import io.opencensus.common.Scope;
import io.opencensus.trace.AttributeValue;
import io.opencensus.trace.MessageEvent;
import io.opencensus.trace.SpanContext;
import io.opencensus.trace.SpanId;
import io.opencensus.trace.Status;
import io.opencensus.trace.TraceId;
import io.opencensus.trace.TraceOptions;
import io.opencensus.trace.Tracer;
import io.opencensus.trace.Tracestate;
import io.opencensus.trace.Tracing;
import io.opencensus.trace.samplers.Samplers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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
 * The rows of the README's table "How OpenCensus spans look in Zipkin" that {@link
 * ZipkinExportTest} leaves out (message events, a remote parent, a status without description,
 * typed attributes as text), and its retry promise for a 429 answer.
 */
class ZipkinMappingTest {

  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final Tracer tracer = Tracing.getTracer();
  private FakeZipkin zipkin;
  private TracedBootstrap bootstrap;

  @BeforeEach
  void discardLeftoverSpans() throws Exception {
    ExportPipeline.deliverEnded(Duration.ofSeconds(10));
    zipkin = FakeZipkin.start();
  }

  @AfterEach
  void stop() {
    if (bootstrap != null) {
      bootstrap.close();
    }
    zipkin.close();
  }

  private void start(Duration retryBudget) {
    TracedSettings settings =
        TracedSettings.builder()
            .exporters(ExporterKind.ZIPKIN)
            .zipkinEndpoint(zipkin.endpoint())
            .zipkinServiceName("shop")
            .exportTimeout(Duration.ofSeconds(2))
            .retryBudget(retryBudget)
            .flushTimeout(Duration.ofSeconds(10))
            .build();
    bootstrap =
        TracedBootstrap.start(settings, new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  private Map<String, Span> arrivedByName() {
    return zipkin.spans().stream().collect(Collectors.toMap(Span::name, Function.identity()));
  }

  @Test
  void messageEventsRemoteParentsStatusCodesAndTypedAttributesAreMappedAsDocumented() {
    start(Duration.ofSeconds(1));
    SpanContext remote =
        SpanContext.create(
            TraceId.fromLowerBase16("4737461a3cd947b0eb9e72b748c0f41a"),
            SpanId.fromLowerBase16("b12839820a098a3b"),
            TraceOptions.builder().setIsSampled(true).build(),
            Tracestate.builder().build());
    io.opencensus.trace.Span handle =
        tracer.spanBuilderWithRemoteParent("handle", remote)
            .setSampler(Samplers.alwaysSample())
            .startSpan();
    try (Scope ignored = tracer.withSpan(handle)) {
      handle.addMessageEvent(
          MessageEvent.builder(MessageEvent.Type.SENT, 1).setUncompressedMessageSize(42).build());
      handle.addMessageEvent(
          MessageEvent.builder(MessageEvent.Type.RECEIVED, 2).setUncompressedMessageSize(7).build());
      io.opencensus.trace.Span local = tracer.spanBuilder("local").startSpan();
      local.putAttribute("len", AttributeValue.longAttributeValue(5));
      local.putAttribute("ratio", AttributeValue.doubleAttributeValue(0.25));
      local.putAttribute("use", AttributeValue.stringAttributeValue("repl"));
      local.setStatus(Status.UNKNOWN);
      local.end();
    } finally {
      handle.end();
    }

    bootstrap.close();

    Map<String, Span> byName = arrivedByName();
    assertThat(byName).containsOnlyKeys("handle", "local");
    Span server = byName.get("handle");
    // A span without kind whose parent is remote is SERVER.
    assertThat(server.kind()).isEqualTo(Span.Kind.SERVER);
    assertThat(server.traceId()).isEqualTo("4737461a3cd947b0eb9e72b748c0f41a");
    assertThat(server.parentId()).isEqualTo("b12839820a098a3b");
    assertThat(server.annotations())
        .extracting(Annotation::value)
        .containsExactly("SENT id=1 size=42", "RECEIVED id=2 size=7");
    assertThat(server.tags()).isEmpty();

    Span local = byName.get("local");
    // A local span has no kind.
    assertThat(local.kind()).isNull();
    assertThat(local.parentId()).isEqualTo(server.id());
    // Attributes become tags as text; a status without description names its code.
    assertThat(local.tags())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("len", "5", "ratio", "0.25", "use", "repl",
                "error", "UNKNOWN", "opencensus.status_code", "UNKNOWN"));
    assertThat(local.duration()).isPositive();
    assertThat(bootstrap.lossReport()).isNull();
  }

  @Test
  void tooManyRequestsIsRetriedUnlikeOtherRefusals() {
    zipkin.refuseWith(429);
    // A budget that outlasts a cold first request (the JDK HTTP client's first call on a loaded
    // machine can take a second): a budget spent by the first attempt allows no retry.
    start(Duration.ofSeconds(5));
    tracer.spanBuilder("repl").setSampler(Samplers.alwaysSample()).startSpan().end();

    bootstrap.close();

    // Retried within traced.export.retry-budget (a 400 is sent once: ZipkinExportTest).
    assertThat(zipkin.calls()).isGreaterThan(1);
    assertThat(bootstrap.lossReport())
        .isEqualTo("[traced] 1 spans were not delivered: 1 failed at Zipkin"
            + " (HTTP 429: failed on purpose)");
  }
}
