package dev.traced.aspects;

import io.opencensus.common.Scope;
import io.opencensus.trace.Span;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Exits (restore the previous span, end the span) that a stack overflow cut short, finished by the
 * same thread's next traced call or exit, which runs higher up the stack.
 *
 * <p>A recursion that overflows the stack unwinds through the advice of every traced level; the
 * deepest levels may have too little stack left to close their scope or end their span. Dropping
 * them would lose those spans and leave a child's span current; so they wait here, deepest first,
 * and the next exit on that thread (its caller's, with more stack) finishes them in order before
 * its own. While nothing waits, this costs one volatile read per traced call.
 */
final class PendingExits {

  private static final ConcurrentLinkedQueue<PendingExit> WAITING = new ConcurrentLinkedQueue<>();

  // Read on every traced call's start and exit; true only after an overflow.
  private static volatile boolean any;

  private PendingExits() {}

  /**
   * Keeps an exit that overflowed for later: {@code scope} still to close (or {@code null} if
   * closed), {@code span} still to end. May itself overflow: the caller catches that, and the
   * span is lost.
   */
  static void later(Scope scope, Span span) {
    WAITING.add(new PendingExit(Thread.currentThread(), scope, span));
    any = true;
  }

  /**
   * Finishes the waiting exits of this thread, deepest first (and those of threads that have
   * died, whose spans can only be ended). Never throws; an exit that overflows again keeps
   * waiting for a later call.
   */
  static void finishOnThisThread() {
    if (!any) {
      return;
    }
    try {
      // Cleared first: an exit that another thread adds meanwhile sets it again itself, or is seen
      // by the check below.
      any = false;
      Thread current = Thread.currentThread();
      for (Iterator<PendingExit> it = WAITING.iterator(); it.hasNext(); ) {
        PendingExit exit = it.next();
        if (exit.thread == current || !exit.thread.isAlive()) {
          exit.finish(exit.thread == current);
          it.remove();
        }
      }
      if (!WAITING.isEmpty()) {
        any = true;
      }
    } catch (Throwable tooDeepAgain) {
      // Left waiting (a field write cannot overflow); the next call on this thread, higher up the
      // stack, tries again.
      any = true;
    }
  }

  /** One interrupted exit; touched only by its own thread (or by any once that thread died). */
  private static final class PendingExit {
    final Thread thread;
    Scope scope;
    final Span span;

    PendingExit(Thread thread, Scope scope, Span span) {
      this.thread = thread;
      this.scope = scope;
      this.span = span;
    }

    /** Closes the scope (on its own thread only: a context is per thread) and ends the span. */
    void finish(boolean ownThread) {
      if (scope != null && ownThread) {
        Scope toClose = scope;
        try {
          toClose.close();
        } catch (StackOverflowError tooDeepAgain) {
          throw tooDeepAgain;
        } catch (Throwable failure) {
          AspectFailures.report(failure);
        }
      }
      scope = null;
      try {
        span.end(LocalSpanStore.endOptions());
      } catch (StackOverflowError tooDeepAgain) {
        throw tooDeepAgain;
      } catch (Throwable failure) {
        AspectFailures.report(failure);
      }
    }
  }
}
