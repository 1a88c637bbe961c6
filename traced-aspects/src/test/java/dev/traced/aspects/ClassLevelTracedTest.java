package dev.traced.aspects;

import static dev.traced.testing.ExpectedSpan.attrs;
import static dev.traced.testing.ExpectedSpan.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.traced.testing.SpanCapture;
import io.opencensus.trace.Span;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A class-level @Traced traces each declared method with a body exactly once per call. */
class ClassLevelTracedTest {

  @RegisterExtension static final SpanCapture spans = new SpanCapture();

  private final ClassTracedFixture fixture = new ClassTracedFixture("a");

  @Test
  void everyDeclaredMethodGetsOneSpanPerCall() {
    assertThat(fixture.plain("x")).isEqualTo("X");
    assertThat(ClassTracedFixture.twice(2)).isEqualTo(4);
    spans.assertTrees(
        span("ClassTracedFixture.plain").child(span("ClassTracedFixture.helper")),
        span("ClassTracedFixture.twice"));
  }

  @Test
  void methodLevelTracedOverridesTheClass() {
    assertThat(fixture.own()).isEqualTo("own");
    spans.assertTrees(span("own").kind(Span.Kind.SERVER));
  }

  @Test
  void notTracedMethodMakesNoSpan() {
    assertThat(fixture.skipped()).isEqualTo("SKIPPED");
    spans.assertTrees(span("ClassTracedFixture.plain").child(span("ClassTracedFixture.helper")));
  }

  @Test
  void annotateAndAttrMethodsGetOneSpanEach() {
    assertThat(fixture.noted(3)).isEqualTo("noted3");
    assertThat(fixture.withAttr("id-1")).isEqualTo("id-1");
    assertThat(fixture.manyParameters(1, 2, 3, 4, 5)).isEqualTo("many");
    spans.assertTrees(
        span("ClassTracedFixture.noted").annotation("noted", attrs("n", 3)),
        span("ClassTracedFixture.withAttr").attribute("id", "id-1"),
        span("ClassTracedFixture.manyParameters").attribute("a", 1));
  }

  @Test
  void asyncMethodGetsOneSpanEndingWithItsStage() {
    CompletableFuture<String> stage = new CompletableFuture<>();
    assertThat(fixture.async(stage)).isSameAs(stage);
    assertThat(spans.finished()).isEmpty();
    stage.complete("done");
    spans.assertTrees(span("ClassTracedFixture.async"));
  }

  @Test
  void mainIsNotTracedByTheClassSoTheSpansItMakesAfterStartingTracingAreSampled() {
    // A traced main would start its span before main starts Traced: with OpenCensus' default
    // sampler (1 in 10,000) that root is unsampled, and so is every span below it.
    ClassTracedFixture.main(new String[] {"x"});
    spans.assertTrees(span("ClassTracedFixture.twice"));
  }

  @Test
  void constructorsObjectMethodsLambdaBodiesAndBridgesAreNotTracedThemselves() {
    ClassTracedFixture other = new ClassTracedFixture("b");
    assertThat(fixture.toString()).isEqualTo("ClassTracedFixture a");
    assertThat(fixture.equals(other)).isFalse();
    assertThat(fixture.hashCode()).isEqualTo("a".hashCode());
    assertThat(fixture.lambda().get()).isEqualTo("aLAMBDA");
    // Through Comparator.naturalOrder(): the call goes through the bridge compareTo(Object).
    assertThat(Comparator.<ClassTracedFixture>naturalOrder().compare(fixture, other))
        .isNegative();
    assertThat(new ClassTracedFixture.Nested().run()).isEqualTo("nested");
    spans.assertTrees(
        span("ClassTracedFixture.lambda"),
        span("ClassTracedFixture.plain").child(span("ClassTracedFixture.helper")),
        span("ClassTracedFixture.compareTo"));
  }

  @Test
  void classLevelKindAndExpectedApplyToEachMethod() {
    ClassTracedFixture.Client client = new ClassTracedFixture.Client();
    assertThat(client.call("r")).isEqualTo("sent r");
    assertThatThrownBy(() -> client.call("")).isExactlyInstanceOf(IllegalArgumentException.class);
    spans.assertTrees(
        span("Client.call").kind(Span.Kind.CLIENT),
        span("Client.call")
            .kind(Span.Kind.CLIENT)
            .annotation(
                "java.lang.IllegalArgumentException",
                attrs(
                    SpanLifecycle.EXCEPTION_TYPE, "java.lang.IllegalArgumentException",
                    SpanLifecycle.EXCEPTION_MESSAGE, "empty request")));
  }
}
