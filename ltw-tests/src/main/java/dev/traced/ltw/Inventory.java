package dev.traced.ltw;

import dev.traced.annotations.Traced;
import java.util.HashMap;
import java.util.Map;

/** Stock levels; an interface with a traced default method and a traced static factory. */
public interface Inventory {

  /** Removes one {@code item}; false when none is left. */
  boolean take(String item);

  /** Whether {@code item} is in stock, by taking and not returning it. */
  @Traced
  default boolean available(String item) {
    return take(item);
  }

  /** An inventory with {@code count} of each of {@code items}. */
  @Traced(name = "inventory.create")
  static Inventory of(int count, String... items) {
    Map<String, Integer> stock = new HashMap<>();
    for (String item : items) {
      stock.put(item, count);
    }
    return item -> stock.merge(item, -1, Integer::sum) >= 0;
  }
}
