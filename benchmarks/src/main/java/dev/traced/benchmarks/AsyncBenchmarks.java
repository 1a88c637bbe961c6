package dev.traced.benchmarks;

import io.opencensus.trace.Span;
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
 * An async {@code @Traced} method returning an already completed future, against the same method
 * traced by hand (the span ended in {@code whenComplete}); sampled and not, as
 * {@link OpenCensusBenchmarks}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {
      JvmArgs.HTTP_PROXY_HOST, JvmArgs.HTTP_PROXY_PORT,
      JvmArgs.HTTPS_PROXY_HOST, JvmArgs.HTTPS_PROXY_PORT
    })
public class AsyncBenchmarks {

  @State(Scope.Benchmark)
  public static class HandWrittenState {
    final AsyncTargets.HandWritten target = new AsyncTargets.HandWritten();
  }

  @State(Scope.Benchmark)
  public static class WovenState {
    final AsyncTargets.Woven target = new AsyncTargets.Woven();

    @Setup(Level.Trial)
    public void checkWoven(OpenCensusBenchmarks.Sampling sampling) {
      Span inside = target.probe().join();
      sampling.check(inside, "woven async @Traced (is the module woven?)");
    }
  }

  @Benchmark
  public void asyncHandWritten(
      OpenCensusBenchmarks.Sampling sampling, HandWrittenState state, Body.Input in, Blackhole bh) {
    bh.consume(state.target.work(in.text));
  }

  @Benchmark
  public void asyncWoven(
      OpenCensusBenchmarks.Sampling sampling, WovenState state, Body.Input in, Blackhole bh) {
    bh.consume(state.target.work(in.text));
  }
}
