package dev.traced.export;

import com.google.common.util.concurrent.Uninterruptibles;
import io.opencensus.impl.internal.DisruptorEventQueue;
import io.opencensus.implcore.internal.EventQueue;
import io.opencensus.metrics.Metrics;
import io.opencensus.metrics.export.Metric;
import io.opencensus.metrics.export.MetricProducer;
import io.opencensus.metrics.export.Point;
import io.opencensus.metrics.export.TimeSeries;
import io.opencensus.trace.Tracing;
import io.opencensus.trace.export.SpanExporter;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Pushes every span that has ended so far through OpenCensus' export pipeline to the registered
 * handlers, on the calling thread, instead of waiting up to 5 s for the next batch; and reads how
 * many spans the pipeline dropped.
 *
 * <pre>{@code
 * ExportPipeline.deliverEnded(Duration.ofSeconds(5)); // handlers have seen every ended span
 * }</pre>
 *
 * <p>An ended span first passes through the implementation's event queue (one consumer, in
 * order), then waits in the exporter's buffer. So: enqueue a marker entry and wait until the
 * consumer reaches it, flush the buffer, and wait until no span is still being exported by the
 * exporter's own thread. {@code flush} and {@code getReferencedSpans} are package-private in
 * opencensus-impl-core 0.31.1 (the version this project pins), hence reflection.
 * Needs {@code opencensus-impl} (not impl-lite) as the OpenCensus implementation.
 *
 * <p>An interrupt does not cut the delivery short (it typically comes from an executor or a
 * framework shutting down, exactly when the last spans matter): it waits on until the timeout and
 * restores the interrupt flag.
 */
public final class ExportPipeline {

  /** OpenCensus' metric counting spans its exporter dropped (more than ~10,000 waiting). */
  public static final String DROPPED_METRIC = "oc_worker_spans_dropped";

  /** Looked up on first use, so that merely loading this class never starts OpenCensus. */
  private static final class Exporter {
    static final Method FLUSH = exporterMethod("flush");
    static final Method REFERENCED_SPANS = exporterMethod("getReferencedSpans");
    static final Method PUSHED_SPANS = exporterMethod("getPushedSpans");
  }

  private ExportPipeline() {}

  /**
   * Delivers all spans ended before this call to the handlers, synchronously, even if the thread
   * is interrupted (the flag stays set).
   *
   * @throws TimeoutException if OpenCensus' event queue did not reach the marker in time
   */
  public static void deliverEnded(Duration timeout) throws TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    CountDownLatch reached = new CountDownLatch(1);
    EventQueue.Entry marker = reached::countDown;
    DisruptorEventQueue.getInstance().enqueue(marker);
    try {
      if (!Uninterruptibles.awaitUninterruptibly(reached, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new TimeoutException("OpenCensus' event queue did not drain within " + timeout);
      }
      SpanExporter exporter = Tracing.getExportComponent().getSpanExporter();
      Exporter.FLUSH.invoke(exporter);
      // The exporter's own thread may still be handing an earlier batch to the handlers; a span
      // stays "referenced" until its batch has been exported.
      while ((Long) Exporter.REFERENCED_SPANS.invoke(exporter) > 0) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("OpenCensus' exporter is still exporting after " + timeout);
        }
        Uninterruptibles.sleepUninterruptibly(1, TimeUnit.MILLISECONDS);
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot flush OpenCensus' span exporter", e);
    }
  }

  /**
   * Spans OpenCensus' exporter has taken into its buffer so far (not dropped): those handed to the
   * handlers plus those still waiting or being handed over. Read so that a batch finishing
   * meanwhile is counted once.
   */
  public static long acceptedSpans() {
    SpanExporter exporter = Tracing.getExportComponent().getSpanExporter();
    try {
      while (true) {
        // A finished batch moves from "referenced" to "pushed" under one lock: read pushed on
        // both sides of referenced and retry if it moved.
        long pushed = (Long) Exporter.PUSHED_SPANS.invoke(exporter);
        long referenced = (Long) Exporter.REFERENCED_SPANS.invoke(exporter);
        if ((Long) Exporter.PUSHED_SPANS.invoke(exporter) == pushed) {
          return pushed + referenced;
        }
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read OpenCensus' span exporter counts", e);
    }
  }

  /** Spans OpenCensus' exporter dropped so far because too many were waiting. */
  public static long droppedSpans() {
    for (MetricProducer producer :
        Metrics.getExportComponent().getMetricProducerManager().getAllMetricProducer()) {
      Collection<Metric> metrics;
      try {
        metrics = producer.getMetrics();
      } catch (RuntimeException brokenProducer) {
        continue; // another library's metrics must not break our count
      }
      for (Metric metric : metrics) {
        if (metric.getMetricDescriptor().getName().equals(DROPPED_METRIC)) {
          long dropped = 0;
          for (TimeSeries series : metric.getTimeSeriesList()) {
            for (Point point : series.getPoints()) {
              dropped +=
                  point.getValue().match(d -> 0L, l -> l, dist -> 0L, summary -> 0L, other -> 0L);
            }
          }
          return dropped;
        }
      }
    }
    return 0;
  }

  private static Method exporterMethod(String name) {
    SpanExporter exporter = Tracing.getExportComponent().getSpanExporter();
    try {
      Method method = exporter.getClass().getDeclaredMethod(name);
      method.setAccessible(true);
      return method;
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(
          "expected opencensus-impl 0.31.1 as the OpenCensus implementation, found "
              + exporter.getClass().getName(),
          e);
    }
  }
}
