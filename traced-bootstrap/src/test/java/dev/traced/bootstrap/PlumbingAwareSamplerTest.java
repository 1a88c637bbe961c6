package dev.traced.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.opencensus.trace.SpanContext;
import io.opencensus.trace.SpanId;
import io.opencensus.trace.TraceId;
import io.opencensus.trace.TraceOptions;
import io.opencensus.trace.Tracestate;
import io.opencensus.trace.samplers.Samplers;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The exporter's own HTTP plumbing is not traced; the application's HTTP calls are. */
class PlumbingAwareSamplerTest {

  private final PlumbingAwareSampler sampler = new PlumbingAwareSampler(Samplers.alwaysSample());
  private final Random random = new Random(1);
  private final TraceId traceId = TraceId.generateRandomId(random);
  private final SpanId spanId = SpanId.generateRandomId(random);
  private final SpanContext parent =
      SpanContext.create(traceId, SpanId.generateRandomId(random), TraceOptions.DEFAULT,
          Tracestate.builder().build());

  private boolean sampled(SpanContext parentContext, String name) {
    return sampler.shouldSample(parentContext, false, traceId, spanId, name, List.of());
  }

  @Test
  void rootSpansOfGoogleHttpClientAreNotSampled() {
    String name = "Sent.com.google.api.client.http.HttpRequest.execute";
    assertThat(sampled(null, name)).isFalse();
    assertThat(sampled(SpanContext.INVALID, name)).isFalse();
  }

  @Test
  void googleHttpClientSpansInsideApplicationSpansAreSampled() {
    assertThat(sampled(parent, "Sent.com.google.api.client.http.HttpRequest.execute")).isTrue();
  }

  @Test
  void everythingElseFollowsTheConfiguredSampler() {
    assertThat(sampled(null, "repl")).isTrue();
    assertThat(new PlumbingAwareSampler(Samplers.neverSample())
            .shouldSample(null, false, traceId, spanId, "repl", List.of()))
        .isFalse();
  }
}
