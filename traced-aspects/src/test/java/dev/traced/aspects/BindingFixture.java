package dev.traced.aspects;

import dev.traced.annotations.Annotate;
import dev.traced.annotations.Attr;
import dev.traced.annotations.Attribute;
import dev.traced.annotations.Traced;
import java.util.concurrent.CompletableFuture;

/**
 * One method per advice shape the aspect has: arity 0 to 5 (every parameter an {@code @Attr}),
 * {@code @Traced} alone, {@code @Traced} with {@code @Annotate}, {@code @Annotate} alone, and
 * async {@code @Traced}. Each returns a value built from its arguments, and throws
 * {@link IllegalStateException} with message {@value #FAIL} when its first argument is
 * {@value #FAIL}. Woven by this module's ajc test-compile.
 */
class BindingFixture {

  /** The first argument that makes a method throw; also the exception's message. */
  static final String FAIL = "fail";

  /** The description of every {@code @Annotate} here. */
  static final String DESCRIPTION = "bound";

  private static String result(String method, Object... args) {
    if (args.length > 0 && FAIL.equals(args[0])) {
      throw new IllegalStateException(FAIL);
    }
    StringBuilder text = new StringBuilder(method);
    for (Object arg : args) {
      text.append(':').append(arg);
    }
    return text.toString();
  }

  // @Traced alone.

  @Traced
  String t0() {
    return result("t0");
  }

  @Traced
  String t1(@Attr("p0") String p0) {
    return result("t1", p0);
  }

  @Traced
  String t2(@Attr("p0") String p0, @Attr("p1") int p1) {
    return result("t2", p0, p1);
  }

  @Traced
  String t3(@Attr("p0") String p0, @Attr("p1") int p1, @Attr("p2") int p2) {
    return result("t3", p0, p1, p2);
  }

  @Traced
  String t4(@Attr("p0") String p0, @Attr("p1") int p1, @Attr("p2") int p2, @Attr("p3") int p3) {
    return result("t4", p0, p1, p2, p3);
  }

  @Traced
  String t5(
      @Attr("p0") String p0,
      @Attr("p1") int p1,
      @Attr("p2") int p2,
      @Attr("p3") int p3,
      @Attr("p4") int p4) {
    return result("t5", p0, p1, p2, p3, p4);
  }

  // @Traced and @Annotate with a constant attribute: all attributes go on the annotation.

  @Traced
  @Annotate(value = DESCRIPTION, attributes = @Attribute(key = "c", value = "k"))
  String ta0() {
    return result("ta0");
  }

  @Traced
  @Annotate(value = DESCRIPTION, attributes = @Attribute(key = "c", value = "k"))
  String ta1(@Attr("p0") String p0) {
    return result("ta1", p0);
  }

  @Traced
  @Annotate(value = DESCRIPTION, attributes = @Attribute(key = "c", value = "k"))
  String ta2(@Attr("p0") String p0, @Attr("p1") int p1) {
    return result("ta2", p0, p1);
  }

  @Traced
  @Annotate(value = DESCRIPTION, attributes = @Attribute(key = "c", value = "k"))
  String ta3(@Attr("p0") String p0, @Attr("p1") int p1, @Attr("p2") int p2) {
    return result("ta3", p0, p1, p2);
  }

  @Traced
  @Annotate(value = DESCRIPTION, attributes = @Attribute(key = "c", value = "k"))
  String ta4(@Attr("p0") String p0, @Attr("p1") int p1, @Attr("p2") int p2, @Attr("p3") int p3) {
    return result("ta4", p0, p1, p2, p3);
  }

  @Traced
  @Annotate(value = DESCRIPTION, attributes = @Attribute(key = "c", value = "k"))
  String ta5(
      @Attr("p0") String p0,
      @Attr("p1") int p1,
      @Attr("p2") int p2,
      @Attr("p3") int p3,
      @Attr("p4") int p4) {
    return result("ta5", p0, p1, p2, p3, p4);
  }

  // @Annotate alone, with a constant attribute: the annotation goes on the caller's span.

  @Annotate(value = DESCRIPTION, attributes = @Attribute(key = "c", value = "k"))
  String a0() {
    return result("a0");
  }

  @Annotate(value = DESCRIPTION, attributes = @Attribute(key = "c", value = "k"))
  String a1(@Attr("p0") String p0) {
    return result("a1", p0);
  }

  @Annotate(value = DESCRIPTION, attributes = @Attribute(key = "c", value = "k"))
  String a5(
      @Attr("p0") String p0,
      @Attr("p1") int p1,
      @Attr("p2") int p2,
      @Attr("p3") int p3,
      @Attr("p4") int p4) {
    return result("a5", p0, p1, p2, p3, p4);
  }

  // Async @Traced: the span ends with the returned stage (already complete here).

  @Traced
  CompletableFuture<String> async0() {
    return CompletableFuture.completedFuture(result("async0"));
  }

  @Traced
  CompletableFuture<String> async2(@Attr("p0") String p0, @Attr("p1") int p1) {
    return CompletableFuture.completedFuture(result("async2", p0, p1));
  }

  @Traced
  @Annotate(value = DESCRIPTION, attributes = @Attribute(key = "c", value = "k"))
  CompletableFuture<String> asyncAnnotated2(@Attr("p0") String p0, @Attr("p1") int p1) {
    return CompletableFuture.completedFuture(result("asyncAnnotated2", p0, p1));
  }

  /** Throws {@code exception}: for exceptions that break the code recording them. */
  @Traced
  void rethrow(RuntimeException exception) {
    throw exception;
  }

  /** {@code @Attr("")}: the key is the parameter's name, as with a bare {@code @Attr}. */
  @Traced
  String emptyKey(@Attr("") String customer, @Attr long orderId) {
    return customer + orderId;
  }

  // An argument whose toString() counts its calls: unsampled calls must never read it.

  @Annotate(DESCRIPTION)
  String annotatedObject(@Attr("o") Object o) {
    return "annotatedObject";
  }

  @Traced
  String tracedObject(@Attr("o") Object o) {
    return "tracedObject";
  }

  @Traced
  String tracedObject5(@Attr("o") Object o, int a, int b, int c, int d) {
    return "tracedObject5";
  }

  @Traced
  @Annotate(DESCRIPTION)
  String tracedAnnotatedObject(@Attr("o") Object o) {
    return "tracedAnnotatedObject";
  }

  @Traced
  CompletableFuture<String> asyncObject(@Attr("o") Object o) {
    return CompletableFuture.completedFuture("asyncObject");
  }

  /** A stage that refuses completion actions, as a hostile CompletionStage might. */
  static final class RefusingStage extends CompletableFuture<String> {
    @Override
    public CompletableFuture<String> whenComplete(
        java.util.function.BiConsumer<? super String, ? super Throwable> action) {
      throw new UnsupportedOperationException("no actions here");
    }
  }

  @Traced
  CompletableFuture<String> asyncRefusing() {
    return new RefusingStage();
  }

  @Traced
  CompletableFuture<String> asyncNull() {
    return null;
  }
}
