package dev.traced.benchmarks;

import dev.traced.annotations.Traced;
import io.grpc.Context;
import io.opencensus.common.Scope;
import io.opencensus.trace.Span;
import io.opencensus.trace.Tracer;
import io.opencensus.trace.Tracing;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** The async and hand-off code under test: hand-written OpenCensus and woven, side by side. */
final class AsyncTargets {

  private AsyncTargets() {}

  private static final Tracer TRACER = Tracing.getTracer();

  /** An async method traced by hand: the span ends in a {@code whenComplete} action. */
  static final class HandWritten {
    CompletableFuture<String> work(String text) {
      Span span = TRACER.spanBuilder("HandWritten.workAsync").startSpan();
      try (Scope ignored = TRACER.withSpan(span)) {
        CompletableFuture<String> result = CompletableFuture.completedFuture(Body.work(text));
        result.whenComplete((value, failure) -> span.end());
        return result;
      }
    }
  }

  /** The same async method, woven: its span ends when the returned stage completes. */
  static final class Woven {
    @Traced
    CompletableFuture<String> work(String text) {
      return CompletableFuture.completedFuture(Body.work(text));
    }

    /** Setup check that weaving happened: the span current inside. */
    @Traced
    CompletableFuture<Span> probe() {
      return CompletableFuture.completedFuture(TRACER.getCurrentSpan());
    }
  }

  /**
   * Runs tasks on the calling thread: a real pool's thread switch costs microseconds and would
   * bury the wrapping. Code inside an {@code Executor} is not woven by ContextCarrying, so
   * {@link #plain} and {@link #wrappedByHand} hand off without the aspect.
   */
  static final class DirectExecutor implements Executor {

    @Override
    public void execute(Runnable task) {
      task.run();
    }

    /** A hand-off with no context carrying: {@code task} runs as given. */
    void plain(Runnable task) {
      execute(task);
    }

    /** OpenCensus' (gRPC's) context wrapped by hand: {@code Context.current().wrap(task)}. */
    void wrappedByHand(Runnable task) {
      execute(Context.current().wrap(task));
    }
  }

  /** A woven call site: ContextCarrying wraps the task in the span current at the hand-off. */
  static final class Carrying {
    void handOff(Executor executor, Runnable task) {
      executor.execute(task);
    }
  }
}
