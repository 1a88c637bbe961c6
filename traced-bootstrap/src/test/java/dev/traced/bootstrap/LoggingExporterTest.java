package dev.traced.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.testing.LogRecords;
import io.opencensus.exporter.trace.logging.LoggingTraceExporter;
import io.opencensus.trace.Tracing;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The logging exporter: each span goes to java.util.logging while it runs, none after close. */
class LoggingExporterTest {

  private final Logger logger = Logger.getLogger(LoggingTraceExporter.class.getName());
  private final LogRecords logs = new LogRecords();

  @BeforeEach
  void captureLog() throws Exception {
    LeftoverSpans.discard();
    logger.addHandler(logs);
    logger.setUseParentHandlers(false);
  }

  @AfterEach
  void restoreLog() {
    logger.removeHandler(logs);
    logger.setUseParentHandlers(true);
  }

  private long loggedSpansNamed(String name) {
    return logs.records().stream()
        .map(LogRecord::getMessage)
        .filter(message -> message.contains("name=" + name + ","))
        .count();
  }

  @Test
  void spansAreLoggedWhileTheExporterIsOnAndNotAfterClose() throws Exception {
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    TracedBootstrap tracing =
        TracedBootstrap.start(
            TracedSettings.builder().exporters(ExporterKind.LOGGING).build(),
            new PrintStream(stderr, true, StandardCharsets.UTF_8));
    try {
      Tracing.getTracer().spanBuilder("logged").startSpan().end();
      assertThat(tracing.flush()).isTrue();
      assertThat(loggedSpansNamed("logged")).isEqualTo(1);
    } finally {
      tracing.close();
    }
    Tracing.getTracer().spanBuilder("after-close").startSpan().end();
    LeftoverSpans.discard();
    assertThat(loggedSpansNamed("after-close")).isZero();
    assertThat(stderr.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
