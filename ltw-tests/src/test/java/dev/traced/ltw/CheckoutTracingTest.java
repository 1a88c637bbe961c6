package dev.traced.ltw;

import static dev.traced.testing.ExpectedSpan.attrs;
import static dev.traced.testing.ExpectedSpan.span;
import static io.opencensus.trace.Status.CanonicalCode.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.traced.ltw.Checkout.Order;
import dev.traced.ltw.Checkout.Receipt;
import dev.traced.testing.SpanCapture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Application code compiled by plain javac and woven at load time by the AspectJ agent: the whole span
 * tree, exactly one span per call.
 */
class CheckoutTracingTest {

  @RegisterExtension static final SpanCapture spans = new SpanCapture();

  @Test
  void checkoutProducesTheFullTreeWithPrivateStaticAndSelfInvokedSpans() {
    Inventory inventory = Inventory.of(1, "book", "pen");
    Receipt receipt = new Checkout(inventory).checkout(new Order(7, List.of("book", "pen"), 12.5));

    assertThat(receipt).isEqualTo(new Receipt(7, 1250));
    spans.assertTrees(
        span("inventory.create"),
        span("checkout")
            .child(
                span("Checkout.reserve"),
                span("Checkout.reserve"),
                span("Checkout.pay")
                    .annotation("charging card", attrs("gateway", "fake", "amount", 12.5))
                    .child(span("Money.cents"))));
  }

  @Test
  void failureInsideAChildMarksOnlyTheSpansItPassesThrough() {
    Inventory inventory = Inventory.of(0, "book");
    Checkout checkout = new Checkout(inventory);

    Throwable thrown = catchThrowable(() -> checkout.checkout(new Order(8, List.of("book"), 3)));

    assertThat(thrown).isExactlyInstanceOf(IllegalStateException.class);
    assertThat(thrown).hasMessage("out of stock: book");
    String type = "java.lang.IllegalStateException";
    spans.assertTrees(
        span("inventory.create"),
        span("checkout")
            .annotation(type, attrs("exception.type", type, "exception.message", "out of stock: book"))
            .status(UNKNOWN, type + ": out of stock: book")
            .child(
                span("Checkout.reserve")
                    .annotation(
                        type, attrs("exception.type", type, "exception.message", "out of stock: book"))
                    .status(UNKNOWN, type + ": out of stock: book")));
  }

  @Test
  void interfaceDefaultMethodIsTracedOncePerCall() {
    Inventory inventory = Inventory.of(2, "pen");
    spans.clear();

    assertThat(inventory.available("pen")).isTrue();
    assertThat(inventory.available("pen")).isTrue();
    assertThat(inventory.available("pen")).isFalse();

    spans.assertTrees(span("Inventory.available"), span("Inventory.available"), span("Inventory.available"));
  }
}
