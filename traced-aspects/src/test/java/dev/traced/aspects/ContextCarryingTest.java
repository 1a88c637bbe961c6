package dev.traced.aspects;

import static dev.traced.testing.ExpectedSpan.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.traced.testing.SpanCapture;
import io.opencensus.common.Scope;
import io.opencensus.trace.BlankSpan;
import io.opencensus.trace.Span;
import io.opencensus.trace.Tracer;
import io.opencensus.trace.Tracing;
import io.opencensus.trace.export.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A span started on another thread is a child of the span current where the work was handed off. */
class ContextCarryingTest {

  @RegisterExtension static final SpanCapture spans = new SpanCapture();

  private final HandOffFixture fixture = new HandOffFixture();
  private final Tracer tracer = Tracing.getTracer();
  private final List<ExecutorService> pools = new ArrayList<>();

  @AfterEach
  void stopPools() throws InterruptedException {
    for (ExecutorService pool : pools) {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  private <T extends ExecutorService> T pool(T pool) {
    pools.add(pool);
    return pool;
  }

  @Test
  void taskSubmittedToAPoolIsAChildOfTheSubmittingSpan() throws Exception {
    ExecutorService pool = pool(Executors.newFixedThreadPool(2));
    assertThat(fixture.submit(pool)).isEqualTo(1);
    spans.assertTrees(span("submit").child(span("task")));
  }

  @Test
  void everyExecutorServiceHandOffCarriesTheSpan() throws Exception {
    ExecutorService pool = pool(Executors.newSingleThreadExecutor());
    fixture.submitRunnable(pool);
    assertThat(fixture.invokeAll(pool)).isEqualTo(6);
    spans.assertTrees(
        span("submitRunnable").child(span("task"), span("task")),
        span("invokeAll").child(span("task").attribute("n", 1), span("task").attribute("n", 2), span("task").attribute("n", 3)));
  }

  @Test
  void scheduledTasksCarryTheSpan() throws Exception {
    ScheduledExecutorService pool = pool(Executors.newSingleThreadScheduledExecutor());
    assertThat(fixture.schedule(pool)).isEqualTo(2);
    spans.assertTrees(span("schedule").child(span("task"), span("task").attribute("n", 2)));
  }

  @Test
  void completableFutureAsyncChainsCarryTheSpanAtEveryStep() {
    ExecutorService pool = pool(Executors.newFixedThreadPool(2));
    assertThat(fixture.chain(pool)).isEqualTo(10);
    assertThat(fixture.chainOnCommonPool()).isEqualTo(2);
    spans.assertTrees(
        span("chain").child(span("task").attribute("n", 1), span("task").attribute("n", 2), span("task").attribute("n", 3), span("task").attribute("n", 4)),
        span("chainOnCommonPool").child(span("task").attribute("n", 1), span("task").attribute("n", 2)));
  }

  @Test
  void consumerAndBiFunctionStagesCarryTheSpan() {
    ExecutorService pool = pool(Executors.newFixedThreadPool(2));
    assertThat(fixture.moreStages(pool)).isEqualTo(21);
    spans.assertTrees(
        span("moreStages")
            .child(
                span("task").attribute("n", 1), span("task").attribute("n", 2),
                span("task").attribute("n", 3), span("task").attribute("n", 4),
                span("task").attribute("n", 5), span("task").attribute("n", 6)));
  }

  @Test
  void everyCarriedStageLeavesItsPoolThreadAsItFoundIt() throws Exception {
    ExecutorService pool = pool(Executors.newSingleThreadExecutor());
    fixture.chain(pool);
    fixture.moreStages(pool);
    fixture.submit(pool);
    fixture.invokeAll(pool);
    // Submitted with no span current, so handed over as it is: it sees the pool thread's own
    // context, which every carried task must have restored.
    assertThat(pool.submit(() -> tracer.getCurrentSpan().getContext().isValid()).get()).isFalse();
  }

  @Test
  void newThreadsCarryTheSpan() throws Exception {
    fixture.newThread();
    spans.assertTrees(span("newThread").child(span("task").attribute("n", 1), span("task").attribute("n", 2)));
  }

  @Test
  void handOffInAnInterfaceDefaultMethodCarriesTheSpan() throws Exception {
    ExecutorService pool = pool(Executors.newSingleThreadExecutor());
    assertThat(new HandOffFixture.Dispatcher() {}.dispatch(pool, fixture)).isEqualTo(1);
    spans.assertTrees(span("dispatch").child(span("task")));
  }

  @Test
  void virtualThreadsCarryTheSpan() throws Exception {
    assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21");
    ExecutorService virtual =
        pool((ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null));
    assertThat(fixture.submit(virtual)).isEqualTo(1);
    spans.assertTrees(span("submit").child(span("task")));
  }

  @Test
  void withoutACurrentSpanTheTaskIsHandedOffUnchanged() {
    List<Runnable> received = new CopyOnWriteArrayList<>();
    Runnable task = () -> {};
    fixture.execute(received::add, task);
    // Outside any span: the call site below is woven too, and passes the task as it is.
    received.clear();
    java.util.concurrent.Executor recording = received::add;
    recording.execute(task);
    assertThat(received).containsExactly(task);
  }

  @Test
  void anAlreadyCarriedTaskIsNotWrappedAgain() {
    List<Runnable> received = new CopyOnWriteArrayList<>();
    java.util.concurrent.Executor recording = received::add;
    Span outer = tracer.spanBuilder("outer").startSpan();
    try (Scope ignored = tracer.withSpan(outer)) {
      recording.execute(() -> fixture.task());
      Runnable carried = received.get(0);
      recording.execute(carried);
      assertThat(received.get(1)).isSameAs(carried);
    } finally {
      outer.end();
    }
    // Runs later, on this thread with no span current: the task still joins "outer".
    received.get(1).run();
    assertThat(tracer.getCurrentSpan()).isSameAs(BlankSpan.INSTANCE);
    spans.assertTrees(span("outer").child(span("task")));
  }

  @Test
  void aTaskWrappedInTheRootContextStartsItsOwnTrace() throws Exception {
    ExecutorService pool = pool(Executors.newSingleThreadExecutor());
    Span outer = tracer.spanBuilder("outer").startSpan();
    try (Scope ignored = tracer.withSpan(outer)) {
      pool.submit(io.grpc.Context.ROOT.wrap((Runnable) fixture::task)).get();
    } finally {
      outer.end();
    }
    spans.assertTrees(span("task"), span("outer"));
  }

  @Test
  void poolThreadsStartedInsideASpanDoNotKeepIt() throws Exception {
    // The pool starts its thread lazily, from the first submit, inside the span: the factory's
    // new Thread(worker) must not carry that span into every later task of the thread.
    ExecutorService pool = pool(Executors.newFixedThreadPool(1, worker -> new Thread(worker)));
    fixture.submit(pool);
    Span onPoolThread = pool.submit(() -> tracer.getCurrentSpan()).get();
    assertThat(onPoolThread).isSameAs(BlankSpan.INSTANCE);
    spans.assertTrees(span("submit").child(span("task")));
  }

  @Test
  void parallelStreamsCarryTheSpanOnlyOnTheCallingThread() {
    int size = 2_000;
    assertThat(fixture.parallel(size)).isBetween(0, size);
    List<SpanData> finished = spans.finished();
    SpanData parallel =
        finished.stream().filter(s -> s.getName().equals("parallel")).findFirst().orElseThrow();
    int onCaller = 0;
    int onWorkers = 0;
    for (SpanData task : finished) {
      if (task == parallel) {
        continue;
      }
      boolean callerThread =
          task.getAttributes().getAttributeMap().get("n").equals(
              io.opencensus.trace.AttributeValue.longAttributeValue(1));
      if (callerThread) {
        onCaller++;
        assertThat(task.getParentSpanId()).isEqualTo(parallel.getContext().getSpanId());
      } else {
        onWorkers++;
        assertThat(task.getParentSpanId()).as("a ForkJoin worker's span starts its own trace").isNull();
      }
    }
    assertThat(onCaller + onWorkers).isEqualTo(size);
    assertThat(onCaller).as("the calling thread takes part in a parallel stream").isPositive();
  }

  /**
   * 8 threads x 1,000 hand-offs through one fixed pool: every task's span is a child of exactly
   * the span that handed it off, and a pool thread has no span current between tasks.
   */
  @Test
  void manyConcurrentHandOffsKeepExactParentsAndLeakNothing() throws Exception {
    int threads = 8;
    int handOffs = 1_000;
    int perRound = 100;
    AtomicInteger leaks = new AtomicInteger();
    ExecutorService pool =
        pool(
            new ThreadPoolExecutor(4, 4, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
              @Override
              protected void beforeExecute(Thread thread, Runnable task) {
                if (tracer.getCurrentSpan() != BlankSpan.INSTANCE) {
                  leaks.incrementAndGet();
                }
              }

              @Override
              protected void afterExecute(Runnable task, Throwable failure) {
                if (tracer.getCurrentSpan() != BlankSpan.INSTANCE) {
                  leaks.incrementAndGet();
                }
              }
            });
    ExecutorService callers = pool(Executors.newFixedThreadPool(threads));
    List<SpanData> collected = new CopyOnWriteArrayList<>();
    java.util.concurrent.CyclicBarrier roundEnd =
        new java.util.concurrent.CyclicBarrier(
            threads,
            () -> {
              collected.addAll(spans.finished());
              spans.clear();
            });
    List<java.util.concurrent.Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(
          callers.submit(
              () -> {
                for (int i = 0; i < handOffs; i++) {
                  fixture.handOff(pool, thread * handOffs + i);
                  if ((i + 1) % perRound == 0) {
                    roundEnd.await(60, TimeUnit.SECONDS);
                  }
                }
                return null;
              }));
    }
    for (java.util.concurrent.Future<?> caller : done) {
      caller.get(5, TimeUnit.MINUTES);
    }
    assertThat(leaks.get()).as("tasks that found or left a span current on a pool thread").isZero();
    assertThat(collected).hasSize(threads * handOffs * 2);
    java.util.Map<Long, SpanData> handOffByN = new java.util.HashMap<>();
    for (SpanData span : collected) {
      if (span.getName().equals("handOff")) {
        assertThat(span.getParentSpanId()).isNull();
        assertThat(handOffByN.put(n(span), span)).isNull();
      }
    }
    assertThat(handOffByN).hasSize(threads * handOffs);
    for (SpanData span : collected) {
      if (span.getName().equals("task")) {
        SpanData parent = handOffByN.get(n(span));
        assertThat(span.getParentSpanId()).isEqualTo(parent.getContext().getSpanId());
        assertThat(span.getContext().getTraceId()).isEqualTo(parent.getContext().getTraceId());
      }
    }
  }

  private static long n(SpanData span) {
    return span.getAttributes()
        .getAttributeMap()
        .get("n")
        .match(s -> -1L, b -> -1L, l -> l, d -> -1L, o -> -1L);
  }
}
