package dev.traced.ltw;

import dev.traced.annotations.Attr;
import dev.traced.annotations.Traced;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Quotes shipping asynchronously: a traced method returning a stage, whose work runs on a pool and
 * calls another traced method there.
 */
public final class Shipping {

  private final ExecutorService pool;

  /** Quotes on {@code pool}. */
  public Shipping(ExecutorService pool) {
    this.pool = pool;
  }

  /** The price of shipping to {@code country}, computed on the pool. */
  @Traced(name = "shipping.quote")
  public CompletableFuture<Integer> quote(@Attr("country") String country) {
    return CompletableFuture.supplyAsync(() -> rate(country), pool)
        .thenApplyAsync(rate -> rate * 2, pool);
  }

  /** Work submitted to the pool that ends up failing the quote. */
  @Traced(name = "shipping.quoteNowhere")
  public CompletableFuture<Integer> quoteNowhere() {
    CompletableFuture<Integer> quote = new CompletableFuture<>();
    pool.execute(() -> quote.completeExceptionally(new IllegalArgumentException(lookUp("nowhere"))));
    return quote;
  }

  @Traced(name = "shipping.rate")
  int rate(String country) {
    return country.length();
  }

  @Traced(name = "shipping.lookUp")
  String lookUp(String country) {
    return "no route to " + country;
  }
}
