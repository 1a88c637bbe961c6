package dev.traced.aspects;

import static dev.traced.testing.ExpectedSpan.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.traced.testing.LogRecords;
import dev.traced.testing.SpanCapture;
import io.opencensus.common.Scope;
import io.opencensus.trace.Annotation;
import io.opencensus.trace.AttributeValue;
import io.opencensus.trace.EndSpanOptions;
import io.opencensus.trace.Link;
import io.opencensus.trace.Span;
import io.opencensus.trace.SpanContext;
import io.opencensus.trace.Tracer;
import io.opencensus.trace.Tracing;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failures of the tracing code in the middle of a call, other than entering and exiting (those are
 * in {@link BindingTest}): recording a user exception whose {@code getMessage()} throws, and
 * annotating a current span that refuses annotations. The user's method runs and returns (or its
 * exception passes through unchanged), the span still ends, and the failure is logged once.
 */
class TracingFaultTest {

  @RegisterExtension static final SpanCapture spans = new SpanCapture();

  private final BindingFixture fixture = new BindingFixture();
  private final Tracer tracer = Tracing.getTracer();
  private final LogRecords logs = new LogRecords();
  private final Logger logger = Logger.getLogger("dev.traced.aspects");

  /** A recording span (as a sampled parent would be) that throws on every annotation. */
  private static final class RefusingSpan extends Span {
    RefusingSpan() {
      super(SpanContext.INVALID, EnumSet.of(Span.Options.RECORD_EVENTS));
    }

    @Override
    public void addAnnotation(String description, Map<String, AttributeValue> attributes) {
      throw new IllegalStateException("no annotations here");
    }

    @Override
    public void addAnnotation(Annotation annotation) {
      throw new IllegalStateException("no annotations here");
    }

    @Override
    public void addLink(Link link) {}

    @Override
    public void end(EndSpanOptions options) {}
  }

  /** A user exception whose message cannot be read. */
  private static final class UnreadableMessage extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @Override
    public String getMessage() {
      throw new UnsupportedOperationException("message unreadable");
    }
  }

  @BeforeEach
  void captureLog() {
    JoinPointSites.clearForTests();
    AspectFailures.resetForTests();
    logger.addHandler(logs);
    logger.setUseParentHandlers(false);
  }

  @AfterEach
  void restoreLog() {
    logger.removeHandler(logs);
    logger.setUseParentHandlers(true);
  }

  private void assertLoggedOnce(String thrownMessage) {
    List<LogRecord> records = logs.records();
    assertThat(records).hasSize(1);
    assertThat(records.get(0).getMessage()).isEqualTo(AspectFailures.INTERNAL_FAILURE);
    assertThat(records.get(0).getThrown()).hasMessage(thrownMessage);
  }

  @Test
  void exceptionThatCannotBeRecordedPassesThroughUnchangedAndTheSpanEnds() {
    UnreadableMessage exception = new UnreadableMessage();
    assertThatThrownBy(() -> fixture.rethrow(exception)).isSameAs(exception);
    spans.assertTrees(span("BindingFixture.rethrow"));
    assertLoggedOnce("message unreadable");
  }

  private <T> T underRefusingSpan(Supplier<T> call) {
    try (Scope ignored = tracer.withSpan(new RefusingSpan())) {
      return call.get();
    }
  }

  @Test
  void annotationWithConstantsThatFailsLeavesTheMethodRunning() {
    assertThat(underRefusingSpan(fixture::a0)).isEqualTo("a0");
    assertLoggedOnce("no annotations here");
  }

  @Test
  void annotationWithArgumentsThatFailsLeavesTheMethodRunning() {
    assertThat(underRefusingSpan(() -> fixture.a1("v"))).isEqualTo("a1:v");
    assertLoggedOnce("no annotations here");
  }

  @Test
  void annotationWithManyArgumentsThatFailsLeavesTheMethodRunning() {
    assertThat(underRefusingSpan(() -> fixture.a5("v", 1, 2, 3, 4))).isEqualTo("a5:v:1:2:3:4");
    assertLoggedOnce("no annotations here");
  }

  @Test
  void childOfARefusingSpanIsStillTraced() {
    assertThat(underRefusingSpan(() -> fixture.t1("v"))).isEqualTo("t1:v");
    spans.assertTrees(span("BindingFixture.t1").attribute("p0", "v"));
    assertThat(logs.records()).isEmpty();
  }

  @Test
  void stageRefusingTheCompletionActionEndsTheSpanAtOnce() {
    assertThat(fixture.asyncRefusing()).isInstanceOf(BindingFixture.RefusingStage.class);
    spans.assertTrees(span("BindingFixture.asyncRefusing"));
    assertLoggedOnce("no actions here");
  }

  @Test
  void asyncMethodReturningNullEndsItsSpanAtOnce() {
    assertThat(fixture.asyncNull()).isNull();
    spans.assertTrees(span("BindingFixture.asyncNull"));
    assertThat(logs.records()).isEmpty();
  }
}
