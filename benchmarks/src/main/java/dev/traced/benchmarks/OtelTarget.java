package dev.traced.benchmarks;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;

/** Peer: OpenTelemetry's {@code @WithSpan}, instrumented by the OpenTelemetry java agent. */
public class OtelTarget {

  @WithSpan
  public String work(String text) {
    return Body.work(text);
  }

  /** Setup check that the agent is attached: inside, a sampled span is current. */
  @WithSpan
  public boolean probeSampled() {
    return Span.current().getSpanContext().isSampled();
  }
}
