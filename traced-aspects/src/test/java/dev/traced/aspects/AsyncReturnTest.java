package dev.traced.aspects;

import static dev.traced.testing.ExpectedSpan.attrs;
import static dev.traced.testing.ExpectedSpan.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.traced.testing.SpanCapture;
import io.opencensus.common.Timestamp;
import io.opencensus.trace.BlankSpan;
import io.opencensus.trace.Span;
import io.opencensus.trace.Status;
import io.opencensus.trace.Tracing;
import io.opencensus.trace.export.SpanData;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A @Traced method returning a stage ends its span when the stage completes. */
class AsyncReturnTest {

  @RegisterExtension static final SpanCapture spans = new SpanCapture();

  private final AsyncFixture fixture = new AsyncFixture();

  @Test
  void spanEndsWhenTheStageCompletesLaterOnAnotherThread() throws Exception {
    CompletableFuture<String> stage = new CompletableFuture<>();
    CompletableFuture<String> returned = fixture.async(stage);
    assertThat(returned).as("the caller gets the very stage").isSameAs(stage);
    assertThat(Tracing.getTracer().getCurrentSpan()).isSameAs(BlankSpan.INSTANCE);
    assertThat(spans.finished()).as("spans ended before the stage completed").isEmpty();

    Timestamp beforeCompletion = Tracing.getClock().now();
    Thread completer = new Thread(() -> stage.complete("done"));
    completer.start();
    completer.join();

    assertThat(returned.join()).isEqualTo("done");
    spans.assertTrees(span("async"));
    SpanData async = spans.finished().get(0);
    assertThat(async.getEndTimestamp()).isGreaterThanOrEqualTo(beforeCompletion);
  }

  @Test
  void interfaceTypedStagesAreFollowedToo() {
    CompletableFuture<String> stage = new CompletableFuture<>();
    CompletionStage<String> returned = fixture.stage(stage);
    assertThat(returned).isSameAs(stage);
    assertThat(spans.finished()).isEmpty();
    stage.complete("done");
    spans.assertTrees(span("stage"));
  }

  @Test
  void exceptionalCompletionMarksTheSpanWithTheSameException() {
    CompletableFuture<String> stage = new CompletableFuture<>();
    CompletableFuture<String> returned = fixture.async(stage);
    IOException failure = new IOException("disk full");
    stage.completeExceptionally(failure);
    assertThatThrownBy(returned::join).hasCause(failure);
    spans.assertTrees(failed("async", "java.io.IOException", "disk full"));
  }

  @Test
  void completionExceptionIsUnwrapped() {
    CompletableFuture<String> stage = new CompletableFuture<>();
    CompletableFuture<String> returned = fixture.failsDownstream(stage);
    stage.complete("value");
    assertThatThrownBy(returned::join)
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(IllegalArgumentException.class);
    spans.assertTrees(
        failed("failsDownstream", "java.lang.IllegalArgumentException", "bad value"));
  }

  @Test
  void cancellationPassesThroughAndMarksTheSpanCancelled() {
    CompletableFuture<String> stage = new CompletableFuture<>();
    CompletableFuture<String> returned = fixture.async(stage);
    assertThat(returned.cancel(true)).isTrue();
    assertThat(stage.isCancelled()).isTrue();
    spans.assertTrees(
        span("async")
            .annotation(
                "java.util.concurrent.CancellationException",
                attrs(SpanLifecycle.EXCEPTION_TYPE, "java.util.concurrent.CancellationException"))
            .status(Status.CanonicalCode.CANCELLED, null));
  }

  @Test
  void alreadyCompletedStageEndsTheSpanBeforeTheCallReturns() {
    CompletableFuture<String> done = CompletableFuture.completedFuture("done");
    assertThat(fixture.async(done)).isSameAs(done);
    assertThat(Tracing.getTracer().getCurrentSpan()).isSameAs(BlankSpan.INSTANCE);
    spans.assertTrees(span("async"));
  }

