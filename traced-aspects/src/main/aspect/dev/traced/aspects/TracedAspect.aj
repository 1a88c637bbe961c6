package dev.traced.aspects;

import dev.traced.annotations.Annotate;
import dev.traced.annotations.Attr;
import dev.traced.annotations.Traced;
import io.opencensus.common.Scope;
import io.opencensus.trace.Span;

/**
 * Weaves {@link Traced @Traced} and {@link Annotate @Annotate} methods: a span around each
 * execution of a traced method, an annotation on the current span at the start of an annotated
 * one.
 *
 * <p>Add this library to the aspectj-maven-plugin's {@code <aspectLibraries>}; nothing else is
 * needed at run time but {@code opencensus-api} and an OpenCensus implementation.
 *
 * <p>Shape, and why: code-style advice that binds the annotation's string value instead of the
 * annotation ({@code @annotation(x)} makes ajc add a private static field that the JVM rejects in
 * interfaces), matches {@code execution} join points only (a bare {@code @annotation} pointcut also
 * matches {@code call} join points and would double every span), and never touches
 * {@code thisJoinPoint} unless a parameter value is needed, so a call builds no join point object.
 * Per-method data (default names, attribute keys) is computed once per join point by
 * {@link JoinPointSites}. The work itself is in {@link SpanLifecycle}.
 */
public aspect TracedAspect {

  /** Executions of @Traced methods; binds the span name ("" for the default). */
  pointcut traced(String name): execution(@Traced * *(..)) && @annotation(Traced(name));

  /** Executions of @Annotate methods; binds the description. */
  pointcut annotated(String description):
      execution(@Annotate * *(..)) && @annotation(Annotate(description));

  /** Executions of methods with at least one @Attr parameter. */
  pointcut withAttrParameters(): execution(* *(.., @Attr (*), ..));

  // Declared first so it has precedence: the span is current before an @Annotate advice runs on
  // the same method, and the annotation lands on the method's own span.
  Object around(String name): traced(name) && !(withAttrParameters() && execution(!@Annotate * *(..))) {
    Span span = null;
    Scope scope;
    try {
      span = SpanLifecycle.start(name, thisJoinPointStaticPart);
      scope = SpanLifecycle.enter(span);
    } catch (Throwable tracingFailure) {
      AspectFailures.report(tracingFailure);
      SpanLifecycle.endQuietly(span);
      return proceed(name);
    }
    try {
      return proceed(name);
    } catch (Throwable userException) {
      SpanLifecycle.recordFailure(span, userException);
      throw Rethrow.<RuntimeException>unchanged(userException);
    } finally {
      SpanLifecycle.exit(span, scope);
    }
  }

  // A @Traced method whose @Attr parameters become span attributes. Needs the arguments, hence
  // thisJoinPoint; kept apart so that plain @Traced methods never pay for it.
  Object around(String name): traced(name) && withAttrParameters() && execution(!@Annotate * *(..)) {
    Span span = null;
    Scope scope;
    try {
      span = SpanLifecycle.start(name, thisJoinPointStaticPart);
      SpanLifecycle.putParameterAttributes(span, thisJoinPointStaticPart, thisJoinPoint.getArgs());
      scope = SpanLifecycle.enter(span);
    } catch (Throwable tracingFailure) {
      AspectFailures.report(tracingFailure);
      SpanLifecycle.endQuietly(span);
      return proceed(name);
    }
    try {
      return proceed(name);
    } catch (Throwable userException) {
      SpanLifecycle.recordFailure(span, userException);
      throw Rethrow.<RuntimeException>unchanged(userException);
    } finally {
      SpanLifecycle.exit(span, scope);
    }
  }

  // if() runs before anything else: with no recording span, no join point, no attribute, no map.
  before(String description): annotated(description) && !withAttrParameters()
      && if(SpanLifecycle.currentSpanRecords()) {
    try {
      SpanLifecycle.annotate(description, thisJoinPointStaticPart);
    } catch (Throwable tracingFailure) {
      AspectFailures.report(tracingFailure);
    }
  }

  before(String description): annotated(description) && withAttrParameters()
      && if(SpanLifecycle.currentSpanRecords()) {
    try {
      SpanLifecycle.annotate(description, thisJoinPointStaticPart, thisJoinPoint.getArgs());
    } catch (Throwable tracingFailure) {
      AspectFailures.report(tracingFailure);
    }
  }
}
