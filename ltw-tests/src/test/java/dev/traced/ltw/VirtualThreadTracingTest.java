package dev.traced.ltw;

import static dev.traced.testing.ExpectedSpan.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.traced.ltw.PriceRules.Discount;
import dev.traced.ltw.PriceRules.Region;
import dev.traced.testing.SpanCapture;
import io.opencensus.trace.BlankSpan;
import io.opencensus.trace.Tracing;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Load-time woven code on a virtual thread (JDK 21+): the same tree, context restored. */
class VirtualThreadTracingTest {

  @RegisterExtension static final SpanCapture spans = new SpanCapture();

  @Test
  void virtualThreadGetsTheSameTree() throws Exception {
    assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
    AtomicBoolean restored = new AtomicBoolean();
    Runnable call =
        () -> {
          PriceRules.price(10, new Discount(0), Region.HOME);
          restored.set(Tracing.getTracer().getCurrentSpan() == BlankSpan.INSTANCE);
        };
    // Reflection: this module is compiled for Java 17, where Thread.startVirtualThread is absent.
    Thread virtual =
        (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null, call);
    virtual.join(30_000);

    assertThat(virtual.isAlive()).isFalse();
    assertThat(restored).isTrue();
    spans.assertTrees(
        span("price")
            .annotation("pricing", dev.traced.testing.ExpectedSpan.attrs("base", 10.0, "region", "HOME"))
            .child(span("Discount.apply"), span("Summer.sum").child(span("Region.tax")), span("round")));
  }
}
