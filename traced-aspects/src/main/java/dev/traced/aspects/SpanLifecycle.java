package dev.traced.aspects;

import io.opencensus.common.Scope;
import io.opencensus.trace.AttributeValue;
import io.opencensus.trace.Sampler;
import io.opencensus.trace.Span;
import io.opencensus.trace.SpanBuilder;
import io.opencensus.trace.SpanContext;
import io.opencensus.trace.Status;
import io.opencensus.trace.Tracer;
import io.opencensus.trace.Tracing;
import java.util.HashMap;
import java.util.Map;
import org.aspectj.lang.JoinPoint;

/**
 * The span work behind {@link TracedAspect}: start a span, make it current, annotate, record a
 * failure, restore and end. Everything the aspect calls per traced call is here, so the aspect
 * stays a screen of pointcuts and advice.
 */
final class SpanLifecycle {

  /** Attribute key of the exception's class on a failure annotation (OpenTelemetry's name). */
  static final String EXCEPTION_TYPE = "exception.type";

  /** Attribute key of the exception's message on a failure annotation (OpenTelemetry's name). */
  static final String EXCEPTION_MESSAGE = "exception.message";

  // The implementation behind Tracing is fixed when Tracing loads, so one lookup is enough.
  // Null when OpenCensus cannot start (e.g. its Disruptor denied sun.misc.Unsafe): this class must
  // still load, or every woven method would throw NoClassDefFoundError into the user's code.
  private static final Tracer TRACER = loadTracer();

  private SpanLifecycle() {}

  private static Tracer loadTracer() {
    try {
      return Tracing.getTracer();
    } catch (Throwable unavailable) {
      AspectFailures.report(unavailable);
      return null;
    }
  }

  // Thrown on every traced call while OpenCensus is unavailable: preallocated, no stack trace, so
  // skipping tracing costs next to nothing.
  private static final RuntimeException UNAVAILABLE = new TracingUnavailable();

  private static Tracer tracer() {
    if (TRACER == null) {
      throw UNAVAILABLE;
    }
    return TRACER;
  }

