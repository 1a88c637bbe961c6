package dev.traced.benchmarks;

import io.opencensus.common.Scope;
import io.opencensus.trace.Span;
import io.opencensus.trace.Tracer;
import io.opencensus.trace.Tracing;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * A task handed to an executor while a span is current: not carried, carried by the woven
 * ContextCarrying aspect, and carried by hand with {@code Context.current().wrap(task)}. The
 * executor runs the task on the calling thread ({@link AsyncTargets.DirectExecutor}), so the rows
 * differ only by the carrying: capturing the context, the wrapper, attaching and detaching it.
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
public class HandOffBenchmarks {

  private static final Tracer TRACER = Tracing.getTracer();

  /** A span current on the benchmark thread for the whole trial, and the task to hand off. */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class InSpan {
    final AsyncTargets.DirectExecutor executor = new AsyncTargets.DirectExecutor();
    final AsyncTargets.Carrying carrying = new AsyncTargets.Carrying();
    Blackhole blackhole;
    Runnable task;
    private Span parent;
    private Scope scope;

    @Setup(Level.Trial)
    public void enter(Blackhole bh, Body.Input in) {
      blackhole = bh;
      task = () -> blackhole.consume(Body.work(in.text));
      parent = TRACER.spanBuilder("parent").startSpan();
      scope = TRACER.withSpan(parent);
      // Setup check that the call site is woven: the executor receives a wrapper, not the task.
      Runnable[] received = new Runnable[1];
      carrying.handOff(given -> received[0] = given, task);
      if (received[0] == task) {
        throw new IllegalStateException("hand-off not carried: is the module woven?");
      }
    }

    @TearDown(Level.Trial)
    public void exit() {
      scope.close();
      parent.end();
    }
  }

  @Benchmark
  public void handOffPlain(InSpan state) {
    state.executor.plain(state.task);
  }

  @Benchmark
  public void handOffCarried(InSpan state) {
    state.carrying.handOff(state.executor, state.task);
  }

  @Benchmark
  public void handOffWrappedByHand(InSpan state) {
    state.executor.wrappedByHand(state.task);
  }
}