  @Test
  void nullStageEndsTheSpanAtOnce() {
    assertThat(fixture.returnsNull()).isNull();
    spans.assertTrees(span("returnsNull"));
  }

  @Test
  void throwingBeforeReturningAStageBehavesAsForAnyMethod() {
    assertThatThrownBy(fixture::throwsFirst)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no stage");
    spans.assertTrees(failed("throwsFirst", "java.lang.IllegalStateException", "no stage"));
  }

  @Test
  void attributesAndAnnotationOfAnAsyncMethodAreRecorded() {
    CompletableFuture<String> stage = new CompletableFuture<>();
    fixture.withAttr("42", stage);
    stage.complete("done");
    spans.assertTrees(span("withAttr").annotation("asked", attrs("id", "42")));
  }

  @Test
  void asyncInterfaceDefaultMethodsAreWovenAndLoad() {
    AsyncFixture.Lookup lookup = new AsyncFixture.Lookup() {};
    CompletableFuture<String> one = new CompletableFuture<>();
    CompletableFuture<String> all = new CompletableFuture<>();
    assertThat(lookup.lookUp("7", one)).isSameAs(one);
    assertThat(lookup.lookUpAll(all)).isSameAs(all);
    all.complete("all");
    one.complete("one");
    spans.assertTrees(span("lookUpAll"), span("lookUp").attribute("id", "7"));
  }

  @Test
  void nestedAsyncCallsAreChildrenAndTheOuterSpanFollowsTheComposedStage() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      assertThat(fixture.outer(pool).get(10, TimeUnit.SECONDS)).isEqualTo("ab");
    } finally {
      pool.shutdownNow();
    }
    // A stage runs its dependents last-registered first: the composed (outer) stage can complete,
    // and get() return, just before the first inner span's completion action has run.
    awaitEnded(3);
    spans.assertTrees(span("outer").child(span("inner"), span("inner")));
    // The outer stage completes only after the second inner call made its stage: a span ended at
    // outer's return would end before that call started.
    List<SpanData> ended = spans.finished();
    SpanData outer = named(ended, "outer").get(0);
    Timestamp secondInnerStart =
        named(ended, "inner").stream()
            .map(SpanData::getStartTimestamp)
            .max(Timestamp::compareTo)
            .orElseThrow();
    assertThat(outer.getEndTimestamp()).isGreaterThanOrEqualTo(secondInnerStart);
  }

  @Test
  void neverCompletedStageHoldsItsSpanOnlyAsLongAsTheStageLives() throws Exception {
    List<WeakReference<Span>> seen = new ArrayList<>();
    CompletableFuture<String> stage = fixture.neverCompletes(seen::add);
    WeakReference<Span> span = seen.get(0);
    collectGarbage(span);
    assertThat(span.get()).as("the span, while its stage is reachable").isNotNull();
    assertThat(stage.isDone()).isFalse();

    stage = null;
    collectGarbage(span);
    assertThat(span.get()).as("the span, once its stage is unreachable").isNull();
    assertThat(spans.finished()).as("a span whose stage never completes is never ended").isEmpty();
  }

  // Bounded: the spans end within microseconds on the pool's threads.
  private static void awaitEnded(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (spans.finished().size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  private static List<SpanData> named(List<SpanData> spans, String name) {
    return spans.stream().filter(span -> span.getName().equals(name)).toList();
  }

  // Bounded: a few full collections are enough to clear a weak reference to unreachable objects.
  private static void collectGarbage(WeakReference<?> reference) throws InterruptedException {
    for (int i = 0; i < 20 && reference.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
  }

  private static dev.traced.testing.ExpectedSpan failed(String name, String type, String message) {
    return span(name)
        .annotation(
            type,
            attrs(SpanLifecycle.EXCEPTION_TYPE, type, SpanLifecycle.EXCEPTION_MESSAGE, message))
        .status(Status.CanonicalCode.UNKNOWN, type + ": " + message);
  }
}
