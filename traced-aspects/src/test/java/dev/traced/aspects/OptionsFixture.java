package dev.traced.aspects;

import dev.traced.annotations.Annotate;
import dev.traced.annotations.Attr;
import dev.traced.annotations.Traced;
import java.util.concurrent.CompletableFuture;

/** Methods using @Traced's options: expected, recordResult, newTrace. */
class OptionsFixture {

  /** A lookup's normal "no such thing" answer. */
  static class NotFound extends Exception {
    private static final long serialVersionUID = 1L;

    NotFound(String message) {
      super(message);
    }
  }

  /** A subtype of an expected type: expected too. */
  static final class NoSuchSku extends NotFound {
    private static final long serialVersionUID = 1L;

    NoSuchSku(String message) {
      super(message);
    }
  }

  @Traced(name = "find", expected = NotFound.class)
  String find(String id) throws NotFound {
    if (id.equals("missing")) {
      throw new NotFound("no " + id);
    }
    if (id.equals("sku")) {
      throw new NoSuchSku("no " + id);
    }
    if (id.equals("broken")) {
      throw new IllegalStateException("broken");
    }
    return "found " + id;
  }

  @Traced(name = "findAsync", expected = {IllegalArgumentException.class, NotFound.class})
  CompletableFuture<String> findAsync(CompletableFuture<String> stage) {
    return stage;
  }

  @Traced(name = "stock", recordResult = "stock")
  int stock(String sku) {
    return sku.length();
  }

  @Traced(name = "describe", recordResult = "description")
  Object describe(Object value) {
    return value;
  }

  @Traced(name = "stockAsync", recordResult = "stock")
  CompletableFuture<Integer> stockAsync(CompletableFuture<Integer> stage) {
    return stage;
  }

  @Traced(name = "priced", recordResult = "price")
  @Annotate("pricing")
  long priced(@Attr("sku") String sku) {
    return 42L;
  }

  @Traced(name = "many", recordResult = "sum")
  int many(@Attr("a") int a, int b, int c, int d, int e) {
    return a + b + c + d + e;
  }

  @Traced(name = "job", newTrace = true)
  String job() {
    return step();
  }

  @Traced(name = "step")
  String step() {
    return "stepped";
  }

  @Traced(name = "request")
  String request() {
    return job();
  }
}
