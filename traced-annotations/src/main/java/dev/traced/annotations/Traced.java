package dev.traced.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Wraps each execution of the method in an OpenCensus span.
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
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
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
}
