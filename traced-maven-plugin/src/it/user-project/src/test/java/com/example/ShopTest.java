package com.example;

import static dev.traced.testing.ExpectedSpan.attrs;
import static dev.traced.testing.ExpectedSpan.span;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.traced.annotations.Traced;
import dev.traced.testing.SpanCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ShopTest {

  @RegisterExtension static final SpanCapture spans = new SpanCapture();

  @Test
  void checkoutIsOneTreeWithOneSpanPerCall() {
    assertEquals("hello buyer pays 12.34", new Shop().checkout(1234));

    spans.assertTrees(
        span("checkout")
            .annotation("noted", attrs("cents", 1234L))
            .child(
                span("Greeter.greet"),
                span("Shop.total").child(span("Money.format"))));
  }

  @Test
  void workHandedToAPoolInAClassWithoutAnnotationsStaysInTheTrace() throws Exception {
    assertEquals(3, new Shop().ship());

    spans.assertTrees(span("ship").child(span("pack")));
  }

  @Test
  void classWithOnlyAClassLevelTracedIsWovenWithOneSpanPerCall() {
    assertEquals(6, new Pricing().price("abc"));
    assertEquals("pricing", new Pricing().toString());

    spans.assertTrees(span("Pricing.price").child(span("Pricing.base")));
  }

  @Test
  void testClassesAreWovenToo() {
    assertEquals(42, answer());

    spans.assertTrees(span("ShopTest.answer"));
  }

  @Traced
  private static int answer() {
    return 42;
  }
}
