package dev.traced.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.testing.LogRecords;
import io.opencensus.common.Scope;
import io.opencensus.trace.Span;
import io.opencensus.trace.Tracer;
import io.opencensus.trace.Tracing;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A traced recursion 1,000 deep is a legitimate program: gRPC's Context (where OpenCensus keeps
 * the current span) must not print its SEVERE "abnormally long" stack trace on the user's stderr
 * while tracing runs, and its logger gets its level back at close.
 */
class DeepContextLogTest {

  private final LogRecords capture = new LogRecords();
  private final List<LogRecord> records = capture.records();
  private final Tracer tracer = Tracing.getTracer();

  @BeforeEach
  void capture() throws Exception {
    LeftoverSpans.discard();
    Logger.getLogger("").addHandler(capture);
  }

  @AfterEach
  void release() {
    Logger.getLogger("").removeHandler(capture);
  }

  private void recurse(int depth) {
    if (depth == 0) {
      return;
    }
    Span span = tracer.spanBuilder("level" + depth).startSpan();
    try (Scope ignored = tracer.withSpan(span)) {
      recurse(depth - 1);
    } finally {
      span.end();
    }
  }

  @Test
  void recursionThousandDeepLogsNothingWhileTracingRuns() throws Exception {
    Level before = Logger.getLogger(TracingRuntime.CONTEXT_LOGGER).getLevel();
    TracedBootstrap bootstrap =
        TracedBootstrap.start(
            TracedSettings.builder().exporters(ExporterKind.NONE).build(),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      recurse(1_100);
      recurse(1_100);
    } finally {
      bootstrap.close();
    }

    assertThat(records)
        .filteredOn(r -> TracingRuntime.CONTEXT_LOGGER.equals(r.getLoggerName()))
        .extracting(LogRecord::getMessage)
        .isEmpty();
    assertThat(Logger.getLogger(TracingRuntime.CONTEXT_LOGGER).getLevel()).isEqualTo(before);
  }
}
