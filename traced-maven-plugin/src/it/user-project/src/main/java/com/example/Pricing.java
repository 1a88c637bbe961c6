package com.example;

import dev.traced.annotations.NotTraced;
import dev.traced.annotations.Traced;

/** Traced as a whole: no method carries @Traced, so only the class annotation gets it woven. */
@Traced
public class Pricing {

  public long price(String sku) {
    return base(sku) * 2;
  }

  private long base(String sku) {
    return sku.length();
  }

  @NotTraced
  public String label() {
    return "pricing";
  }

  @Override
  public String toString() {
    return label();
  }
}
