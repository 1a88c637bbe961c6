package dev.traced.aspects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.traced.testing.SpanCapture;
import io.opencensus.common.Scope;
import io.opencensus.trace.Span;
import io.opencensus.trace.Tracer;
import io.opencensus.trace.Tracing;
import io.opencensus.trace.samplers.Samplers;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's "unsampled {@code @Annotate} calls build nothing", measured: calls to a woven
 * {@code @Annotate} method without a sampled current span allocate no more than the same calls to
 * an unwoven twin. No join point, no argument array, no attribute map, no text.
 *
 * <p>Allocated bytes of the calling thread (ThreadMXBean), over many calls, in several rounds; the
 * lowest difference of a round counts, so that a one-off allocation in one round (the JIT
 * recompiling a loop, say) is not taken for a per-call cost, while a per-call allocation shows in
 * every round. The margin (under 16 bytes per call) is below the smallest thing the advice could
 * build per call (a join point or an argument array is at least 16 bytes; without the advice's
 * guard it built 1,088 bytes per call). It is not 1 byte: on Temurin 25, under an unsampled span,
 * the woven method measured 6 bytes per call beyond its twin in every round (17: 0), a cost that
 * the JIT's escape analysis removes on one JDK and not on the other, not yet traced to its source.
 */
class UnsampledAnnotateAllocationTest {

  @RegisterExtension static final SpanCapture spans = new SpanCapture();

  private static final int ROUNDS = 8;
  private static final int CALLS = 200_000;
  private static final double MARGIN = 16.0;

  private final AllocationFixture fixture = new AllocationFixture();
  private final Tracer tracer = Tracing.getTracer();
  private final String text = "hello";
  private final List<String> list = List.of("a", "b");

  private static com.sun.management.ThreadMXBean threads() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no allocation counter");
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
    assumeTrue(threads.isThreadAllocatedMemorySupported(), "no allocation counter");
    threads.setThreadAllocatedMemoryEnabled(true);
    return threads;
  }

  /** Bytes the current thread allocates running {@code CALLS} calls of {@code call}. */
  private static long allocatedBy(IntUnaryOperator call) {
    com.sun.management.ThreadMXBean threads = threads();
    // The current thread's counter: Thread.getId() is deprecated from Java 19 on.
    long before = threads.getCurrentThreadAllocatedBytes();
    int sum = 0;
    for (int i = 0; i < CALLS; i++) {
      sum += call.applyAsInt(i);
    }
    long after = threads.getCurrentThreadAllocatedBytes();
    assertThat(sum).isNotZero();
    return after - before;
  }

  /** The woven calls' extra bytes per call over the twin's, in the round where it was lowest. */
  private static double extraBytesPerCall(IntUnaryOperator woven, IntUnaryOperator twin) {
    long lowest = Long.MAX_VALUE;
    for (int round = 0; round < ROUNDS; round++) {
      long wovenBytes = allocatedBy(woven);
      long twinBytes = allocatedBy(twin);
      lowest = Math.min(lowest, wovenBytes - twinBytes);
    }
    return (double) lowest / CALLS;
  }

  private int annotated(int i) {
    return fixture.annotated(text, i, i, 0.5, true, list);
  }

  private int twin(int i) {
    return fixture.unwovenTwin(text, i, i, 0.5, true, list);
  }

  @Test
  void annotateWithAttributesAllocatesNothingWithoutACurrentSpan() {
    assertThat(extraBytesPerCall(this::annotated, this::twin))
        .as("bytes per call the woven @Annotate method allocates beyond its unwoven twin")
        .isLessThan(MARGIN);
    spans.assertTrees();
  }

  @Test
  void annotateAllocatesNothingUnderAnUnsampledSpan() {
    Span unsampled = tracer.spanBuilder("unsampled").setSampler(Samplers.neverSample()).startSpan();
    double withAttributes;
    double withoutAttributes;
    try (Scope ignored = tracer.withSpan(unsampled)) {
      withAttributes = extraBytesPerCall(this::annotated, this::twin);
      withoutAttributes =
          extraBytesPerCall(
              fixture::annotatedWithoutAttributes, fixture::unwovenTwinWithoutAttributes);
    } finally {
      unsampled.end();
    }
    assertThat(withAttributes)
        .as("bytes per call of @Annotate with @Attr parameters beyond its twin")
        .isLessThan(MARGIN);
    assertThat(withoutAttributes)
        .as("bytes per call of a plain @Annotate beyond its twin")
        .isLessThan(MARGIN);
    spans.assertTrees();
  }
}
