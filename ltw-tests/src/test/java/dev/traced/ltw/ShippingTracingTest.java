package dev.traced.ltw;

import static dev.traced.testing.ExpectedSpan.attrs;
import static dev.traced.testing.ExpectedSpan.span;
import static io.opencensus.trace.Status.CanonicalCode.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.traced.testing.SpanCapture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Async code woven at load time (the agent reads traced-aspects' META-INF/aop.xml, which declares ContextCarrying too): work handed to a pool
 * stays in the caller's trace, and an async method's span ends with its stage.
 */
class ShippingTracingTest {

  @RegisterExtension static final SpanCapture spans = new SpanCapture();

  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  // The span ends in a completion action on the returned stage, which the stage runs after the
  // actions registered later (get()'s wake-up among them): wait, boundedly, for it.
  private static void awaitEnded(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (spans.finished().size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  @Test
  void workOnThePoolIsAChildOfTheAsyncMethodWhoseSpanEndsWithTheStage() throws Exception {
    CompletableFuture<Integer> quote = new Shipping(pool).quote("fr");
    assertThat(quote.get(10, TimeUnit.SECONDS)).isEqualTo(4);
    awaitEnded(2);
    spans.assertTrees(
        span("shipping.quote").attribute("country", "fr").child(span("shipping.rate")));
  }

  @Test
  void exceptionalCompletionOnThePoolMarksTheAsyncSpan() throws InterruptedException {
    CompletableFuture<Integer> quote = new Shipping(pool).quoteNowhere();
    Throwable thrown = catchThrowable(() -> quote.get(10, TimeUnit.SECONDS));
    assertThat(thrown).isInstanceOf(ExecutionException.class);
    awaitEnded(2);
    String type = "java.lang.IllegalArgumentException";
    String message = "no route to nowhere";
    spans.assertTrees(
        span("shipping.quoteNowhere")
            .annotation(type, attrs("exception.type", type, "exception.message", message))
            .status(UNKNOWN, type + ": " + message)
            .child(span("shipping.lookUp")));
  }
}
