package dev.traced.ltw;

import dev.traced.annotations.Annotate;
import dev.traced.annotations.Attr;
import dev.traced.annotations.Traced;
import java.util.function.DoubleUnaryOperator;

/** Pricing code in the shapes the JVM treats specially: records, enums, nested and local classes. */
public final class PriceRules {

  private PriceRules() {}

  /** A discount as a record with a traced method. */
  public record Discount(double percent) {
    /** The price after the discount. */
    @Traced
    public double apply(double price) {
      return price * (100 - percent) / 100;
    }
  }

  /** Tax regions: an enum whose constant has a body of its own. */
  public enum Region {
    /** Standard rate. */
    HOME,
    /** Reduced rate, in a constant-specific body. */
    ABROAD {
      @Traced
      @Override
      public double tax(double price) {
        return price * 0.05;
      }
    };

    /** The tax on {@code price}. */
    @Traced
    public double tax(double price) {
      return price * 0.2;
    }
  }

  /** A rounding step as an anonymous class. */
  public static DoubleUnaryOperator rounding() {
    return new DoubleUnaryOperator() {
      @Traced(name = "round")
      @Override
      public double applyAsDouble(double value) {
        return Math.round(value * 100) / 100.0;
      }
    };
  }

  /** The final price: discount, tax by region, rounding; a local class does the sum. */
  @Traced(name = "price")
  @Annotate("pricing")
  public static double price(
      @Attr("base") double base, Discount discount, @Attr("region") Region region) {
    final class Summer {
      @Traced
      double sum(double net) {
        return net + region.tax(net);
      }
    }
    return rounding().applyAsDouble(new Summer().sum(discount.apply(base)));
  }
}
