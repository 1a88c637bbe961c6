package dev.traced.aspects;

import dev.traced.annotations.Annotate;
import dev.traced.annotations.Attr;
import dev.traced.annotations.NotTraced;
import dev.traced.annotations.RemoteParent;
import dev.traced.annotations.Traced;
import io.opencensus.common.Scope;
import io.opencensus.trace.Span;
import org.aspectj.lang.annotation.SuppressAjWarnings;

/**
 * Weaves {@link Traced @Traced} and {@link Annotate @Annotate} methods: a span around each
 * execution of a traced method, an annotation on the current span at the start of an annotated
 * one.
 *
 * <p>Add this library to the aspectj-maven-plugin's {@code <aspectLibraries>}; nothing else is
 * needed at run time but {@code opencensus-api} and an OpenCensus implementation.
 *
 * <p>Shape, and why: code-style advice that binds neither the annotation ({@code @annotation(x)}
 * makes ajc add a private static field that the JVM rejects in interfaces) nor its values (a
 * class-level {@code @Traced} has none per method, and {@code ||} cannot bind): the span name, kind
 * and options come from the method's {@link MethodSite}, which the advice looks up per call anyway.
 * It matches {@code execution} join points only (a bare {@code @annotation} pointcut also matches
 * {@code call} join points and would double every span), and avoids {@code thisJoinPoint}:
 * with around advice at a join point ajc builds the join point object on every call, sampled or
 * not (about 100 bytes and an atomic increment with AspectJ 1.9.25), so {@code @Attr} arguments of
 * traced methods with up to four parameters are bound with {@code args(..)} instead, and copied
 * into an array only when the span records. Per-method data (default names, attribute keys, the
 * {@code @Annotate} of a traced method) is computed once per join point by {@link JoinPointSites}.
 * The work itself is in {@link SpanLifecycle}. Methods declared to return a
 * {@code CompletionStage} have advice of their own whose span ends when the returned stage
 * completes ({@link StageCompletion}); their {@code @Attr} arguments come from
 * {@code thisJoinPoint}. Hand-offs to other threads are the {@link ContextCarrying} aspect's.
 */
