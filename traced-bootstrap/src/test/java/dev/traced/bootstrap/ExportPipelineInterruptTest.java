package dev.traced.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.export.ExportPipeline;
import io.opencensus.trace.Tracing;
import io.opencensus.trace.export.SpanData;
import io.opencensus.trace.export.SpanExporter;
import io.opencensus.trace.samplers.Samplers;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Delivering ended spans on an interrupted thread (an executor or framework shutting down). */
class ExportPipelineInterruptTest {

  @BeforeEach
  void discardLeftoverSpans() throws Exception {
    LeftoverSpans.discard();
  }

  @Test
  void interruptedCallerStillGetsEverySpanDeliveredAndKeepsTheInterrupt() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    SpanExporter.Handler recorder =
        new SpanExporter.Handler() {
          @Override
          public void export(Collection<SpanData> spans) {
            spans.forEach(span -> seen.add(span.getName()));
          }
        };
    SpanExporter exporter = Tracing.getExportComponent().getSpanExporter();
    exporter.registerHandler("recorder", recorder);
    try {
      Tracing.getTracer()
          .spanBuilder("before-interrupt")
          .setSampler(Samplers.alwaysSample())
          .startSpan()
          .end();

      Thread.currentThread().interrupt();
      try {
        ExportPipeline.deliverEnded(Duration.ofSeconds(10));
      } finally {
        assertThat(Thread.interrupted()).as("interrupt flag after delivery").isTrue();
      }

      assertThat(seen).containsExactly("before-interrupt");
    } finally {
      exporter.unregisterHandler("recorder");
    }
  }
}
