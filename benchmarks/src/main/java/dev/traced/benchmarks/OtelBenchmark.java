package dev.traced.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Peer: OpenTelemetry's {@code @WithSpan} through the OpenTelemetry java agent, which only this
 * benchmark's fork gets. Exporters off, sampler always on: every span is sampled and recorded, as in
 * the sampled OpenCensus rows.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {
      JvmArgs.HTTP_PROXY_HOST, JvmArgs.HTTP_PROXY_PORT,
      JvmArgs.HTTPS_PROXY_HOST, JvmArgs.HTTPS_PROXY_PORT,
      JvmArgs.OTEL_AGENT,
      "-Dotel.traces.exporter=none",
      "-Dotel.metrics.exporter=none",
      "-Dotel.logs.exporter=none",
      "-Dotel.traces.sampler=always_on"
    })
@State(Scope.Benchmark)
public class OtelBenchmark {

  private final OtelTarget target = new OtelTarget();

  @Setup(Level.Trial)
  public void checkAgent() {
    if (!target.probeSampled()) {
      throw new IllegalStateException(
          "@WithSpan made no sampled span: is the OpenTelemetry agent attached? " + JvmArgs.OTEL_AGENT);
    }
  }

  @Benchmark
  public void withSpan(Body.Input in, Blackhole bh) {
    bh.consume(target.work(in.text));
  }
}
