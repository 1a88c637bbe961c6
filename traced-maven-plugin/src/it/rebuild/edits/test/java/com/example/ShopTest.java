package com.example;

import static dev.traced.testing.ExpectedSpan.attrs;
import static dev.traced.testing.ExpectedSpan.span;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.traced.testing.SpanCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ShopTest {

  @RegisterExtension static final SpanCapture spans = new SpanCapture();

  @Test
  void editedCheckoutIsOneTreeWithOneSpanPerCall() {
    assertEquals("hello buyer pays 13.57", new Shop().checkout(1234));

    spans.assertTrees(
        span("checkout")
            .annotation("noted", attrs("cents", 1234L))
            .child(
                span("Greeter.greet"),
                span("Shop.tax"),
                span("Shop.sum").child(span("Money.format"))));
  }
}
