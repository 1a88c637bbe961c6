package dev.traced.aspects;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.testing.SpanCapture;
import io.opencensus.trace.AttributeValue;
import io.opencensus.trace.BlankSpan;
import io.opencensus.trace.Tracing;
import io.opencensus.trace.export.SpanData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 8 threads x 10,000 calls of a traced parent with two traced children: every trace is exactly
 * one parent and its two children from the same thread and call, and no span stays current.
 */
class ConcurrencyTest {

  @RegisterExtension static final SpanCapture spans = new SpanCapture();

  private static final int THREADS = 8;
  private static final int CALLS = 10_000;
  // OpenCensus drops spans when more than about 10,000 wait for export, so the threads pause
  // after each round while the spans are collected; within a round they run concurrently.
  private static final int CALLS_PER_ROUND = 100;

  @Test
  void concurrentCallsGiveExactlyTheExpectedTrees() throws Exception {
    ConcurrencyFixture fixture = new ConcurrencyFixture();
    List<SpanData> collected = new ArrayList<>();
    CyclicBarrier roundEnd = new CyclicBarrier(THREADS, () -> collected.addAll(drain()));
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Integer>> leftCurrent = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        leftCurrent.add(
            pool.submit(
                () -> {
                  int violations = 0;
                  for (int call = 0; call < CALLS; call++) {
                    fixture.parent(thread, call);
                    if (Tracing.getTracer().getCurrentSpan() != BlankSpan.INSTANCE) {
                      violations++;
                    }
                    if ((call + 1) % CALLS_PER_ROUND == 0) {
                      roundEnd.await(60, TimeUnit.SECONDS);
                    }
                  }
                  return violations;
                }));
      }
      for (Future<Integer> violations : leftCurrent) {
        assertThat(violations.get(5, TimeUnit.MINUTES)).as("calls that left a span current").isZero();
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrees(collected);
  }

  private List<SpanData> drain() {
    List<SpanData> round = spans.finished();
    spans.clear();
    return round;
  }

  private static void assertTrees(List<SpanData> all) {
    assertThat(all.size()).as("spans captured").isEqualTo(THREADS * CALLS * 3);
    Map<String, List<SpanData>> byTrace = new HashMap<>();
    for (SpanData span : all) {
      byTrace.computeIfAbsent(span.getContext().getTraceId().toLowerBase16(), k -> new ArrayList<>())
          .add(span);
    }
    assertThat(byTrace.size()).as("traces").isEqualTo(THREADS * CALLS);
    Set<Long> seenCalls = new HashSet<>();
    for (List<SpanData> trace : byTrace.values()) {
      List<SpanData> parents = trace.stream().filter(s -> s.getName().equals("parent")).toList();
      List<SpanData> children = trace.stream().filter(s -> s.getName().equals("child")).toList();
      assertThat(parents).hasSize(1);
      assertThat(children).hasSize(2);
      SpanData parent = parents.get(0);
      assertThat(parent.getParentSpanId()).isNull();
      long thread = attribute(parent, "thread");
      long call = attribute(parent, "call");
      assertThat(seenCalls.add(thread * CALLS + call)).as("call seen once").isTrue();
      for (SpanData child : children) {
        assertThat(child.getParentSpanId()).isEqualTo(parent.getContext().getSpanId());
        assertThat(attribute(child, "thread")).as("child on its parent's thread").isEqualTo(thread);
        assertThat(attribute(child, "call")).isEqualTo(call);
      }
    }
  }

  private static long attribute(SpanData span, String key) {
    AttributeValue value = span.getAttributes().getAttributeMap().get(key);
    return value.match(s -> -1L, b -> -1L, l -> l, d -> -1L, o -> -1L);
  }
}
