package dev.traced.aspects;

import dev.traced.annotations.Annotate;
import dev.traced.annotations.Attr;
import dev.traced.annotations.Traced;
import io.opencensus.trace.Span;
import io.opencensus.trace.Tracing;
import java.lang.ref.WeakReference;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** @Traced methods returning stages; woven by this module's ajc test-compile. */
class AsyncFixture {

  /** Returns the very stage it is given: the test completes it, or not. */
  @Traced(name = "async")
  <T> CompletableFuture<T> async(CompletableFuture<T> stage) {
    return stage;
  }

  /** Declared as the interface type: the span still follows the stage. */
  @Traced(name = "stage")
  CompletionStage<String> stage(CompletableFuture<String> stage) {
    return stage;
  }

  @Traced(name = "withAttr")
  @Annotate("asked")
  CompletableFuture<String> withAttr(@Attr("id") String id, CompletableFuture<String> stage) {
    return stage;
  }

  @Traced(name = "throwsFirst")
  CompletableFuture<String> throwsFirst() {
    throw new IllegalStateException("no stage");
  }

  @Traced(name = "returnsNull")
  CompletableFuture<String> returnsNull() {
    return null;
  }

  /** Fails in a dependent stage: whenComplete sees a CompletionException around the cause. */
  @Traced(name = "failsDownstream")
  CompletableFuture<String> failsDownstream(CompletableFuture<String> stage) {
    return stage.thenApply(
        value -> {
          throw new IllegalArgumentException("bad " + value);
        });
  }

  @Traced(name = "outer")
  CompletableFuture<String> outer(Executor pool) {
    return inner(pool, "a").thenComposeAsync(a -> inner(pool, a + "b"), pool);
  }

  @Traced(name = "inner")
  CompletableFuture<String> inner(Executor pool, String text) {
    return CompletableFuture.supplyAsync(() -> text, pool);
  }

  /** Async default methods of an interface, with and without @Attr: the interface must load. */
  interface Lookup {
    @Traced(name = "lookUp")
    default CompletableFuture<String> lookUp(@Attr("id") String id, CompletableFuture<String> stage) {
      return stage;
    }

    @Traced(name = "lookUpAll")
    default CompletionStage<String> lookUpAll(CompletableFuture<String> stage) {
      return stage;
    }
  }

  /** Hands its own span to {@code seen} (weakly), and returns a stage that never completes. */
  @Traced(name = "neverCompletes")
  CompletableFuture<String> neverCompletes(Consumer<WeakReference<Span>> seen) {
    seen.accept(new WeakReference<>(Tracing.getTracer().getCurrentSpan()));
    return new CompletableFuture<>();
  }
}
