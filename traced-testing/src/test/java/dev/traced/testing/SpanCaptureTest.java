package dev.traced.testing;

import static dev.traced.testing.ExpectedSpan.attrs;
import static dev.traced.testing.ExpectedSpan.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.opencensus.common.Scope;
import io.opencensus.trace.AttributeValue;
import io.opencensus.trace.BlankSpan;
import io.opencensus.trace.Span;
import io.opencensus.trace.Status;
import io.opencensus.trace.Tracer;
import io.opencensus.trace.Tracing;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.AssertionFailedError;

/** The extension itself: it captures synchronously, compares whole trees, and catches leaks. */
class SpanCaptureTest {

  @RegisterExtension static final SpanCapture spans = new SpanCapture();

  private final Tracer tracer = Tracing.getTracer();

  private void quickstartTree() {
    Span repl = tracer.spanBuilder("repl").startSpan();
    try (Scope ignored = tracer.withSpan(repl)) {
      repl.addAnnotation("Invoking processLine", Map.of(
          "len", AttributeValue.longAttributeValue(5),
          "use", AttributeValue.stringAttributeValue("repl")));
      Span child = tracer.spanBuilder("processInput").startSpan();
      child.setStatus(Status.INVALID_ARGUMENT.withDescription("odd"));
      child.end();
    } finally {
      repl.end();
    }
  }

  @Test
  void endedSpansAreCapturedWithoutWaitingForTheBatchExport() {
    long started = System.nanoTime();
    quickstartTree();
    assertThat(spans.finished()).extracting(s -> s.getName()).containsExactly("processInput", "repl");
    // The batch exporter would take up to 5 s; the drain takes milliseconds.
    assertThat(System.nanoTime() - started).isLessThan(2_000_000_000L);
  }

  @Test
  void matchingTreePasses() {
    quickstartTree();
    spans.assertTrees(
        span("repl")
            .annotation("Invoking processLine", attrs("len", 5, "use", "repl"))
            .child(span("processInput").status(Status.CanonicalCode.INVALID_ARGUMENT, "odd")));
  }

  @Test
  void anyDifferenceFailsAndShowsBothTrees() {
    quickstartTree();
    assertThatThrownBy(
            () ->
                spans.assertTrees(
                    span("repl")
                        .annotation("Invoking processLine", attrs("len", 6, "use", "repl"))
                        .child(
                            span("processInput")
                                .status(Status.CanonicalCode.INVALID_ARGUMENT, "odd"))))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("--- expected ---\nrepl\n  @ \"Invoking processLine\" {len=6")
        .hasMessageContaining("--- actual ---\nrepl\n  @ \"Invoking processLine\" {len=5");
  }

  @Test
  void aDifferenceIsDiffableInAnIdeAndItsFirstLineIsNamed() {
    quickstartTree();
    ExpectedSpan expected =
        span("repl")
            .annotation("Invoking processLine", attrs("len", 6, "use", "repl"))
            .child(span("processInput").status(Status.CanonicalCode.INVALID_ARGUMENT, "odd"));

    AssertionFailedError failure =
        catchThrowableOfType(AssertionFailedError.class, () -> spans.assertTrees(expected));

    assertThat(failure.getMessage())
        .startsWith(
            TreeMismatch.HEADER + "2:\n"
                + "  expected: \"  @ \"Invoking processLine\" {len=6, use=\"repl\"}\"\n"
                + "  actual:   \"  @ \"Invoking processLine\" {len=5, use=\"repl\"}\"\n");
    assertThat(failure.getExpected().getValue()).isEqualTo(ExpectedSpan.render(List.of(expected)));
    assertThat(failure.getActual().getValue())
        .isEqualTo(
            "repl\n"
                + "  @ \"Invoking processLine\" {len=5, use=\"repl\"}\n"
                + "  processInput !INVALID_ARGUMENT \"odd\"\n");
  }

  @Test
  void aMissingSpanIsNamedAsTheEndOfTheActualTrees() {
    quickstartTree();
    AssertionFailedError failure =
        catchThrowableOfType(
            AssertionFailedError.class,
            () ->
                spans.assertTrees(
                    span("repl")
                        .annotation("Invoking processLine", attrs("len", 5, "use", "repl"))
                        .child(span("processInput")
                            .status(Status.CanonicalCode.INVALID_ARGUMENT, "odd")),
                    span("another")));

    assertThat(failure.getMessage())
        .startsWith(
            TreeMismatch.HEADER + "4:\n  expected: \"another\"\n  actual:   (no more spans)\n");
  }

  @Test
  void aChildIsNotMistakenForARoot() {
    quickstartTree();
    AssertionFailedError failure =
        catchThrowableOfType(
            AssertionFailedError.class,
            () ->
                spans.assertTrees(
                    span("repl")
                        .annotation("Invoking processLine", attrs("len", 5, "use", "repl")),
                    span("processInput").status(Status.CanonicalCode.INVALID_ARGUMENT, "odd")));

    // Same spans, same order, but processInput is repl's child, not a second root: the
    // difference is its indentation, and the message points at exactly that line.
    assertThat(failure.getMessage())
        .startsWith(
            TreeMismatch.HEADER + "3:\n"
                + "  expected: \"processInput !INVALID_ARGUMENT \"odd\"\"\n"
                + "  actual:   \"  processInput !INVALID_ARGUMENT \"odd\"\"\n");
  }

  @Test
  void aSpanLeftCurrentFailsTheTestAndIsCleanedUp() {
    Span leaked = tracer.spanBuilder("leaked").startSpan();
    tracer.withSpan(leaked); // never closed

    assertThatThrownBy(() -> spans.afterEach(null))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(SpanCapture.SPAN_LEFT_CURRENT);
    assertThat(tracer.getCurrentSpan()).isSameAs(BlankSpan.INSTANCE);
    leaked.end();
  }

  @Test
  void sampleNoneRecordsNothing() {
    spans.sampleNone();
    quickstartTree();
    spans.assertTrees();
  }
}
