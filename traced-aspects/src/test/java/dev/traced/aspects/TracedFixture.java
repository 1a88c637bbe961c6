package dev.traced.aspects;

import dev.traced.annotations.Annotate;
import dev.traced.annotations.Attr;
import dev.traced.annotations.Attribute;
import dev.traced.annotations.SpanKind;
import dev.traced.annotations.Traced;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** Methods of every shape the aspect must weave; woven by this module's ajc test-compile. */
class TracedFixture {

  @Traced
  public String publicMethod(String text) {
    return text.toUpperCase(Locale.ROOT);
  }

  @Traced(name = "custom-name")
  String namedMethod() {
    return "named";
  }

  @Traced(name = "handle", kind = SpanKind.SERVER)
  String handle(@Attr("path") String path) {
    return callBackend(path) + callBackendAsync(path).join();
  }

  @Traced(kind = SpanKind.CLIENT)
  private String callBackend(String path) {
    return path.toUpperCase(Locale.ROOT);
  }

  @Traced(kind = SpanKind.CLIENT)
  private static java.util.concurrent.CompletableFuture<String> callBackendAsync(String path) {
    return java.util.concurrent.CompletableFuture.completedFuture("!");
  }

  String callPrivate() {
    return privateMethod();
  }

  @Traced
  private String privateMethod() {
    return "private";
  }

  @Traced
  static int staticMethod(int value) {
    return value * 2;
  }

  @Traced
  final long finalMethod() {
    return 42L;
  }

  @Traced
  synchronized boolean synchronizedMethod() {
    return true;
  }

  @Traced
  <T> T genericMethod(T value) {
    return value;
  }

  @Traced
  int varargsMethod(String... parts) {
    return parts.length;
  }

  @Traced
  void voidMethod() {}

  @Traced
  double doubleMethod() {
    return 1.5;
  }

  /** Self-invocation: the inner span is a child of the outer one. */
  @Traced
  String outer() {
    return inner() + inner();
  }

  @Traced
  String inner() {
    return "in";
  }

  @Traced
  void failUnchecked() {
    throw new IllegalStateException("boom");
  }

  @Traced
  void failChecked() throws IOException {
    throw new IOException("disk gone");
  }

  @Traced
  void failWithoutMessage() {
    throw new UnsupportedOperationException();
  }

  @Traced
  void failError() {
    throw new AssertionError("deep");
  }

  /** The quickstart's shape: repl annotates, then calls processInput. */
  @Traced(name = "repl")
  String readEvaluateProcess(String line) {
    return evaluate(line, line.length());
  }

  @Annotate(value = "Invoking processLine", attributes = @Attribute(key = "use", value = "repl"))
  String evaluate(String line, @Attr("len") int length) {
    return processInput(line);
  }

  @Traced(name = "processInput")
  String processInput(String line) {
    return line.toUpperCase(Locale.ROOT);
  }

  /** @Annotate and @Traced on one method: the annotation lands on the method's own span. */
  @Traced
  @Annotate("own span")
  void tracedAndAnnotated(@Attr("id") long id) {}

  @Annotate("plain")
  void annotatedOnly() {}

  @Annotate(
      value = "typed",
      attributes = {@Attribute(key = "a", value = "1"), @Attribute(key = "b", value = "two")})
  void annotatedWithTypes(
      @Attr("text") String text,
      @Attr("count") int count,
      @Attr("big") long big,
      @Attr("ratio") double ratio,
      @Attr("flag") boolean flag,
      @Attr("list") List<String> list,
      @Attr("nothing") Object nothing,
      @Attr Short defaultKey) {}

  @Traced
  String tracedWithAttributes(@Attr("order") long orderId, @Attr String customer, int untouched) {
    return customer + orderId + untouched;
  }

  /** More @Attr-able parameters than the advice binds one by one (the join point path). */
  @Traced
  String fiveParameters(@Attr("a") int a, int b, int c, int d, @Attr("e") String e) {
    return e + (a + b + c + d);
  }

  /** Traced, annotated, constant and parameter attributes: all on the one annotation. */
  @Traced(name = "checked")
  @Annotate(value = "checking", attributes = @Attribute(key = "k", value = "v"))
  long tracedAnnotatedWithAttributes(@Attr("n") long n, @Attr("s") String s) {
    return n * 2;
  }

  @Traced
  void failWithAttribute(@Attr("id") int id) {
    throw new IllegalArgumentException("bad id " + id);
  }

  /** An argument whose toString() throws, and an array. */
  @Annotate("odd values")
  void annotatedWithOddValues(@Attr("bad") Object bad, @Attr("numbers") int[] numbers) {}

  /** Calls that go through a nested, an inner, an anonymous and a local class. */
  static final class Nested {
    @Traced
    String run() {
      return "nested";
    }
  }

  final class Inner {
    @Traced
    String run() {
      return "inner";
    }
  }

  Supplier<String> anonymous() {
    return new Supplier<String>() {
      @Traced
      @Override
      public String get() {
        return "anonymous";
      }
    };
  }

  String local() {
    final class Local {
      @Traced
      String run() {
        return "local";
      }
    }
    return new Local().run();
  }

  /** A lambda cannot carry an annotation, but a traced method called from one is traced. */
  Supplier<String> lambdaCallingTraced() {
    return () -> inner();
  }
}
