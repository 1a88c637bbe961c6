package dev.traced.testing;

import io.opencensus.impl.internal.DisruptorEventQueue;
import io.opencensus.implcore.internal.EventQueue;
import io.opencensus.trace.Tracing;
import io.opencensus.trace.export.SpanExporter;
import java.lang.reflect.Method;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Pushes every span that has ended so far through OpenCensus' export pipeline to the registered
 * handlers, on the calling thread, instead of waiting up to 5 s for the next batch.
 *
 * <p>An ended span first passes through the implementation's event queue (one consumer, in
 * order), then waits in the exporter's buffer. So: enqueue a marker entry and wait until the
 * consumer reaches it, then flush the buffer. The flush method is package-private in
 * opencensus-impl-core 0.31.1, hence the one reflective call.
 */
final class ExportQueueDrain {

  private static final Method FLUSH = flushMethod();

  private ExportQueueDrain() {}

  /** Delivers all spans ended before this call to the handlers; fails after {@code timeoutMillis}. */
  static void drain(long timeoutMillis) {
    CountDownLatch reached = new CountDownLatch(1);
    EventQueue.Entry marker = reached::countDown;
    DisruptorEventQueue.getInstance().enqueue(marker);
    try {
      if (!reached.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            "OpenCensus' event queue did not drain within " + timeoutMillis + " ms");
      }
      FLUSH.invoke(Tracing.getExportComponent().getSpanExporter());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while draining spans", e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot flush OpenCensus' span exporter", e);
    }
  }

  private static Method flushMethod() {
    SpanExporter exporter = Tracing.getExportComponent().getSpanExporter();
    try {
      Method flush = exporter.getClass().getDeclaredMethod("flush");
      flush.setAccessible(true);
      return flush;
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(
          "expected opencensus-impl 0.31.1 on the test classpath, found "
              + exporter.getClass().getName(),
          e);
    }
  }
}
