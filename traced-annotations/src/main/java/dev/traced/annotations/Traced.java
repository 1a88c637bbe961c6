package dev.traced.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Wraps each execution of the method (or, on a class, of each of its methods) in an OpenCensus
 * span.
 *
 * <pre>{@code
 * @Traced                          // span "Checkout.pay"
 * private Receipt pay(Order order) { ... }
 *
 * @Traced(name = "repl")           // span "repl"
 * static boolean readEvaluateProcess() { ... }
 * }</pre>
 *
 * <p>The span is the current span while the method runs, so traced methods it calls become its
 * children; the previous current span is restored on every exit. If the method throws, the span
 * gets status {@code UNKNOWN} and an annotation naming the exception's class and message, and the
 * same exception instance propagates unchanged. The span always ends.
 *
 * <p>Works on any method with a body that the aspectj-maven-plugin weaves with the
 * {@code traced-aspects} library: public, private, static, final, synchronized, generic and
 * varargs methods, self-invoked methods, methods of nested, anonymous and local classes, records,
 * enums and interface default and static methods. It has no effect on abstract methods, because
 * annotations on methods are not inherited (the annotation processor reports that as an error).
 *
 * <p>Parameters marked with {@link Attr} become attributes of the span, unless the method is also
 * {@link Annotate @Annotate}d, in which case they belong to that annotation.
 *
 * <p><b>On a class</b>, {@code @Traced} traces every method declared in that class that has a
 * body: instance and static methods of any visibility, except constructors and static
 * initialisers, {@code toString()}, {@code equals(Object)} and {@code hashCode()}, synthetic and
 * bridge methods and the bodies of lambdas. Methods of nested classes are not included (annotate
 * the nested class too). A method's own {@code @Traced} replaces the class's (its name, kind and
 * options, none merged); {@link NotTraced @NotTraced} leaves one method out. The class-level
 * annotation's {@code kind}, {@code expected} and {@code newTrace} apply to each method; it takes
 * no {@code name} (each span has its method's default name) and no {@code recordResult} (the
 * processor reports both). Every call still makes exactly one span.
 *
 * <pre>{@code
 * @Traced(kind = SpanKind.CLIENT)
 * class Inventory {
 *   int stock(String sku) { ... }        // span "Inventory.stock", CLIENT
 *   @NotTraced String describe() { ... } // no span
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Traced {

  /**
   * The span name. Default: {@code SimpleClassName.methodName} of the declaring class (a bare
   * method name would collide across classes). Must not be blank and at most 128 UTF-8 bytes,
   * Cloud Trace's limit for span names.
   *
   * @return the span name, or {@code ""} for the default
   */
  String name() default "";

  /**
   * The span's kind: {@link SpanKind#SERVER} for a method that handles a request from another
   * process, {@link SpanKind#CLIENT} for one that sends a request to another process. Exporters
   * show it (Cloud Trace's span kind, Zipkin's kind). Default: unspecified.
   *
   * @return the span kind
   */
  SpanKind kind() default SpanKind.UNSPECIFIED;

  /**
   * Exception types that are an expected outcome, not a failure: a call that throws one of them
   * (or a subtype), or whose returned stage completes with one, gets the exception's annotation
   * (its type and message, as for any exception) but keeps status {@code OK}. The exception still
   * propagates unchanged. Typical use: a lookup whose "not found" is a normal answer.
   *
   * <pre>{@code
   * @Traced(expected = NotFound.class)
   * Customer find(String id) throws NotFound { ... }
   * }</pre>
   *
   * <p>Default: none, every exception marks the span failed. A checked type the method cannot
   * throw is reported by the annotation processor.
   *
   * @return the exception types that leave the status {@code OK}
   */
  Class<? extends Throwable>[] expected() default {};

  /**
   * Records the method's return value as a span attribute under this key, with the same value
   * rules as {@link Attr}: strings (cut to 256 UTF-8 bytes), numbers and booleans keep their type,
   * anything else becomes its bounded {@code toString()} (a failing {@code toString()} never
   * reaches the caller), {@code null} records nothing. For a method returning a
   * {@code CompletionStage} the stage's value is recorded when it completes normally. Nothing is
   * built for calls that are not sampled.
   *
   * <pre>{@code
   * @Traced(recordResult = "stock")
   * int stock(String sku) { ... }         // attribute stock=12
   * }</pre>
   *
   * <p>Default: {@code ""}, the result is not recorded. The processor rejects it on {@code void}
   * methods (and {@code CompletionStage<Void>}), and on a class-level {@code @Traced}.
   *
   * @return the attribute key of the result, or {@code ""} for none
   */
  String recordResult() default "";

  /**
   * Starts a new trace instead of joining the current one: the span is a root (a new trace id),
   * and when a span was current at the call it gets a link to it of type
   * {@code PARENT_LINKED_SPAN} (that span gets the matching {@code CHILD_LINKED_SPAN} link), so
   * backends can still navigate between the two traces. For work that has its own life: a
   * scheduled job's body, a message consumer's batch, a background refresh.
   *
   * <pre>{@code
   * @Traced(newTrace = true)
   * void refreshCache() { ... }
   * }</pre>
   *
   * <p>Default: {@code false}, the span is a child of the current span.
   *
   * @return whether the span starts a new trace
   */
  boolean newTrace() default false;
}
