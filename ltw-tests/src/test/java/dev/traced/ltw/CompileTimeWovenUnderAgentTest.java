package dev.traced.ltw;

import static dev.traced.testing.ExpectedSpan.attrs;
import static dev.traced.testing.ExpectedSpan.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.consumer.Checkout;
import dev.traced.consumer.Checkout.Order;
import dev.traced.consumer.Inventory;
import dev.traced.testing.SpanCapture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A jar woven at build time (consumer-tests, through aspectLibraries) on the class path of a JVM
 * that also runs the weaver agent, as when an application mixes both: still one span per call.
 */
class CompileTimeWovenUnderAgentTest {

  @RegisterExtension static final SpanCapture spans = new SpanCapture();

  @Test
  void classesWovenAtBuildTimeAreNotWovenAgain() {
    Inventory inventory = Inventory.of(1, "book");
    new Checkout(inventory).checkout(new Order(7, List.of("book"), 2));
    assertThat(inventory.available("book")).isFalse();

    spans.assertTrees(
        span("inventory.create"),
        span("checkout")
            .child(
                span("Checkout.reserve"),
                span("Checkout.pay")
                    .annotation("charging card", attrs("gateway", "fake", "amount", 2.0))
                    .child(span("Money.cents"))),
        span("Inventory.available"));
  }
}
