package dev.traced.aspects;

import static dev.traced.testing.ExpectedSpan.attrs;
import static dev.traced.testing.ExpectedSpan.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.traced.testing.ExpectedSpan;
import dev.traced.testing.SpanCapture;
import io.opencensus.trace.Link;
import io.opencensus.trace.Status;
import io.opencensus.trace.export.SpanData;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** @Traced(expected), @Traced(recordResult) and @Traced(newTrace), as the exported spans show. */
class TracedOptionsTest {

  @RegisterExtension static final SpanCapture spans = new SpanCapture();

  private final OptionsFixture fixture = new OptionsFixture();

  @Test
  void expectedExceptionIsAnnotatedButLeavesStatusOk() {
    assertThatThrownBy(() -> fixture.find("missing"))
        .isExactlyInstanceOf(OptionsFixture.NotFound.class)
        .hasMessage("no missing");
    spans.assertTrees(annotated(span("find"), OptionsFixture.NotFound.class, "no missing"));
  }

  @Test
  void subtypeOfAnExpectedExceptionIsExpectedToo() {
    assertThatThrownBy(() -> fixture.find("sku"))
        .isExactlyInstanceOf(OptionsFixture.NoSuchSku.class);
    spans.assertTrees(annotated(span("find"), OptionsFixture.NoSuchSku.class, "no sku"));
  }

  @Test
  void otherExceptionsStillFailTheSpan() {
    assertThatThrownBy(() -> fixture.find("broken"))
        .isExactlyInstanceOf(IllegalStateException.class);
    spans.assertTrees(
        annotated(span("find"), IllegalStateException.class, "broken")
            .status(Status.CanonicalCode.UNKNOWN, "java.lang.IllegalStateException: broken"));
  }

  @Test
  void expectedExceptionOfAnAsyncMethodLeavesStatusOk() {
    CompletableFuture<String> stage = new CompletableFuture<>();
    CompletableFuture<String> returned = fixture.findAsync(stage);
    stage.completeExceptionally(new CompletionException(new OptionsFixture.NotFound("later")));
    assertThat(returned).isCompletedExceptionally();
    spans.assertTrees(annotated(span("findAsync"), OptionsFixture.NotFound.class, "later"));
  }

  @Test
  void unexpectedExceptionOfAnAsyncMethodFailsTheSpan() {
    CompletableFuture<String> stage = new CompletableFuture<>();
    fixture.findAsync(stage);
    stage.completeExceptionally(new IllegalStateException("down"));
    spans.assertTrees(
        annotated(span("findAsync"), IllegalStateException.class, "down")
            .status(Status.CanonicalCode.UNKNOWN, "java.lang.IllegalStateException: down"));
  }

  @Test
  void resultIsRecordedAsAnAttribute() {
    assertThat(fixture.stock("abcd")).isEqualTo(4);
    spans.assertTrees(span("stock").attribute("stock", 4L));
  }

  @Test
  void resultFollowsTheAttrValueRules() {
    fixture.describe("x".repeat(300));
    fixture.describe(
        new Object() {
          @Override
          public String toString() {
            throw new IllegalStateException("hostile toString");
          }
        });
    fixture.describe(null);
    List<SpanData> finished = spans.finished();
    assertThat(finished).hasSize(3);
    String truncated =
        finished.get(0).getAttributes().getAttributeMap().get("description").toString();
    assertThat(truncated).contains("x".repeat(256)).doesNotContain("x".repeat(257));
    assertThat(finished.get(1).getAttributes().getAttributeMap()).containsKey("description");
    assertThat(finished.get(2).getAttributes().getAttributeMap()).doesNotContainKey("description");
  }

  @Test
  void resultOfAnAsyncMethodIsTheStagesValue() {
    CompletableFuture<Integer> stage = new CompletableFuture<>();
    fixture.stockAsync(stage);
    assertThat(spans.finished()).isEmpty();
    stage.complete(7);
    spans.assertTrees(span("stockAsync").attribute("stock", 7L));
  }

  @Test
  void resultIsRecordedBesideAttrArgumentsAndAnnotations() {
    assertThat(fixture.priced("sku-1")).isEqualTo(42L);
    assertThat(fixture.many(1, 2, 3, 4, 5)).isEqualTo(15);
    spans.assertTrees(
        span("priced").attribute("price", 42L).annotation("pricing", attrs("sku", "sku-1")),
        span("many").attribute("a", 1L).attribute("sum", 15L));
  }

  @Test
  void unsampledCallsBuildNoResultText() {
    AtomicInteger toStringCalls = new AtomicInteger();
    Object result =
        new Object() {
          @Override
          public String toString() {
            toStringCalls.incrementAndGet();
            return "result";
          }
        };
    spans.sampleNone();
    assertThat(fixture.describe(result)).isSameAs(result);
    assertThat(toStringCalls).as("toString() calls when not sampled").hasValue(0);
    spans.assertTrees();

    spans.sampleAll();
    fixture.describe(result);
    assertThat(toStringCalls).as("toString() calls when sampled").hasValue(1);
    spans.assertTrees(span("describe").attribute("description", "result"));
  }

  @Test
  void newTraceStartsARootLinkedToTheCurrentSpan() {
    assertThat(fixture.request()).isEqualTo("stepped");
    spans.assertTrees(span("job").child(span("step")), span("request"));
    SpanData request = named("request");
    SpanData job = named("job");
    assertThat(job.getParentSpanId()).as("a root").isNull();
    assertThat(job.getContext().getTraceId()).isNotEqualTo(request.getContext().getTraceId());
    assertThat(job.getLinks().getLinks())
        .containsExactly(
            Link.fromSpanContext(request.getContext(), Link.Type.PARENT_LINKED_SPAN));
    assertThat(request.getLinks().getLinks())
        .containsExactly(Link.fromSpanContext(job.getContext(), Link.Type.CHILD_LINKED_SPAN));
  }

  @Test
  void newTraceWithoutACurrentSpanHasNoLink() {
    assertThat(fixture.job()).isEqualTo("stepped");
    spans.assertTrees(span("job").child(span("step")));
    assertThat(named("job").getLinks().getLinks()).isEmpty();
  }

  private static SpanData named(String name) {
    return spans.finished().stream()
        .filter(span -> span.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static ExpectedSpan annotated(ExpectedSpan span, Class<?> type, String message) {
    return span.annotation(
        type.getName(),
        attrs(
            SpanLifecycle.EXCEPTION_TYPE, type.getName(),
            SpanLifecycle.EXCEPTION_MESSAGE, message));
  }
}
