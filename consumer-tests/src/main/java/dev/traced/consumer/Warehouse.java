package dev.traced.consumer;

import dev.traced.annotations.Annotate;
import dev.traced.annotations.Attr;
import dev.traced.annotations.NotTraced;
import dev.traced.annotations.SpanKind;
import dev.traced.annotations.Traced;
import java.util.concurrent.CompletableFuture;

/** Traced as a whole by its class-level @Traced: one span per call of each method. */
@Traced(kind = SpanKind.CLIENT)
public class Warehouse {

  /** Reserves {@code count} of {@code item}; 0 when there is no such item. */
  public int reserve(@Attr("item") String item, int count) {
    return check(item) ? count : 0;
  }

  @Annotate("checking")
  boolean check(@Attr("item") String item) {
    return !item.isEmpty();
  }

  /** Reserves one {@code item}, as a stage. */
  public CompletableFuture<Integer> reserveLater(String item) {
    return CompletableFuture.completedFuture(reserve(item, 1));
  }

  /** Not traced: a plain accessor. */
  @NotTraced
  public String name() {
    return "warehouse";
  }

  @Override
  public String toString() {
    return name();
  }
}
