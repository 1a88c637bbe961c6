package dev.traced.benchmarks;

import io.opencensus.trace.Span;
import io.opencensus.trace.Tracing;
import io.opencensus.trace.config.TraceConfig;
import io.opencensus.trace.samplers.Samplers;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * Everything that runs on OpenCensus, sampled and not: the hand-written quickstart code, our woven
 * {@code @Traced} and OpenCensus' own Spring AOP {@code @Traced}. One fork per benchmark and
 * sampling; the sampled rows need about 10 warmup iterations to settle on 2 cores.
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
public class OpenCensusBenchmarks {

  /** Sets OpenCensus' global sampler: always (sampled) or never (unsampled). */
  @State(Scope.Benchmark)
  public static class Sampling {
    @Param({"sampled", "unsampled"})
    public String sampling;

    @Setup(Level.Trial)
    public void applySampler() {
      TraceConfig config = Tracing.getTraceConfig();
      config.updateActiveTraceParams(
          config.getActiveTraceParams().toBuilder()
              .setSampler(sampled() ? Samplers.alwaysSample() : Samplers.neverSample())
              .build());
    }

    boolean sampled() {
      return "sampled".equals(sampling);
    }

    /** Fails the benchmark unless {@code span} is a real span of the expected sampling. */
    void check(Span span, String what) {
      if (!span.getContext().isValid()) {
        throw new IllegalStateException(what + " made no span: nothing to measure");
      }
      if (span.getContext().getTraceOptions().isSampled() != sampled()) {
        throw new IllegalStateException(what + " span has the wrong sampling for " + sampling);
      }
    }
  }

  @State(Scope.Benchmark)
  public static class HandWrittenState {
    final Targets.HandWritten target = new Targets.HandWritten();
  }

  @State(Scope.Benchmark)
  public static class WovenState {
    final Targets.Woven target = new Targets.Woven();

    @Setup(Level.Trial)
    public void checkWoven(Sampling sampling) {
      sampling.check(target.probe(), "woven @Traced (is the module woven?)");
    }
  }

  @State(Scope.Benchmark)
  public static class SpringState {
    AnnotationConfigApplicationContext context;
    SpringTarget target;

    @Setup(Level.Trial)
    public void startContext(Sampling sampling) {
      context = new AnnotationConfigApplicationContext(SpringTarget.Config.class);
      target = context.getBean(SpringTarget.class);
      sampling.check(target.probe(), "Spring AOP @Traced (is the bean proxied?)");
    }

    @TearDown(Level.Trial)
    public void closeContext() {
      context.close();
    }
  }

  @Benchmark
  public void handWritten(Sampling sampling, HandWrittenState state, Body.Input in, Blackhole bh) {
    bh.consume(state.target.work(in.text));
  }

  @Benchmark
  public void handWrittenLocalStore(
      Sampling sampling, HandWrittenState state, Body.Input in, Blackhole bh) {
    bh.consume(state.target.workLocalStore(in.text));
  }

  @Benchmark
  public void handWrittenAnnotated(
      Sampling sampling, HandWrittenState state, Body.Input in, Blackhole bh) {
    bh.consume(state.target.workAnnotated(in.text));
  }

  @Benchmark
  public void woven(Sampling sampling, WovenState state, Body.Input in, Blackhole bh) {
    bh.consume(state.target.work(in.text));
  }

  @Benchmark
  public void wovenNamed(Sampling sampling, WovenState state, Body.Input in, Blackhole bh) {
    bh.consume(state.target.workNamed(in.text));
  }

  @Benchmark
  public void wovenAnnotated(Sampling sampling, WovenState state, Body.Input in, Blackhole bh) {
    bh.consume(state.target.workAnnotated(in.text, in.text.length()));
  }

  @Benchmark
  public void springAop(Sampling sampling, SpringState state, Body.Input in, Blackhole bh) {
    bh.consume(state.target.work(in.text));
  }
}
