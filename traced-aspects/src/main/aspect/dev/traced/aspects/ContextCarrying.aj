package dev.traced.aspects;

import java.util.Collection;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.aspectj.lang.annotation.SuppressAjWarnings;

/**
 * Carries the current span across thread hand-offs in woven code: a task handed to an executor, a
 * {@code CompletableFuture} {@code *Async} method or a new thread runs with the OpenCensus context
 * that was current where it was handed off, so a span started in it is a child of the span that
 * handed it off.
 *
 * <p>Woven at {@code call} join points in the user's code (the JDK is never rewritten): the advice
 * replaces the task argument by a wrapper from {@link ContextCarrier} and proceeds. Without a
 * current span the task passes unwrapped; a wrapped task is never wrapped again. Switched off for
 * the JVM with {@code -Dtraced.context.propagation=false}.
 *
 * <p>Not woven inside classes that implement {@code Executor} or {@code ThreadFactory}: there a
 * {@code new Thread(worker)} would pin the context of whichever task made the pool start a thread
 * on that worker for its whole life. The task handed to such an executor is wrapped at the user's
 * call site instead.
 */
public aspect ContextCarrying {

  // Each advice matches one family of hand-offs; a program that never uses some of them would get
  // an adviceDidNotMatch warning per unused family in its build: suppressed, as expected.

  /** Code whose hand-offs carry the context: the user's, not an executor's own machinery. */
  pointcut handOffSite():
      !within(java.util.concurrent.Executor+) && !within(java.util.concurrent.ThreadFactory+)
      && !within(dev.traced.aspects.Warmup);

  /** Hand-offs whose first argument is the Runnable to run on another thread. */
  pointcut runnableFirst():
      call(void java.util.concurrent.Executor+.execute(Runnable))
      || call(* java.util.concurrent.ExecutorService+.submit(Runnable, ..))
      || call(* java.util.concurrent.ScheduledExecutorService+.schedule*(Runnable, ..))
      || call(* java.util.concurrent.CompletionStage+.*Async(Runnable, ..));

  /** Hand-offs whose second argument is the Runnable. */
  pointcut runnableSecond(): call(* java.util.concurrent.CompletionStage+.*Async(*, Runnable, ..));

  /** New threads whose first argument is their body. */
  pointcut threadBodyFirst():
      call(java.lang.Thread.new(Runnable, ..))
      // Thread.Builder.start/unstarted, Thread.startVirtualThread and ThreadFactory.newThread
      // (JDK 21+ types matched by name, so the library still compiles for JDK 17).
      || call(java.lang.Thread *.start(Runnable))
      || call(java.lang.Thread *.unstarted(Runnable))
      || call(java.lang.Thread java.lang.Thread.startVirtualThread(Runnable))
      || call(java.lang.Thread java.util.concurrent.ThreadFactory+.newThread(Runnable));

  @SuppressAjWarnings("adviceDidNotMatch")
  Object around(Runnable task): runnableFirst() && handOffSite() && args(task, ..) {
    return proceed(ContextCarrier.runnable(task));
  }

  @SuppressAjWarnings("adviceDidNotMatch")
  Object around(Runnable task): runnableSecond() && handOffSite() && args(*, task, ..) {
    return proceed(ContextCarrier.runnable(task));
  }

  @SuppressAjWarnings("adviceDidNotMatch")
  Object around(Runnable body): threadBodyFirst() && handOffSite() && args(body, ..) {
    return proceed(ContextCarrier.threadBody(body));
  }

  @SuppressAjWarnings("adviceDidNotMatch")
  Object around(Runnable body):
      call(java.lang.Thread.new(ThreadGroup, Runnable, ..)) && handOffSite() && args(*, body, ..) {
    return proceed(ContextCarrier.threadBody(body));
  }

  @SuppressAjWarnings("adviceDidNotMatch")
  Object around(Callable task):
      (call(* java.util.concurrent.ExecutorService+.submit(Callable))
          || call(* java.util.concurrent.ScheduledExecutorService+.schedule(Callable, ..)))
      && handOffSite() && args(task, ..) {
    return proceed(ContextCarrier.callable(task));
  }

  @SuppressAjWarnings("adviceDidNotMatch")
  Object around(Collection tasks):
      (call(* java.util.concurrent.ExecutorService+.invokeAll(Collection, ..))
          || call(* java.util.concurrent.ExecutorService+.invokeAny(Collection, ..)))
      && handOffSite() && args(tasks, ..) {
    return proceed(ContextCarrier.callables(tasks));
  }

  // CompletableFuture.supplyAsync and completeAsync.
  @SuppressAjWarnings("adviceDidNotMatch")
  Object around(Supplier task):
      call(* java.util.concurrent.CompletionStage+.*Async(Supplier, ..))
      && handOffSite() && args(task, ..) {
    return proceed(ContextCarrier.supplier(task));
  }

  // thenApplyAsync, thenComposeAsync, exceptionallyAsync, exceptionallyComposeAsync.
  @SuppressAjWarnings("adviceDidNotMatch")
  Object around(Function task):
      call(* java.util.concurrent.CompletionStage+.*Async(Function, ..))
      && handOffSite() && args(task, ..) {
    return proceed(ContextCarrier.function(task));
  }

  // applyToEitherAsync.
  @SuppressAjWarnings("adviceDidNotMatch")
  Object around(Function task):
      call(* java.util.concurrent.CompletionStage+.*Async(*, Function, ..))
      && handOffSite() && args(*, task, ..) {
    return proceed(ContextCarrier.function(task));
  }

  // thenAcceptAsync.
  @SuppressAjWarnings("adviceDidNotMatch")
  Object around(Consumer task):
      call(* java.util.concurrent.CompletionStage+.*Async(Consumer, ..))
      && handOffSite() && args(task, ..) {
    return proceed(ContextCarrier.consumer(task));
  }

  // acceptEitherAsync.
  @SuppressAjWarnings("adviceDidNotMatch")
  Object around(Consumer task):
      call(* java.util.concurrent.CompletionStage+.*Async(*, Consumer, ..))
      && handOffSite() && args(*, task, ..) {
    return proceed(ContextCarrier.consumer(task));
  }

  // handleAsync.
  @SuppressAjWarnings("adviceDidNotMatch")
  Object around(BiFunction task):
      call(* java.util.concurrent.CompletionStage+.*Async(BiFunction, ..))
      && handOffSite() && args(task, ..) {
    return proceed(ContextCarrier.biFunction(task));
  }

  // thenCombineAsync.
  @SuppressAjWarnings("adviceDidNotMatch")
  Object around(BiFunction task):
      call(* java.util.concurrent.CompletionStage+.*Async(*, BiFunction, ..))
      && handOffSite() && args(*, task, ..) {
    return proceed(ContextCarrier.biFunction(task));
  }

  // whenCompleteAsync.
  @SuppressAjWarnings("adviceDidNotMatch")
  Object around(BiConsumer task):
      call(* java.util.concurrent.CompletionStage+.*Async(BiConsumer, ..))
      && handOffSite() && args(task, ..) {
    return proceed(ContextCarrier.biConsumer(task));
  }

  // thenAcceptBothAsync.
  @SuppressAjWarnings("adviceDidNotMatch")
  Object around(BiConsumer task):
      call(* java.util.concurrent.CompletionStage+.*Async(*, BiConsumer, ..))
      && handOffSite() && args(*, task, ..) {
    return proceed(ContextCarrier.biConsumer(task));
  }
}
