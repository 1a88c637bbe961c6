package dev.traced.testing;

import dev.traced.export.ExportPipeline;
import dev.traced.export.SpanTreeFormat;
import io.grpc.Context;
import io.opencensus.trace.BlankSpan;
import io.opencensus.trace.Span;
import io.opencensus.trace.Tracing;
import io.opencensus.trace.config.TraceConfig;
import io.opencensus.trace.export.SpanData;
import io.opencensus.trace.export.SpanExporter;
import io.opencensus.trace.samplers.Samplers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that captures the spans ended during a test, synchronously and in full, from
 * the real OpenCensus implementation.
 *
 * <pre>{@code
 * @RegisterExtension static final SpanCapture spans = new SpanCapture();
 *
 * @Test
 * void failureMarksSpan() {
 *   assertThrows(IllegalStateException.class, fixture::fail);
 *   spans.assertTrees(span("Fixture.fail").status(UNKNOWN, "java.lang.IllegalStateException: boom"));
 * }
 * }</pre>
 *
 * <p>Before each test it sets the sampler to always-sample (OpenCensus' default samples 1 in
 * 10,000) and forgets earlier spans. After each test it fails the test if a span is still current
 * on the test thread, and resets the thread's context so the next test starts clean. Reading
 * spans ({@link #finished()}, {@link #assertTrees}) first drains OpenCensus' event queue and export
 * buffer, so nothing is waited for on a timer.
 */
public final class SpanCapture implements BeforeEachCallback, AfterEachCallback {

  /** Message of the failure raised when a test leaves a span current. */
  public static final String SPAN_LEFT_CURRENT = "a span is still current after the test: ";

  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
  private static final ConcurrentLinkedQueue<SpanData> CAPTURED = new ConcurrentLinkedQueue<>();

  static {
    // One handler per JVM: several test classes share OpenCensus' single global exporter.
    Tracing.getExportComponent()
        .getSpanExporter()
        .registerHandler(SpanCapture.class.getName(), new CapturingHandler());
  }

  /** Creates the extension; register it with {@code @RegisterExtension}. */
  public SpanCapture() {}

  @Override
  public void beforeEach(ExtensionContext context) {
    sampleAll();
    clear();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Span current = Tracing.getTracer().getCurrentSpan();
    if (current != BlankSpan.INSTANCE) {
      // Leave the thread clean for the next test before failing this one.
      Context.ROOT.attach();
      throw new AssertionError(SPAN_LEFT_CURRENT + current.getContext());
    }
  }

  /** Samples every span from now on; the default before each test. */
  public void sampleAll() {
    setSampler(true);
  }

  /** Samples no span from now on (until the next test). */
  public void sampleNone() {
    setSampler(false);
  }

  private static void setSampler(boolean all) {
    TraceConfig config = Tracing.getTraceConfig();
    config.updateActiveTraceParams(
        config.getActiveTraceParams().toBuilder()
            .setSampler(all ? Samplers.alwaysSample() : Samplers.neverSample())
            .build());
  }

  /** Forgets every span ended so far. */
  public void clear() {
    deliverEnded();
    CAPTURED.clear();
  }

  /** The spans ended since the test started (or the last {@link #clear()}), in end order. */
  public List<SpanData> finished() {
    deliverEnded();
    return new ArrayList<>(CAPTURED);
  }

  /**
   * Asserts that the spans ended so far form exactly these trees: names, parent links (same trace,
   * parent's span id), attributes, annotations with their attributes, and status, nothing more and
   * nothing less. Roots are expected in the order they ended, siblings in the order they started
   * (for sequential calls, both are call order).
   *
   * @throws org.opentest4j.AssertionFailedError if they differ: it names the first differing line
   *     and carries both trees as expected and actual values, which IDEs show side by side
   */
  public void assertTrees(ExpectedSpan... roots) {
    assertTrees(Arrays.asList(roots));
  }

  /** As {@link #assertTrees(ExpectedSpan...)}. */
  public void assertTrees(Collection<ExpectedSpan> roots) {
    String expected = ExpectedSpan.render(roots);
    String actual = SpanTreeFormat.withoutTimes().render(finished());
    if (!expected.equals(actual)) {
      throw TreeMismatch.of(expected, actual);
    }
  }

  private static void deliverEnded() {
    try {
      ExportPipeline.deliverEnded(DRAIN_TIMEOUT);
    } catch (TimeoutException e) {
      throw new AssertionError("ended spans did not reach the exporter", e);
    }
  }

  /** Receives batches from OpenCensus' exporter; thread-safe, as batches come from two threads. */
  private static final class CapturingHandler extends SpanExporter.Handler {
    @Override
    public void export(Collection<SpanData> spanDataList) {
      CAPTURED.addAll(spanDataList);
    }
  }
}
