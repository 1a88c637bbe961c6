package dev.traced.aspects;

import static dev.traced.testing.ExpectedSpan.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.testing.LogRecords;
import dev.traced.testing.SpanCapture;
import io.opencensus.trace.Sampler;
import io.opencensus.trace.Span;
import io.opencensus.trace.SpanContext;
import io.opencensus.trace.SpanId;
import io.opencensus.trace.TraceId;
import io.opencensus.trace.Tracing;
import io.opencensus.trace.config.TraceConfig;
import java.util.List;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** When tracing itself fails, the user's method still runs and the failure is logged once. */
class AspectFailureTest {

  @RegisterExtension static final SpanCapture spans = new SpanCapture();

  /** A sampler that throws, as a broken OpenCensus setup might. */
  private static final class BrokenSampler extends Sampler {
    @Override
    public boolean shouldSample(
        SpanContext parentContext,
        Boolean hasRemoteParent,
        TraceId traceId,
        SpanId spanId,
        String name,
        List<Span> parentLinks) {
      throw new IllegalStateException("sampler exploded");
    }

    @Override
    public String getDescription() {
      return "broken";
    }
  }

  @Test
  void brokenTracingNeverReachesTheUserAndIsLoggedOnce() {
    LogRecords handler = new LogRecords();
    List<LogRecord> records = handler.records();
    AspectFailures.resetForTests();
    Logger logger = Logger.getLogger("dev.traced.aspects");
    logger.addHandler(handler);
    // The warning is expected here; keep it out of the build log.
    logger.setUseParentHandlers(false);
    TraceConfig config = Tracing.getTraceConfig();
    config.updateActiveTraceParams(
        config.getActiveTraceParams().toBuilder().setSampler(new BrokenSampler()).build());
    try {
      TracedFixture fixture = new TracedFixture();
      assertThat(fixture.publicMethod("ok")).isEqualTo("OK");
      assertThat(fixture.outer()).isEqualTo("inin");
    } finally {
      logger.removeHandler(handler);
      logger.setUseParentHandlers(true);
      spans.sampleAll();
    }
    assertThat(records).hasSize(1);
    assertThat(records.get(0).getMessage()).startsWith("[TracedInternal]");
    assertThat(records.get(0).getThrown()).hasMessage("sampler exploded");
    // Tracing works again once the setup is repaired.
    new TracedFixture().inner();
    spans.assertTrees(span("TracedFixture.inner"));
  }
}
