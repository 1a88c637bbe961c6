package dev.traced.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.export.ExportPipeline;
import io.opencensus.trace.Tracer;
import io.opencensus.trace.Tracing;
import io.opencensus.trace.export.SpanData;
import io.opencensus.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spans OpenCensus' own export queue drops under load are reported, never silent. */
class QueueDropReportTest {

  @BeforeEach
  void discardLeftoverSpans() throws Exception {
    LeftoverSpans.discard();
  }


  /** A handler stuck on its first batch, as a slow backend would be. */
  private static final class StuckHandler extends SpanExporter.Handler {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public void export(Collection<SpanData> spans) {
      entered.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void droppedSpansAreCountedInTheReport() throws Exception {
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    TracedBootstrap bootstrap =
        TracedBootstrap.start(
            TracedSettings.builder().exporters(ExporterKind.NONE).build(),
            new PrintStream(stderr, true, StandardCharsets.UTF_8));
    StuckHandler stuck = new StuckHandler();
    SpanExporter exporter = Tracing.getExportComponent().getSpanExporter();
    exporter.registerHandler("stuck", stuck);
    Tracer tracer = Tracing.getTracer();
    try {
      tracer.spanBuilder("first").startSpan().end();
      new Thread(() -> {
        try {
          ExportPipeline.deliverEnded(java.time.Duration.ofSeconds(30));
        } catch (Exception ignored) {
          // only here to push "first" into the stuck handler
        }
      }).start();
      assertThat(stuck.entered.await(10, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 15_000; i++) {
        tracer.spanBuilder("burst").startSpan().end();
      }
      long dropped = 0;
      for (int wait = 0; wait < 100 && dropped == 0; wait++) {
        Thread.sleep(50); // the disruptor thread moves the burst into the full buffer
        dropped = ExportPipeline.droppedSpans();
      }
      assertThat(dropped).isPositive();
    } finally {
      stuck.release.countDown();
      exporter.unregisterHandler("stuck");
      bootstrap.close(); // also on failure: a leaked instance would fail every later start
    }
    assertThat(bootstrap.lossReport())
        .matches(
            "\\[traced\\] \\d+ spans were not delivered: \\d+ dropped by OpenCensus' export queue"
                + " \\(more than 10,000 spans waiting\\)");
    assertThat(stderr.toString(StandardCharsets.UTF_8)).contains(bootstrap.lossReport());
  }
}
