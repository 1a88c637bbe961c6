package dev.traced.aspects;

import static dev.traced.testing.ExpectedSpan.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.testing.SpanCapture;
import io.opencensus.common.Scope;
import io.opencensus.trace.BlankSpan;
import io.opencensus.trace.Span;
import io.opencensus.trace.Tracer;
import io.opencensus.trace.Tracing;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One span per execution of a @Traced method, named and parented as users expect. */
class TracedSpansTest {

  @RegisterExtension static final SpanCapture spans = new SpanCapture();

  private final TracedFixture fixture = new TracedFixture();
  private final Tracer tracer = Tracing.getTracer();

  @Test
  void defaultNameIsSimpleClassNameDotMethod() {
    assertThat(fixture.publicMethod("abc")).isEqualTo("ABC");
    spans.assertTrees(span("TracedFixture.publicMethod"));
  }

  @Test
  void kindIsSetOnTheSpanWhenDeclared() {
    assertThat(fixture.handle("/a")).isEqualTo("/A!");
    spans.assertTrees(
        span("handle")
            .kind(Span.Kind.SERVER)
            .attribute("path", "/a")
            .child(
                span("TracedFixture.callBackend").kind(Span.Kind.CLIENT),
                span("TracedFixture.callBackendAsync").kind(Span.Kind.CLIENT)));
  }

  @Test
  void explicitNameIsUsed() {
    assertThat(fixture.namedMethod()).isEqualTo("named");
    spans.assertTrees(span("custom-name"));
  }

  @Test
  void everyCallGetsExactlyOneSpan() {
    fixture.publicMethod("a");
    fixture.publicMethod("b");
    fixture.publicMethod("c");
    spans.assertTrees(
        span("TracedFixture.publicMethod"),
        span("TracedFixture.publicMethod"),
        span("TracedFixture.publicMethod"));
  }

  @Test
  void methodsOfEveryModifierAreTracedAndReturnTheirValue() {
    assertThat(fixture.callPrivate()).isEqualTo("private");
    assertThat(TracedFixture.staticMethod(21)).isEqualTo(42);
    assertThat(fixture.finalMethod()).isEqualTo(42L);
    assertThat(fixture.synchronizedMethod()).isTrue();
    assertThat(fixture.genericMethod(List.of("x"))).containsExactly("x");
    assertThat(fixture.varargsMethod("a", "b", "c")).isEqualTo(3);
    fixture.voidMethod();
    assertThat(fixture.doubleMethod()).isEqualTo(1.5);
    spans.assertTrees(
        span("TracedFixture.privateMethod"),
        span("TracedFixture.staticMethod"),
        span("TracedFixture.finalMethod"),
        span("TracedFixture.synchronizedMethod"),
        span("TracedFixture.genericMethod"),
        span("TracedFixture.varargsMethod"),
        span("TracedFixture.voidMethod"),
        span("TracedFixture.doubleMethod"));
  }

  @Test
  void selfInvokedMethodsBecomeChildSpansOfTheCaller() {
    assertThat(fixture.outer()).isEqualTo("inin");
    spans.assertTrees(
        span("TracedFixture.outer")
            .child(span("TracedFixture.inner"), span("TracedFixture.inner")));
  }

  @Test
  void tracedSpanIsCurrentInsideAndPreviousSpanIsRestoredAfter() {
    Span manual = tracer.spanBuilder("manual").startSpan();
    try (Scope ignored = tracer.withSpan(manual)) {
      fixture.outer();
      assertThat(tracer.getCurrentSpan()).isSameAs(manual);
    } finally {
      manual.end();
    }
    assertThat(tracer.getCurrentSpan()).isSameAs(BlankSpan.INSTANCE);
    spans.assertTrees(
        span("manual")
            .child(
                span("TracedFixture.outer")
                    .child(span("TracedFixture.inner"), span("TracedFixture.inner"))));
  }

  @Test
  void nestedInnerAnonymousLocalClassesAndLambdasAreTraced() {
    assertThat(new TracedFixture.Nested().run()).isEqualTo("nested");
    assertThat(fixture.new Inner().run()).isEqualTo("inner");
    assertThat(fixture.anonymous().get()).isEqualTo("anonymous");
    assertThat(fixture.local()).isEqualTo("local");
    assertThat(fixture.lambdaCallingTraced().get()).isEqualTo("in");
    spans.assertTrees(
        span("Nested.run"),
        span("Inner.run"),
        span("TracedFixture$1.get"),
        span("Local.run"),
        span("TracedFixture.inner"));
  }

  @Test
  void unsampledCallsExportNothingButStillRunAndPropagate() {
    spans.sampleNone();
    assertThat(fixture.outer()).isEqualTo("inin");
    assertThat(fixture.readEvaluateProcess("hi")).isEqualTo("HI");
    assertThat(tracer.getCurrentSpan()).isSameAs(BlankSpan.INSTANCE);
    spans.assertTrees();
  }

  @Test
  void quickstartTreeHasAnnotationWithLenAndUseOnRepl() {
    assertThat(fixture.readEvaluateProcess("hello")).isEqualTo("HELLO");
    spans.assertTrees(
        span("repl")
            .annotation(
                "Invoking processLine", dev.traced.testing.ExpectedSpan.attrs("len", 5, "use", "repl"))
            .child(span("processInput")));
  }
}
