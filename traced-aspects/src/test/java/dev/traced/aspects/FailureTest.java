package dev.traced.aspects;

import static dev.traced.testing.ExpectedSpan.attrs;
import static dev.traced.testing.ExpectedSpan.span;
import static io.opencensus.trace.Status.CanonicalCode.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.traced.testing.SpanCapture;
import io.opencensus.trace.BlankSpan;
import io.opencensus.trace.Tracing;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A traced method that throws: error status, an exception annotation, the same exception. */
class FailureTest {

  @RegisterExtension static final SpanCapture spans = new SpanCapture();

  private final TracedFixture fixture = new TracedFixture();

  @Test
  void uncheckedExceptionPassesThroughUnchangedAndMarksTheSpan() {
    Throwable thrown = catchThrowable(fixture::failUnchecked);
    assertThat(thrown).isExactlyInstanceOf(IllegalStateException.class).hasMessage("boom");
    // The same instance: its stack trace starts in the user's method, not in the aspect.
    assertThat(thrown.getStackTrace()[0].getMethodName()).startsWith("failUnchecked");
    assertThat(Tracing.getTracer().getCurrentSpan()).isSameAs(BlankSpan.INSTANCE);
    spans.assertTrees(
        span("TracedFixture.failUnchecked")
            .annotation(
                "java.lang.IllegalStateException",
                attrs(
                    "exception.type", "java.lang.IllegalStateException",
                    "exception.message", "boom"))
            .status(UNKNOWN, "java.lang.IllegalStateException: boom"));
  }

  @Test
  void checkedExceptionPassesThroughUnchanged() {
    Throwable thrown = catchThrowable(fixture::failChecked);
    assertThat(thrown).isExactlyInstanceOf(IOException.class).hasMessage("disk gone");
    spans.assertTrees(
        span("TracedFixture.failChecked")
            .annotation(
                "java.io.IOException",
                attrs("exception.type", "java.io.IOException", "exception.message", "disk gone"))
            .status(UNKNOWN, "java.io.IOException: disk gone"));
  }

  @Test
  void exceptionWithoutMessageIsNamedByItsClass() {
    Throwable thrown = catchThrowable(fixture::failWithoutMessage);
    assertThat(thrown).isExactlyInstanceOf(UnsupportedOperationException.class);
    spans.assertTrees(
        span("TracedFixture.failWithoutMessage")
            .annotation(
                "java.lang.UnsupportedOperationException",
                attrs("exception.type", "java.lang.UnsupportedOperationException"))
            .status(UNKNOWN, "java.lang.UnsupportedOperationException"));
  }

  @Test
  void errorsPassThroughToo() {
    Throwable thrown = catchThrowable(fixture::failError);
    assertThat(thrown).isExactlyInstanceOf(AssertionError.class).hasMessage("deep");
    spans.assertTrees(
        span("TracedFixture.failError")
            .annotation(
                "java.lang.AssertionError",
                attrs("exception.type", "java.lang.AssertionError", "exception.message", "deep"))
            .status(UNKNOWN, "java.lang.AssertionError: deep"));
  }
}