public aspect TracedAspect {

  // Runs at the program's first traced call, before its advice: everything the advice needs is
  // loaded now, at a shallow depth, not at whatever depth a call first ends (Warmup says why).
  static {
    Warmup.run();
  }

  /** Executions of methods with their own @Traced. */
  pointcut tracedMethod(): execution(@Traced * *(..));

  /**
   * Executions of the methods a class-level @Traced traces: declared in a @Traced class, without
   * their own @Traced (which wins) or @NotTraced, minus toString/equals/hashCode, lambda bodies
   * and main(String[]). Constructors are no method executions; bridge methods have no join point.
   * Why not main: it usually starts Traced, so its span would start before the sampler is set and
   * be unsampled (OpenCensus' default samples 1 in 10,000), and with it every span below.
   */
  pointcut tracedByClass():
      execution(!@Traced !@NotTraced * (@Traced *).*(..))
      && !execution(String toString()) && !execution(boolean equals(Object))
      && !execution(int hashCode()) && !execution(* lambda$*(..))
      && !execution(static void main(String[]));

  /**
   * Executions of traced methods. The span name, kind and options come from the method's
   * MethodSite (resolved once per method), not from the pointcut: a class-level @Traced has no
   * per-method values to bind, and binding with || is not allowed. Methods with a @RemoteParent
   * parameter have advice of their own (tracedRemote).
   */
  pointcut traced(): (tracedMethod() || tracedByClass()) && !withRemoteParent();

  /** Executions of methods with a @RemoteParent parameter (the incoming request's headers). */
  pointcut withRemoteParent(): execution(* *(.., @RemoteParent (*), ..));

  /** @Traced methods whose span's parent comes from a @RemoteParent parameter. */
  pointcut tracedRemote(): tracedMethod() && withRemoteParent();

  /** Executions of @Annotate methods; binds the description. */
  pointcut annotated(String description):
      execution(@Annotate * *(..)) && @annotation(Annotate(description));

  /** Executions of methods with at least one @Attr parameter. */
  pointcut withAttrParameters(): execution(* *(.., @Attr (*), ..));

  /** Methods with one to four parameters: the arities the advice below binds with args(..). */
  pointcut fewParameters():
      execution(* *(*)) || execution(* *(*, *)) || execution(* *(*, *, *))
      || execution(* *(*, *, *, *));

  /**
   * @Traced methods declared to return a CompletionStage (CompletableFuture...): their span ends
   * when the returned stage completes (StageCompletion).
   */
  pointcut tracedAsync():
      traced() && execution(java.util.concurrent.CompletionStage+ *(..));

  /**
   * @Traced methods whose @Attr arguments are recorded by their own around advice (bound with
   * args(..) by arity, or, for async methods, read from the join point), as span attributes or,
   * with @Annotate, on the annotation.
   */
  pointcut tracedWithBoundAttrs():
      traced() && withAttrParameters() && (fewParameters() || tracedAsync());

  /** @Traced methods whose around advice adds their @Annotate annotation itself. */
  pointcut annotatedByAround(): tracedWithBoundAttrs() || tracedRemote();

  // Declared first so it has precedence: the span is current before an @Annotate advice runs on
  // the same method, and the annotation lands on the method's own span.
  Object around(): traced() && !tracedAsync() && !tracedWithBoundAttrs()
      && !(withAttrParameters() && execution(!@Annotate * *(..))) {
    Span span = null;
    Scope scope;
    try {
      span = SpanLifecycle.start(thisJoinPointStaticPart);
      scope = SpanLifecycle.enter(span);
    } catch (Throwable tracingFailure) {
      AspectFailures.report(tracingFailure);
      SpanLifecycle.endQuietly(span);
      return proceed();
    }
    try {
      Object result = proceed();
      SpanLifecycle.recordResult(span, thisJoinPointStaticPart, result);
      return result;
    } catch (Throwable userException) {
      SpanLifecycle.recordFailure(span, thisJoinPointStaticPart, userException);
      throw Rethrow.<RuntimeException>unchanged(userException);
    } finally {
      SpanLifecycle.exit(span, scope);
    }
  }

  // A @Traced method with more than four parameters whose @Attr parameters become span
  // attributes. Needs the arguments, hence thisJoinPoint, built on every call.
  Object around(): traced() && withAttrParameters() && !fewParameters()
      && execution(!@Annotate * *(..)) && !tracedAsync() {
    Span span = null;
    Scope scope;
    try {
      span = SpanLifecycle.start(thisJoinPointStaticPart);
      SpanLifecycle.putParameterAttributes(span, thisJoinPointStaticPart, thisJoinPoint.getArgs());
      scope = SpanLifecycle.enter(span);
    } catch (Throwable tracingFailure) {
      AspectFailures.report(tracingFailure);
      SpanLifecycle.endQuietly(span);
      return proceed();
    }
    try {
      Object result = proceed();
      SpanLifecycle.recordResult(span, thisJoinPointStaticPart, result);
      return result;
    } catch (Throwable userException) {
      SpanLifecycle.recordFailure(span, thisJoinPointStaticPart, userException);
      throw Rethrow.<RuntimeException>unchanged(userException);
    } finally {
      SpanLifecycle.exit(span, scope);
    }
  }

  // @Traced methods with @Attr parameters and one to four parameters, one advice per arity: the
  // arguments arrive bound (boxed if primitive), never through a join point object, and go into an
  // array only when the span records (SpanLifecycle.recordAttrArguments). Besides the arity, the
  // four are the same.
  // The arguments are recorded before the span is current, as span attributes (a failure there
  // leaves the call untraced, like any failure to start); with @Annotate, on the annotation once
  // the span is current (a failure there only loses the annotation), as the @Annotate advice does.

  Object around(Object a0):
      traced() && withAttrParameters() && !tracedAsync() && args(a0) {
    Span span = null;
    Scope scope;
    Object[] args = null;
    try {
      span = SpanLifecycle.start(thisJoinPointStaticPart);
      args = SpanLifecycle.recordAttrArguments(span, thisJoinPointStaticPart, a0);
      scope = SpanLifecycle.enter(span);
    } catch (Throwable tracingFailure) {
      AspectFailures.report(tracingFailure);
      SpanLifecycle.endQuietly(span);
      return proceed(a0);
    }
    SpanLifecycle.annotateQuietly(span, thisJoinPointStaticPart, args);
    try {
      Object result = proceed(a0);
      SpanLifecycle.recordResult(span, thisJoinPointStaticPart, result);
      return result;
    } catch (Throwable userException) {
      SpanLifecycle.recordFailure(span, thisJoinPointStaticPart, userException);
      throw Rethrow.<RuntimeException>unchanged(userException);
    } finally {
      SpanLifecycle.exit(span, scope);
    }
  }

  Object around(Object a0, Object a1):
      traced() && withAttrParameters() && !tracedAsync() && args(a0, a1) {
    Span span = null;
    Scope scope;
    Object[] args = null;
    try {
      span = SpanLifecycle.start(thisJoinPointStaticPart);
      args = SpanLifecycle.recordAttrArguments(span, thisJoinPointStaticPart, a0, a1);
      scope = SpanLifecycle.enter(span);
    } catch (Throwable tracingFailure) {
      AspectFailures.report(tracingFailure);
      SpanLifecycle.endQuietly(span);
      return proceed(a0, a1);
    }
    SpanLifecycle.annotateQuietly(span, thisJoinPointStaticPart, args);
    try {
      Object result = proceed(a0, a1);
      SpanLifecycle.recordResult(span, thisJoinPointStaticPart, result);
      return result;
    } catch (Throwable userException) {
      SpanLifecycle.recordFailure(span, thisJoinPointStaticPart, userException);
      throw Rethrow.<RuntimeException>unchanged(userException);
    } finally {
      SpanLifecycle.exit(span, scope);
    }
  }

  Object around(Object a0, Object a1, Object a2):
      traced() && withAttrParameters() && !tracedAsync() && args(a0, a1, a2) {
    Span span = null;
    Scope scope;
    Object[] args = null;
    try {
      span = SpanLifecycle.start(thisJoinPointStaticPart);
      args = SpanLifecycle.recordAttrArguments(span, thisJoinPointStaticPart, a0, a1, a2);
      scope = SpanLifecycle.enter(span);
    } catch (Throwable tracingFailure) {
      AspectFailures.report(tracingFailure);
      SpanLifecycle.endQuietly(span);
      return proceed(a0, a1, a2);
    }
    SpanLifecycle.annotateQuietly(span, thisJoinPointStaticPart, args);
    try {
      Object result = proceed(a0, a1, a2);
      SpanLifecycle.recordResult(span, thisJoinPointStaticPart, result);
      return result;
    } catch (Throwable userException) {
      SpanLifecycle.recordFailure(span, thisJoinPointStaticPart, userException);
      throw Rethrow.<RuntimeException>unchanged(userException);
    } finally {
      SpanLifecycle.exit(span, scope);
    }
  }

  Object around(Object a0, Object a1, Object a2, Object a3):
      traced() && withAttrParameters() && !tracedAsync() && args(a0, a1, a2, a3) {
    Span span = null;
    Scope scope;
    Object[] args = null;
    try {
      span = SpanLifecycle.start(thisJoinPointStaticPart);
      args = SpanLifecycle.recordAttrArguments(span, thisJoinPointStaticPart, a0, a1, a2, a3);
      scope = SpanLifecycle.enter(span);
    } catch (Throwable tracingFailure) {
      AspectFailures.report(tracingFailure);
      SpanLifecycle.endQuietly(span);
      return proceed(a0, a1, a2, a3);
    }
    SpanLifecycle.annotateQuietly(span, thisJoinPointStaticPart, args);
    try {
      Object result = proceed(a0, a1, a2, a3);
      SpanLifecycle.recordResult(span, thisJoinPointStaticPart, result);
      return result;
    } catch (Throwable userException) {
      SpanLifecycle.recordFailure(span, thisJoinPointStaticPart, userException);
      throw Rethrow.<RuntimeException>unchanged(userException);
    } finally {
      SpanLifecycle.exit(span, scope);
    }
  }

  // @Traced methods returning a CompletionStage: the same start and failure path, but the span
  // ends when the returned stage completes (StageCompletion.exit); the previous span is restored
  // on return as always. A throw or a null return ends the span at once.
  Object around(): traced() && tracedAsync() && !withAttrParameters() {
    Span span = null;
    Scope scope;
    try {
      span = SpanLifecycle.start(thisJoinPointStaticPart);
      scope = SpanLifecycle.enter(span);
    } catch (Throwable tracingFailure) {
      AspectFailures.report(tracingFailure);
      SpanLifecycle.endQuietly(span);
      return proceed();
    }
    Object stage = null;
    try {
      return stage = proceed();
    } catch (Throwable userException) {
      SpanLifecycle.recordFailure(span, thisJoinPointStaticPart, userException);
      throw Rethrow.<RuntimeException>unchanged(userException);
    } finally {
      StageCompletion.exit(span, scope, thisJoinPointStaticPart, stage);
    }
  }

  // As above, with @Attr parameters. Reads the arguments from thisJoinPoint (built on every call,
  // as for traced methods with more than four parameters): an async call already allocates its
  // stage and completion action, and this keeps one advice instead of one per arity.
  Object around(): traced() && tracedAsync() && withAttrParameters() {
    Span span = null;
    Scope scope;
    Object[] args = null;
    try {
      span = SpanLifecycle.start(thisJoinPointStaticPart);
      if (SpanLifecycle.records(span)) {
        args = thisJoinPoint.getArgs();
        SpanLifecycle.putParameterAttributes(span, thisJoinPointStaticPart, args);
      }
      scope = SpanLifecycle.enter(span);
    } catch (Throwable tracingFailure) {
      AspectFailures.report(tracingFailure);
      SpanLifecycle.endQuietly(span);
      return proceed();
    }
    SpanLifecycle.annotateQuietly(span, thisJoinPointStaticPart, args);
    Object stage = null;
    try {
      return stage = proceed();
    } catch (Throwable userException) {
      SpanLifecycle.recordFailure(span, thisJoinPointStaticPart, userException);
      throw Rethrow.<RuntimeException>unchanged(userException);
    } finally {
      StageCompletion.exit(span, scope, thisJoinPointStaticPart, stage);
    }
  }

  // @Traced methods with a @RemoteParent parameter: the span's parent is read from the headers
  // (RemoteParentSpans), a new trace without them. Serves one request per call, so it reads the
  // arguments from thisJoinPoint, and records @Attr and @Annotate itself. A CompletionStage ends
  // the span when it completes, as for other async methods. No adviceDidNotMatch warning in the
  // builds of users who have no such method.
  @SuppressAjWarnings("adviceDidNotMatch")
  Object around(): tracedRemote() {
    Span span = null;
    Scope scope;
    Object[] args = null;
    try {
      args = thisJoinPoint.getArgs();
      span = RemoteParentSpans.start(thisJoinPointStaticPart, args);
      if (SpanLifecycle.records(span)) {
        SpanLifecycle.putParameterAttributes(span, thisJoinPointStaticPart, args);
      } else {
        args = null;
      }
      scope = SpanLifecycle.enter(span);
    } catch (Throwable tracingFailure) {
      AspectFailures.report(tracingFailure);
      SpanLifecycle.endQuietly(span);
      return proceed();
    }
    SpanLifecycle.annotateQuietly(span, thisJoinPointStaticPart, args);
    Object result = null;
    try {
      return result = proceed();
    } catch (Throwable userException) {
      SpanLifecycle.recordFailure(span, thisJoinPointStaticPart, userException);
      throw Rethrow.<RuntimeException>unchanged(userException);
    } finally {
      RemoteParentSpans.exit(span, scope, result, thisJoinPointStaticPart);
    }
  }

  // if() runs before anything else: with no recording span, no join point, no attribute, no map.
  before(String description): annotated(description) && !withAttrParameters() && !tracedRemote()
      && if(SpanLifecycle.currentSpanRecords()) {
    try {
      SpanLifecycle.annotate(description, thisJoinPointStaticPart);
    } catch (Throwable tracingFailure) {
      AspectFailures.report(tracingFailure);
    }
  }

  // Without around advice at the join point ajc builds thisJoinPoint lazily, after the if().
  // Traced methods with bound arguments are annotated by their around advice instead.
  before(String description): annotated(description) && withAttrParameters()
      && !annotatedByAround() && if(SpanLifecycle.currentSpanRecords()) {
    try {
      SpanLifecycle.annotate(description, thisJoinPointStaticPart, thisJoinPoint.getArgs());
    } catch (Throwable tracingFailure) {
      AspectFailures.report(tracingFailure);
    }
  }
}
