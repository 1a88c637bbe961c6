package dev.traced.ltw;

import dev.traced.annotations.Annotate;
import dev.traced.annotations.Attr;
import dev.traced.annotations.Attribute;
import dev.traced.annotations.Traced;
import java.util.List;

/** A small application service, traced the way users trace theirs (the same code as consumer-tests). */
public class Checkout {

  private final Inventory inventory;

  /** A checkout backed by {@code inventory}. */
  public Checkout(Inventory inventory) {
    this.inventory = inventory;
  }

  /** Reserves every item, then pays; self-invokes two private traced methods. */
  @Traced(name = "checkout")
  public Receipt checkout(Order order) {
    for (String item : order.items()) {
      reserve(item);
    }
    return pay(order, order.total());
  }

  @Traced
  private void reserve(String item) {
    if (!inventory.take(item)) {
      throw new IllegalStateException("out of stock: " + item);
    }
  }

  @Traced
  @Annotate(value = "charging card", attributes = @Attribute(key = "gateway", value = "fake"))
  private Receipt pay(Order order, @Attr("amount") double amount) {
    return new Receipt(order.id(), Money.cents(amount));
  }

  /** An order: id, items and total. */
  public record Order(long id, List<String> items, double total) {}

  /** The result of a checkout. */
  public record Receipt(long orderId, long cents) {}

  /** Static helpers, traced too. */
  static final class Money {
    private Money() {}

    @Traced
    static long cents(double amount) {
      return Math.round(amount * 100);
    }
  }
}
