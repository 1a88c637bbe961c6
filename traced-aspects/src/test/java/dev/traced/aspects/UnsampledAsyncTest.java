package dev.traced.aspects;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.testing.SpanCapture;
import io.opencensus.trace.BlankSpan;
import io.opencensus.trace.Tracing;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * README, "Spans of async methods end with their stage": a span that is not sampled ends at once
 * (its end is invisible) and attaches nothing to the stage the method returns.
 */
class UnsampledAsyncTest {

  @RegisterExtension static final SpanCapture spans = new SpanCapture();

  private final AsyncFixture fixture = new AsyncFixture();

  @Test
  void unsampledAsyncCallAttachesNothingToTheStageAndRecordsNothing() {
    spans.sampleNone();
    CompletableFuture<String> stage = new CompletableFuture<>();

    CompletableFuture<String> returned = fixture.async(stage);

    assertThat(returned).isSameAs(stage);
    assertThat(stage.getNumberOfDependents()).as("completion actions on the stage").isZero();
    assertThat(Tracing.getTracer().getCurrentSpan()).isSameAs(BlankSpan.INSTANCE);
    stage.complete("done");
    assertThat(returned.join()).isEqualTo("done");
    spans.assertTrees();
  }

  @Test
  void sampledAsyncCallAttachesOneCompletionAction() {
    CompletableFuture<String> stage = new CompletableFuture<>();

    fixture.async(stage);

    // The contrast that makes the test above mean something: sampled, the span waits on the stage.
    assertThat(stage.getNumberOfDependents()).isEqualTo(1);
    stage.complete("done");
  }
}
