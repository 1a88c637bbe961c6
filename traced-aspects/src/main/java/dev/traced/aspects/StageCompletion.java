package dev.traced.aspects;

import io.opencensus.common.Scope;
import io.opencensus.trace.Span;
import io.opencensus.trace.Status;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import org.aspectj.lang.JoinPoint;

/**
 * Ends the span of a {@code @Traced} method that returns a {@link CompletionStage} when that stage
 * completes, not when the method returns.
 *
 * <p>On return the previous current span is restored at once, as for any traced method; the span
 * itself ends in a {@code whenComplete} action on the very stage the method returned (the caller
 * gets that instance, untouched). An exceptional completion marks the span failed like a thrown
 * exception, with a {@link CompletionException}'s cause recorded instead of the wrapper; a
 * cancellation sets status {@code CANCELLED}. A {@code null} return, a span that does not record
 * (not sampled: its end is invisible, so no action is attached) or a stage that refuses the action
 * end the span at once. A stage that never completes never ends its span: the span is then
 * reachable only from the stage, and is collected with it.
 */
final class StageCompletion {

  private StageCompletion() {}

  /**
   * Restores the previous span and ends {@code span} when {@code returned} completes, or now if it
   * is not a stage or the span does not record; never throws.
   */
  static void exit(Span span, Scope scope, JoinPoint.StaticPart site, Object returned) {
    if (!(returned instanceof CompletionStage) || !recordsQuietly(span)) {
      SpanLifecycle.exit(span, scope);
      return;
    }
    try {
      PendingExits.finishOnThisThread();
      scope.close();
    } catch (StackOverflowError tooDeep) {
      // Too deep to attach anything: end it with the caller's exit, like a synchronous span.
      SpanLifecycle.exit(span, scope);
      return;
    } catch (Throwable failure) {
      AspectFailures.report(failure);
    }
    try {
      ((CompletionStage<?>) returned).whenComplete(new EndSpan(span, site));
    } catch (Throwable refused) {
      AspectFailures.report(refused);
      SpanLifecycle.endQuietly(span);
    }
  }

  private static boolean recordsQuietly(Span span) {
    try {
      return SpanLifecycle.records(span);
    } catch (Throwable failure) {
      return false;
    }
  }

  /** The exception a stage completed with, without the {@link CompletionException} wrapper. */
  static Throwable cause(Throwable completion) {
    if (completion instanceof CompletionException && completion.getCause() != null) {
      return completion.getCause();
    }
    return completion;
  }

  /**
   * Ends the span when the stage completes, with the stage's value as the result or its exception
   * as the failure (an expected one leaves the status OK); runs on whichever thread completes the
   * stage.
   */
  private static final class EndSpan implements BiConsumer<Object, Throwable> {
    private final Span span;
    private final JoinPoint.StaticPart site;

    EndSpan(Span span, JoinPoint.StaticPart site) {
      this.span = span;
      this.site = site;
    }

    @Override
    public void accept(Object value, Throwable failure) {
      if (failure == null) {
        SpanLifecycle.recordResult(span, site, value);
      } else {
        Throwable cause = cause(failure);
        SpanLifecycle.recordFailure(span, site, cause);
        if (cause instanceof CancellationException && !isExpected(cause)) {
          try {
            span.setStatus(Status.CANCELLED);
          } catch (Throwable tracingFailure) {
            AspectFailures.report(tracingFailure);
          }
        }
      }
      SpanLifecycle.endQuietly(span);
    }

    private boolean isExpected(Throwable cause) {
      try {
        return JoinPointSites.of(site).options().isExpected(cause);
      } catch (Throwable tracingFailure) {
        AspectFailures.report(tracingFailure);
        return false;
      }
    }
  }
}
