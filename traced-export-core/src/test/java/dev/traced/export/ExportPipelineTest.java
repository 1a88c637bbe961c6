package dev.traced.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.opencensus.trace.Tracer;
import io.opencensus.trace.Tracing;
import io.opencensus.trace.config.TraceConfig;
import io.opencensus.trace.export.SpanData;
import io.opencensus.trace.export.SpanExporter;
import io.opencensus.trace.samplers.Samplers;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real OpenCensus export pipeline, driven synchronously: ended spans reach the handlers at
 * once (not after the 5 s batch timer), and every ended span is counted either as accepted or as
 * dropped.
 */
class ExportPipelineTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final Tracer tracer = Tracing.getTracer();
  private final SpanExporter exporter = Tracing.getExportComponent().getSpanExporter();
  private final List<String> exported = new CopyOnWriteArrayList<>();

  /** Keeps the names of the spans it is handed. */
  private final SpanExporter.Handler recording =
      new SpanExporter.Handler() {
        @Override
        public void export(Collection<SpanData> spans) {
          spans.forEach(span -> exported.add(span.getName()));
        }
      };

  @BeforeEach
  void sampleAllAndRecord() throws Exception {
    TraceConfig config = Tracing.getTraceConfig();
    config.updateActiveTraceParams(
        config.getActiveTraceParams().toBuilder().setSampler(Samplers.alwaysSample()).build());
    ExportPipeline.deliverEnded(TIMEOUT); // spans of earlier tests go before the handler is added
    exporter.registerHandler("recording", recording);
  }

  @AfterEach
  void unregister() {
    exporter.unregisterHandler("recording");
  }

  @Test
  void everySpanEndedBeforeTheCallReachesTheHandlersDuringIt() throws Exception {
    for (int i = 0; i < 50; i++) {
      tracer.spanBuilder("span-" + i).startSpan().end();
    }
    ExportPipeline.deliverEnded(TIMEOUT);
    assertThat(exported).hasSize(50).startsWith("span-0").endsWith("span-49");
  }

  @Test
  void acceptedSpansCountsEachEndedSpanOnce() throws Exception {
    long before = ExportPipeline.acceptedSpans();
    for (int i = 0; i < 20; i++) {
      tracer.spanBuilder("counted").startSpan().end();
    }
    ExportPipeline.deliverEnded(TIMEOUT);
    assertThat(ExportPipeline.acceptedSpans() - before).isEqualTo(20);
    assertThat(exported).hasSize(20);
  }

  @Test
  void everySpanOfABurstIsEitherAcceptedOrCountedAsDropped() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    SpanExporter.Handler stuck =
        new SpanExporter.Handler() {
          @Override
          public void export(Collection<SpanData> spans) {
            entered.countDown();
            try {
              release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    long acceptedBefore = ExportPipeline.acceptedSpans();
    long droppedBefore = ExportPipeline.droppedSpans();
    exporter.registerHandler("stuck", stuck);
    Thread pusher = null;
    try {
      tracer.spanBuilder("first").startSpan().end();
      // A slow backend: the exporter's thread is held inside the first batch.
      pusher = new Thread(() -> deliverQuietly());
      pusher.start();
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      int burst = 15_000;
      for (int i = 0; i < burst; i++) {
        tracer.spanBuilder("burst").startSpan().end();
      }
      // The event queue's thread moves the burst into the full buffer; bounded wait for a drop.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (ExportPipeline.droppedSpans() == droppedBefore && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      release.countDown();
      pusher.join(TIMEOUT.toMillis());
      ExportPipeline.deliverEnded(TIMEOUT);
      long dropped = ExportPipeline.droppedSpans() - droppedBefore;
      long accepted = ExportPipeline.acceptedSpans() - acceptedBefore;
      assertThat(dropped).isPositive();
      assertThat(accepted + dropped).isEqualTo(burst + 1);
      assertThat(exported).hasSize((int) accepted);
    } finally {
      release.countDown();
      exporter.unregisterHandler("stuck");
    }
  }

  private static void deliverQuietly() {
    try {
      ExportPipeline.deliverEnded(TIMEOUT);
    } catch (Exception ignored) {
      // Only here to push "first" into the stuck handler; the test asserts what follows.
    }
  }
}
