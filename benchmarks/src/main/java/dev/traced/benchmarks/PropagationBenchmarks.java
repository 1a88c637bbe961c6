package dev.traced.benchmarks;

import dev.traced.propagation.HeaderReader;
import dev.traced.propagation.TracedHeaders;
import io.opencensus.common.Scope;
import io.opencensus.trace.Span;
import io.opencensus.trace.SpanContext;
import io.opencensus.trace.Tracer;
import io.opencensus.trace.Tracing;
import io.opencensus.trace.propagation.SpanContextParseException;
import io.opencensus.trace.propagation.TextFormat;
import io.opencensus.trace.samplers.Samplers;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code TracedHeaders} against OpenCensus' W3C {@code TextFormat} called by hand, the default
 * format (no {@code traced.propagation}): inject the current span's context into a header map, and
 * extract it from one, as a {@code @RemoteParent} parameter does ({@code HeaderReader.of(map)}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {
      JvmArgs.HTTP_PROXY_HOST, JvmArgs.HTTP_PROXY_PORT,
      JvmArgs.HTTPS_PROXY_HOST, JvmArgs.HTTPS_PROXY_PORT
    })
@State(org.openjdk.jmh.annotations.Scope.Thread)
public class PropagationBenchmarks {

  private static final TextFormat.Setter<Map<String, String>> SETTER =
      new TextFormat.Setter<Map<String, String>>() {
        @Override
        public void put(Map<String, String> carrier, String key, String value) {
          carrier.put(key, value);
        }
      };

  private static final TextFormat.Getter<Map<String, String>> GETTER =
      new TextFormat.Getter<Map<String, String>>() {
        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier.get(key);
        }
      };

  private static final Consumer<String> IGNORE = header -> {};

  private final Tracer tracer = Tracing.getTracer();
  private final TextFormat w3c = Tracing.getPropagationComponent().getTraceContextFormat();
  private final Map<String, String> outgoing = new HashMap<>();
  private final Map<String, String> incoming = new HashMap<>();
  private Span span;
  private Scope scope;

  /** A sampled span is current on the benchmark thread; {@code incoming} carries its context. */
  @Setup(Level.Trial)
  public void setUp() {
    span = tracer.spanBuilder("call").setSampler(Samplers.alwaysSample()).startSpan();
    scope = tracer.withSpan(span);
    TracedHeaders.inject(incoming);
    if (!incoming.containsKey("traceparent")) {
      throw new IllegalStateException("no traceparent injected: " + incoming);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    scope.close();
    span.end();
  }

  @Benchmark
  public Map<String, String> injectTraced() {
    return TracedHeaders.inject(outgoing);
  }

  @Benchmark
  public Map<String, String> injectByHand() {
    w3c.inject(tracer.getCurrentSpan().getContext(), outgoing, SETTER);
    return outgoing;
  }

  @Benchmark
  public SpanContext extractTraced() {
    return TracedHeaders.extract(HeaderReader.of(incoming), IGNORE);
  }

  @Benchmark
  public SpanContext extractByHand() throws SpanContextParseException {
    return w3c.extract(incoming, GETTER);
  }
}
