package dev.traced.aspects;

import dev.traced.annotations.Annotate;
import dev.traced.annotations.Attr;
import dev.traced.annotations.NotTraced;
import dev.traced.annotations.SpanKind;
import dev.traced.annotations.Traced;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** A class-level @Traced: each method with a body traced once, with the documented exceptions. */
@Traced
class ClassTracedFixture implements Comparable<ClassTracedFixture> {

  private final String label;

  ClassTracedFixture(String label) {
    this.label = label;
  }

  String plain(String text) {
    return helper(text);
  }

  private String helper(String text) {
    return text.toUpperCase(Locale.ROOT);
  }

  static int twice(int value) {
    return value * 2;
  }

  @Traced(name = "own", kind = SpanKind.SERVER)
  String own() {
    return "own";
  }

  @NotTraced
  String skipped() {
    return plain("skipped");
  }

  @Annotate("noted")
  String noted(@Attr("n") int n) {
    return "noted" + n;
  }

  String withAttr(@Attr("id") String id) {
    return id;
  }

  String manyParameters(@Attr("a") int a, int b, int c, int d, int e) {
    return "many";
  }

  CompletableFuture<String> async(CompletableFuture<String> stage) {
    return stage;
  }

  Supplier<String> lambda() {
    return () -> label + plain("lambda");
  }

  /** Implements Comparable: javac adds a bridge compareTo(Object), which must not trace twice. */
  @Override
  public int compareTo(ClassTracedFixture other) {
    return label.compareTo(other.label);
  }

  /** The entry point: it usually starts tracing, so its class-level span would start too early. */
  public static void main(String[] args) {
    twice(args.length);
  }

  @Override
  public String toString() {
    return "ClassTracedFixture " + label;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ClassTracedFixture
        && ((ClassTracedFixture) other).label.equals(label);
  }

  @Override
  public int hashCode() {
    return label.hashCode();
  }

  /** Nested classes are not covered by the enclosing class's @Traced. */
  static final class Nested {
    String run() {
      return "nested";
    }
  }

  /** The class-level kind and expected exceptions apply to each of its methods. */
  @Traced(kind = SpanKind.CLIENT, expected = IllegalArgumentException.class)
  static final class Client {
    String call(String request) {
      if (request.isEmpty()) {
        throw new IllegalArgumentException("empty request");
      }
      return "sent " + request;
    }
  }
}
