package dev.traced.aspects;

import io.opencensus.common.Scope;
import io.opencensus.trace.BlankSpan;
import io.opencensus.trace.Span;
import io.opencensus.trace.Tracer;
import io.opencensus.trace.Tracing;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Prints whether a task handed to a pool inside a span sees that span, and whether the executor
 * received the task as it was given; run by {@link ContextCarryingSwitchTest} with and without
 * {@code -Dtraced.context.propagation=false}. Woven by this module's ajc test-compile.
 */
public final class ContextCarryingSwitchMain {

  private ContextCarryingSwitchMain() {}

  public static void main(String[] args) throws Exception {
    Tracer tracer = Tracing.getTracer();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    List<Runnable> received = new ArrayList<>();
    java.util.concurrent.Executor recording = received::add;
    Runnable task = () -> {};
    Span span = tracer.spanBuilder("handing").startSpan();
    try (Scope ignored = tracer.withSpan(span)) {
      Span seen = pool.submit(tracer::getCurrentSpan).get();
      System.out.println("carried: " + (seen == span));
      System.out.println("blank on the pool: " + (seen == BlankSpan.INSTANCE));
      recording.execute(task);
      System.out.println("task unchanged: " + (received.get(0) == task));
    } finally {
      span.end();
      pool.shutdown();
    }
  }
}
