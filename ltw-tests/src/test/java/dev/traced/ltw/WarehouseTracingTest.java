package dev.traced.ltw;

import static dev.traced.testing.ExpectedSpan.attrs;
import static dev.traced.testing.ExpectedSpan.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.testing.ExpectedSpan;
import dev.traced.testing.SpanCapture;
import io.opencensus.trace.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A class-level @Traced, woven as this module weaves: exactly one span per call of each method. */
class WarehouseTracingTest {

  @RegisterExtension static final SpanCapture spans = new SpanCapture();

  private final Warehouse warehouse = new Warehouse();

  @Test
  void eachMethodOfTheClassGetsOneSpanPerCall() {
    assertThat(warehouse.reserve("box", 2)).isEqualTo(2);
    assertThat(warehouse.reserveLater("box").join()).isEqualTo(1);
    spans.assertTrees(
        reserve(),
        span("Warehouse.reserveLater").kind(Span.Kind.CLIENT).child(reserve()));
  }

  @Test
  void notTracedMethodsAndToStringMakeNoSpan() {
    assertThat(warehouse.name()).isEqualTo("warehouse");
    assertThat(warehouse.toString()).isEqualTo("warehouse");
    spans.assertTrees();
  }

  private static ExpectedSpan reserve() {
    return span("Warehouse.reserve")
        .kind(Span.Kind.CLIENT)
        .attribute("item", "box")
        .child(
            span("Warehouse.check")
                .kind(Span.Kind.CLIENT)
                .annotation("checking", attrs("item", "box")));
  }
}