  /** OpenCensus could not start; the advice runs the method untraced. */
  private static final class TracingUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TracingUnavailable() {
      super("OpenCensus is unavailable; tracing is off", null, false, false);
    }
  }

  /**
   * Starts the span of a call of the method at {@code site}: a child of the current span, or with
   * {@code @Traced(newTrace = true)} the root of a new trace linked to the current span.
   */
  static Span start(JoinPoint.StaticPart site) {
    // Before the new span picks its parent: an exit an overflow cut short must restore its
    // parent's span first.
    PendingExits.finishOnThisThread();
    MethodSite method = JoinPointSites.of(site);
    Tracer tracer = tracer();
    if (method.options().newTrace()) {
      return NewTrace.start(tracer, method.spanName(), method.kind());
    }
    return tracer.spanBuilder(method.spanName()).setSpanKind(method.kind()).startSpan();
  }

  /**
   * Starts {@code spanName} as a child of a remote {@code parent}, or a new trace for {@code null};
   * with {@code sampler} unless {@code null} (RemoteParentSpans).
   */
  static Span start(String spanName, Span.Kind kind, SpanContext parent, Sampler sampler) {
    PendingExits.finishOnThisThread();
    SpanBuilder builder = tracer().spanBuilderWithRemoteParent(spanName, parent).setSpanKind(kind);
    return (sampler == null ? builder : builder.setSampler(sampler)).startSpan();
  }

  /** Makes {@code span} current until the returned scope closes. */
  static Scope enter(Span span) {
    return TRACER.withSpan(span);
  }

  /**
   * Restores the previous current span and ends {@code span}; never throws. If the stack overflows
   * on the way, the rest of the exit waits in {@link PendingExits} for the caller's exit.
   */
  static void exit(Span span, Scope scope) {
    boolean closed = false;
    try {
      PendingExits.finishOnThisThread();
      scope.close();
      closed = true;
      span.end(LocalSpanStore.endOptions());
    } catch (StackOverflowError tooDeep) {
      later(closed ? null : scope, span);
    } catch (Throwable failure) {
      AspectFailures.report(failure);
      if (!closed) {
        endQuietly(span);
      }
    }
  }

  /** Ends {@code span} if there is one; never throws. */
  static void endQuietly(Span span) {
    if (span == null) {
      return;
    }
    try {
      span.end(LocalSpanStore.endOptions());
    } catch (StackOverflowError tooDeep) {
      later(null, span);
    } catch (Throwable failure) {
      AspectFailures.report(failure);
    }
  }

  private static void later(Scope scope, Span span) {
    try {
      PendingExits.later(scope, span);
    } catch (Throwable stillTooDeep) {
      // Even the call overflowed: nothing more can be done at this depth.
    }
  }

  /**
   * Marks {@code span} failed by {@code exception}: status {@code UNKNOWN} with the exception as
   * description, and an annotation named after the exception's class with its type and message.
   * Never throws.
   */
  static void recordFailure(Span span, Throwable exception) {
    try {
      if (!records(span)) {
        return;
      }
      String type = exception.getClass().getName();
      String message = exception.getMessage();
      span.addAnnotation(type, exceptionAttributes(exception));
      span.setStatus(
          Status.UNKNOWN.withDescription(
              AttributeValues.truncate(message == null ? type : type + ": " + message)));
    } catch (Throwable failure) {
      AspectFailures.report(failure);
    }
  }

  /** The attributes of an exception's annotation: its type and, if any, its message. */
  private static Map<String, AttributeValue> exceptionAttributes(Throwable exception) {
    String message = exception.getMessage();
    Map<String, AttributeValue> attributes = new HashMap<>(4);
    attributes.put(
        EXCEPTION_TYPE, AttributeValue.stringAttributeValue(exception.getClass().getName()));
    if (message != null) {
      attributes.put(EXCEPTION_MESSAGE, AttributeValues.of(message));
    }
    return attributes;
  }

  /**
   * As {@link #recordFailure(Span, Throwable)}, but an exception of a type the method's
   * {@code @Traced(expected)} lists only gets its annotation: the status stays OK. Never throws.
   */
  static void recordFailure(Span span, JoinPoint.StaticPart site, Throwable exception) {
    try {
      if (!records(span)) {
        return;
      }
      if (JoinPointSites.of(site).options().isExpected(exception)) {
        span.addAnnotation(exception.getClass().getName(), exceptionAttributes(exception));
        return;
      }
    } catch (Throwable failure) {
      AspectFailures.report(failure);
      return;
    }
    recordFailure(span, exception);
  }

  /**
   * Puts {@code result} on {@code span} under the method's {@code @Traced(recordResult)} key, with
   * the {@code @Attr} value rules; nothing when the span does not record, the method records no
   * result or the value is {@code null}. Never throws.
   */
  static void recordResult(Span span, JoinPoint.StaticPart site, Object result) {
    try {
      if (!records(span)) {
        return;
      }
      String key = JoinPointSites.of(site).options().resultKey();
      if (key != null) {
        AttributeValue value = AttributeValues.of(result);
        if (value != null) {
          span.putAttribute(key, value);
        }
      }
    } catch (Throwable failure) {
      AspectFailures.report(failure);
    }
  }

  /**
   * Whether the current span records events (it is sampled); false without a current span, and
   * false (never an exception) when tracing itself is broken: it runs in the advice's if() test,
   * outside any try.
   */
  static boolean currentSpanRecords() {
    try {
      return TRACER != null && records(TRACER.getCurrentSpan());
    } catch (Throwable tracingFailure) {
      AspectFailures.report(tracingFailure);
      return false;
    }
  }

  /** Whether {@code span} records events (it is sampled). */
  static boolean records(Span span) {
    return span.getOptions().contains(Span.Options.RECORD_EVENTS);
  }

  /** Adds the annotation {@code description}, with the method's constant attributes. */
  static void annotate(String description, JoinPoint.StaticPart site) {
    Map<String, AttributeValue> constants = JoinPointSites.of(site).constantAttributes();
    Span span = TRACER.getCurrentSpan();
    if (constants.isEmpty()) {
      span.addAnnotation(description);
    } else {
      span.addAnnotation(description, constants);
    }
  }

  /** Adds the annotation {@code description}, with constant and parameter attributes. */
  static void annotate(String description, JoinPoint.StaticPart site, Object[] args) {
    TRACER.getCurrentSpan().addAnnotation(description, JoinPointSites.of(site).attributes(args));
  }

  /**
   * Puts the method's {@code @Attr} arguments on {@code span}, if it records events. Not for
   * {@code @Annotate} methods: their arguments go on the annotation.
   */
  static void putParameterAttributes(Span span, JoinPoint.StaticPart site, Object[] args) {
    if (records(span)) {
      MethodSite method = JoinPointSites.of(site);
      if (method.annotationDescription() != null) {
        return;
      }
      Map<String, AttributeValue> attributes = new HashMap<>();
      method.putParameterAttributes(attributes, args);
      span.putAttributes(attributes);
    }
  }

  /**
   * Records the bound {@code @Attr} arguments of a call: puts them on {@code span} as attributes
   * unless the method has {@code @Annotate}, and returns them (for that annotation), or returns
   * {@code null} if {@code span} does not record (then nothing is built). One overload per arity,
   * so that no array exists before the sampling decision.
   */
  static Object[] recordAttrArguments(Span span, JoinPoint.StaticPart site, Object a0) {
    return records(span) ? putAndReturn(span, site, new Object[] {a0}) : null;
  }

  /** See {@link #recordAttrArguments(Span, JoinPoint.StaticPart, Object)}. */
  static Object[] recordAttrArguments(Span span, JoinPoint.StaticPart site, Object a0, Object a1) {
    return records(span) ? putAndReturn(span, site, new Object[] {a0, a1}) : null;
  }

  /** See {@link #recordAttrArguments(Span, JoinPoint.StaticPart, Object)}. */
  static Object[] recordAttrArguments(
      Span span, JoinPoint.StaticPart site, Object a0, Object a1, Object a2) {
    return records(span) ? putAndReturn(span, site, new Object[] {a0, a1, a2}) : null;
  }

  /** See {@link #recordAttrArguments(Span, JoinPoint.StaticPart, Object)}. */
  static Object[] recordAttrArguments(
      Span span, JoinPoint.StaticPart site, Object a0, Object a1, Object a2, Object a3) {
    return records(span) ? putAndReturn(span, site, new Object[] {a0, a1, a2, a3}) : null;
  }

  private static Object[] putAndReturn(Span span, JoinPoint.StaticPart site, Object[] args) {
    putParameterAttributes(span, site, args);
    return args;
  }

  /**
   * Adds the {@code @Annotate} annotation of a traced method to its own {@code span}, with
   * constant and parameter attributes; nothing if the method has no {@code @Annotate} or
   * {@code args} is {@code null} (the span does not record). Never throws.
   */
  static void annotateQuietly(Span span, JoinPoint.StaticPart site, Object[] args) {
    if (args == null) {
      return;
    }
    try {
      MethodSite method = JoinPointSites.of(site);
      String description = method.annotationDescription();
      if (description != null) {
        span.addAnnotation(description, method.attributes(args));
      }
    } catch (Throwable failure) {
      AspectFailures.report(failure);
    }
  }
}
