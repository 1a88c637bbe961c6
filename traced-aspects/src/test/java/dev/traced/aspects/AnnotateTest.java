package dev.traced.aspects;

import static dev.traced.testing.ExpectedSpan.attrs;
import static dev.traced.testing.ExpectedSpan.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.testing.SpanCapture;
import io.opencensus.common.Scope;
import io.opencensus.trace.Span;
import io.opencensus.trace.Tracer;
import io.opencensus.trace.Tracing;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** @Annotate adds one annotation, with typed attributes, to the span current at method start. */
class AnnotateTest {

  @RegisterExtension static final SpanCapture spans = new SpanCapture();

  private final TracedFixture fixture = new TracedFixture();
  private final Tracer tracer = Tracing.getTracer();

  private void underManualSpan(Runnable body) {
    Span manual = tracer.spanBuilder("manual").startSpan();
    try (Scope ignored = tracer.withSpan(manual)) {
      body.run();
    } finally {
      manual.end();
    }
  }

  @Test
  void annotationGoesToTheCallersSpan() {
    underManualSpan(fixture::annotatedOnly);
    spans.assertTrees(span("manual").annotation("plain"));
  }

  @Test
  void annotationGoesToTheMethodsOwnSpanWhenAlsoTraced() {
    underManualSpan(() -> fixture.tracedAndAnnotated(7L));
    spans.assertTrees(
        span("manual")
            .child(
                span("TracedFixture.tracedAndAnnotated")
                    .annotation("own span", attrs("id", 7L))));
  }

  @Test
  void eachCallAddsOneAnnotation() {
    underManualSpan(
        () -> {
          fixture.annotatedOnly();
          fixture.annotatedOnly();
        });
    spans.assertTrees(span("manual").annotation("plain").annotation("plain"));
  }

  @Test
  void attributeTypesAreMappedAndNullIsLeftOut() {
    underManualSpan(
        () ->
            fixture.annotatedWithTypes(
                "txt", 3, 1L << 40, 0.25, true, List.of("p", "q"), null, (short) 9));
    spans.assertTrees(
        span("manual")
            .annotation(
                "typed",
                attrs(
                    "a", "1",
                    "b", "two",
                    "text", "txt",
                    "count", 3L,
                    "big", 1L << 40,
                    "ratio", 0.25,
                    "flag", true,
                    "list", "[p, q]",
                    "defaultKey", 9L)));
  }

  @Test
  void longStringAttributesAreCutTo256Utf8Bytes() {
    String longText = "é".repeat(300); // 600 UTF-8 bytes
    underManualSpan(() -> fixture.annotatedWithTypes(longText, 0, 0, 0, false, null, null, null));
    spans.assertTrees(
        span("manual")
            .annotation(
                "typed",
                attrs(
                    "a", "1", "b", "two", "text", "é".repeat(128), "count", 0L, "big", 0L,
                    "ratio", 0.0, "flag", false)));
  }

  @Test
  void failingToStringAndArraysStillGiveReadableAttributes() {
    Object explosive =
        new Object() {
          @Override
          public String toString() {
            throw new IllegalStateException("no text");
          }
        };
    underManualSpan(() -> fixture.annotatedWithOddValues(explosive, new int[] {1, 2, 3}));
    spans.assertTrees(
        span("manual")
            .annotation(
                "odd values",
                attrs(
                    "bad", "<toString() failed: java.lang.IllegalStateException>",
                    "numbers", "[1, 2, 3]")));
  }

  @Test
  void withoutCurrentSpanNothingIsRecorded() {
    fixture.annotatedOnly();
    fixture.annotatedWithTypes("x", 1, 2, 3, true, null, null, null);
    spans.assertTrees();
  }

  @Test
  void methodsWithMoreThanFourParametersRecordTheirAttributesToo() {
    assertThat(fixture.fiveParameters(1, 2, 3, 4, "sum")).isEqualTo("sum10");
    spans.assertTrees(
        span("TracedFixture.fiveParameters").attribute("a", 1).attribute("e", "sum"));
  }

  @Test
  void tracedAndAnnotatedMethodPutsParametersOnTheAnnotationNotTheSpan() {
    assertThat(fixture.tracedAnnotatedWithAttributes(21L, "x")).isEqualTo(42L);
    spans.assertTrees(span("checked").annotation("checking", attrs("k", "v", "n", 21L, "s", "x")));
  }

  @Test
  void nullParameterIsLeftOutOfTheSpanAttributes() {
    fixture.tracedWithAttributes(3L, null, 1);
    spans.assertTrees(span("TracedFixture.tracedWithAttributes").attribute("order", 3L));
  }

  @Test
  void failureOfAMethodWithAttributesMarksItsSpanAndPassesThrough() {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> fixture.failWithAttribute(9));
    assertThat(thrown).isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("bad id 9");
    String type = "java.lang.IllegalArgumentException";
    spans.assertTrees(
        span("TracedFixture.failWithAttribute")
            .attribute("id", 9)
            .annotation(type, attrs("exception.type", type, "exception.message", "bad id 9"))
            .status(io.opencensus.trace.Status.CanonicalCode.UNKNOWN, type + ": bad id 9"));
  }

  @Test
  void unsampledMethodsWithAttributesRecordNothing() {
    spans.sampleNone();
    assertThat(fixture.tracedAnnotatedWithAttributes(1L, "y")).isEqualTo(2L);
    assertThat(fixture.fiveParameters(0, 0, 0, 0, "z")).isEqualTo("z0");
    spans.assertTrees();
  }

  @Test
  void tracedParametersBecomeSpanAttributes() {
    fixture.tracedWithAttributes(12L, "ada", 3);
    spans.assertTrees(
        span("TracedFixture.tracedWithAttributes")
            .attribute("order", 12L)
            .attribute("customer", "ada"));
  }
}
