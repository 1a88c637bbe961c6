package com.example;

import dev.traced.annotations.Annotate;
import dev.traced.annotations.Attr;
import dev.traced.annotations.Traced;

/** Application code with traced methods of every kind the README promises. */
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
    return greet("buyer") + " pays " + total(new Money(cents));
  }

  @Annotate("noted")
  private void note(@Attr("cents") long cents) {}

  @Traced
  private static String total(Money money) {
    return money.format();
  }

  /** Packs on a pool thread: the packing span is a child of this one. */
  @Traced(name = "ship")
  public int ship() throws Exception {
    return Worker.onPool(Shop::pack);
  }

  @Traced(name = "pack")
  static int pack() {
    return 3;
  }
}
