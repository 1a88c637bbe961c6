package dev.traced.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** The body with no tracing: the floor under every other row. */
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
@State(Scope.Benchmark)
public class PlainBenchmark {

  private final Targets.Plain target = new Targets.Plain();

  @Benchmark
  public void plain(Body.Input in, Blackhole bh) {
    bh.consume(target.work(in.text));
  }
}
