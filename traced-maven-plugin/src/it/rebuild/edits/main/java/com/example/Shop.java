package com.example;

import dev.traced.annotations.Annotate;
import dev.traced.annotations.Attr;
import dev.traced.annotations.Traced;

/** Shop after the edit: checkout also traces a tax step; total is renamed. */
public class Shop implements Greeter {

  /** A record with a traced method. */
  public record Money(long cents) {
    @Traced
    public String format() {
      return cents / 100 + "." + String.format("%02d", cents % 100);
    }
  }

  @Traced(name = "checkout")
  public String checkout(long cents) {
    note(cents);
    return greet("buyer") + " pays " + sum(new Money(tax(cents)));
  }

  @Annotate("noted")
  private void note(@Attr("cents") long cents) {}

  @Traced
  private static long tax(long cents) {
    return cents + cents / 10;
  }

  @Traced
  private static String sum(Money money) {
    return money.format();
  }
}
