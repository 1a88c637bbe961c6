package dev.traced.ltw;

import static dev.traced.testing.ExpectedSpan.attrs;
import static dev.traced.testing.ExpectedSpan.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.ltw.PriceRules.Discount;
import dev.traced.ltw.PriceRules.Region;
import dev.traced.testing.SpanCapture;
import io.opencensus.trace.BlankSpan;
import io.opencensus.trace.Tracing;
import io.opencensus.trace.export.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Records, enums with constant bodies, anonymous and local classes, woven at load time by the AspectJ agent. */
class PriceRulesTracingTest {

  @RegisterExtension static final SpanCapture spans = new SpanCapture();

  @Test
  void everyShapeIsTracedInOneTree() {
    assertThat(PriceRules.price(100, new Discount(10), Region.HOME)).isEqualTo(108.0);
    spans.assertTrees(
        span("price")
            .annotation("pricing", attrs("base", 100.0, "region", "HOME"))
            .child(
                span("Discount.apply"),
                span("Summer.sum").child(span("Region.tax")),
                span("round")));
  }

  @Test
  void enumConstantBodyIsTracedUnderItsBinaryName() {
    assertThat(Region.ABROAD.tax(100)).isEqualTo(5.0);
    spans.assertTrees(span("PriceRules$Region$1.tax"));
  }

  @Test
  void unsampledCallsRecordNothingAndStillCompute() {
    spans.sampleNone();
    assertThat(PriceRules.price(50, new Discount(0), Region.ABROAD)).isEqualTo(52.5);
    spans.assertTrees();
  }

  @Test
  void concurrentCallsKeepEachTreeOnItsOwnThread() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Boolean>> leftCurrent = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      leftCurrent.add(pool.submit(() -> {
        boolean clean = true;
        for (int i = 0; i < 200; i++) {
          PriceRules.price(thread, new Discount(0), Region.HOME);
          clean &= Tracing.getTracer().getCurrentSpan() == BlankSpan.INSTANCE;
        }
        return clean;
      }));
    }
    for (Future<Boolean> clean : leftCurrent) {
      assertThat(clean.get(60, TimeUnit.SECONDS)).isTrue();
    }
    pool.shutdown();

    List<SpanData> all = spans.finished();
    assertThat(all).hasSize(8 * 200 * 5);
    Map<String, List<SpanData>> byTrace =
        all.stream().collect(Collectors.groupingBy(s -> s.getContext().getTraceId().toLowerBase16()));
    assertThat(byTrace).hasSize(8 * 200);
    for (List<SpanData> trace : byTrace.values()) {
      SpanData root = trace.stream().filter(s -> s.getName().equals("price")).findFirst().orElseThrow();
      assertThat(root.getParentSpanId()).isNull();
      assertThat(trace).filteredOn(s -> s != root && !s.getName().equals("Region.tax"))
          .allSatisfy(s -> assertThat(s.getParentSpanId()).isEqualTo(root.getContext().getSpanId()));
    }
  }
}
