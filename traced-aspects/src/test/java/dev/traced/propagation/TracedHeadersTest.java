package dev.traced.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.testing.SpanCapture;
import io.opencensus.common.Scope;
import io.opencensus.trace.Span;
import io.opencensus.trace.SpanContext;
import io.opencensus.trace.Tracer;
import io.opencensus.trace.Tracing;
import io.opencensus.trace.samplers.Samplers;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Inject, then extract, in every format: same trace id, span id and sampled flag. The test JVM
 * runs with traced.propagation=tracecontext,cloudtrace,b3 (see the pom).
 */
class TracedHeadersTest {

  @RegisterExtension static final SpanCapture spans = new SpanCapture();

  private final Tracer tracer = Tracing.getTracer();

  @ParameterizedTest(name = "{0}, sampled={1}")
  @CsvSource({
    "TRACECONTEXT, true", "TRACECONTEXT, false",
    "CLOUDTRACE, true", "CLOUDTRACE, false",
    "B3, true", "B3, false"
  })
  void eachFormatRoundTripsTraceIdSpanIdAndSampledFlag(PropagationFormat format, boolean sampled) {
    Span span = tracer.spanBuilderWithExplicitParent("call", null)
        .setSampler(sampled ? Samplers.alwaysSample() : Samplers.neverSample())
        .startSpan();
    Map<String, String> headers;
    try (Scope ignored = tracer.withSpan(span)) {
      headers = TracedHeaders.inject(new HashMap<>());
    } finally {
      span.end();
    }
    Map<String, String> onlyThisFormat = new HashMap<>(headers);
    onlyThisFormat.keySet().retainAll(format.textFormat().fields());

    List<String> invalid = new ArrayList<>();
    SpanContext extracted = TracedHeaders.extract(HeaderReader.of(onlyThisFormat), invalid::add);

    assertThat(invalid).isEmpty();
    assertThat(extracted.getTraceId()).isEqualTo(span.getContext().getTraceId());
    assertThat(extracted.getSpanId()).isEqualTo(span.getContext().getSpanId());
    assertThat(extracted.getTraceOptions().isSampled()).isEqualTo(sampled);
  }

  @Test
  void everyConfiguredFormatIsInjectedIntoEachKindOfCarrier() {
    Span span = tracer.spanBuilder("call").startSpan();
    Map<String, String> map;
    Map<String, String> consumed = new LinkedHashMap<>();
    HttpRequest request;
    try (Scope ignored = tracer.withSpan(span)) {
      map = TracedHeaders.inject(new HashMap<>());
      TracedHeaders.inject(consumed::put);
      request = TracedHeaders.inject(HttpRequest.newBuilder(URI.create("http://127.0.0.1:9/"))).build();
    } finally {
      span.end();
    }

    assertThat(map).containsKeys("traceparent", "X-Cloud-Trace-Context", "X-B3-TraceId",
        "X-B3-SpanId", "X-B3-Sampled");
    assertThat(map.get("traceparent"))
        .isEqualTo("00-" + span.getContext().getTraceId().toLowerBase16() + "-"
            + span.getContext().getSpanId().toLowerBase16() + "-01");
    assertThat(consumed).isEqualTo(map);
    for (Map.Entry<String, String> header : map.entrySet()) {
      assertThat(request.headers().allValues(header.getKey())).containsExactly(header.getValue());
    }
  }

  @Test
  void withoutACurrentSpanNothingIsInjected() {
    assertThat(TracedHeaders.inject(new HashMap<>())).isEmpty();
  }

  @Test
  void theFirstConfiguredFormatWinsWhenTwoDisagree() {
    Map<String, String> headers = new HashMap<>();
    headers.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    headers.put("X-Cloud-Trace-Context", "105445aa7843bc8bf206b12000100000/1;o=1");

    SpanContext extracted = TracedHeaders.extract(HeaderReader.of(headers), name -> {});

    assertThat(extracted.getTraceId().toLowerBase16()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
  }

  @Test
  void aMalformedFirstFormatFallsBackToTheNextAndIsReported() {
    Map<String, String> headers = new HashMap<>();
    headers.put("traceparent", "00-zz");
    headers.put("X-Cloud-Trace-Context", "105445aa7843bc8bf206b12000100000/1;o=1");
    List<String> invalid = new ArrayList<>();

    SpanContext extracted = TracedHeaders.extract(HeaderReader.of(headers), invalid::add);

    assertThat(extracted.getTraceId().toLowerBase16()).isEqualTo("105445aa7843bc8bf206b12000100000");
    assertThat(invalid).containsExactly("traceparent");
  }
}
