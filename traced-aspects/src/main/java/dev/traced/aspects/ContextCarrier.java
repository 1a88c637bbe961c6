package dev.traced.aspects;

import io.grpc.Context;
import io.opencensus.trace.BlankSpan;
import io.opencensus.trace.ContextHandle;
import io.opencensus.trace.Span;
import io.opencensus.trace.unsafe.ContextHandleUtils;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The work behind {@link ContextCarrying}: wraps a task handed to another thread so that it runs
 * with the OpenCensus context (current span, tags) of the hand-off, and restores the running
 * thread's own context afterwards.
 *
 * <p>Each method returns the task itself, unwrapped, when no OpenCensus context is current at the
 * hand-off (no span, no tags: nothing to carry, no allocation), when the task is already wrapped (a
 * hand-off that passes the task on), or when carrying is switched off with {@value
 * #SWITCH}{@code =false}. Otherwise it captures the current context as gRPC's {@code
 * Context.current().wrap(runnable)} does: one small object per hand-off. A wrapper
 * attaches the captured context, runs the task, and detaches it in {@code finally}, which puts
 * back the context the thread had before, whatever the task left current: a pooled thread never
 * keeps a previous task's span.
 *
 * <p>Never throws: if reading the context fails, the task is returned unwrapped and the failure
 * reported once.
 */
final class ContextCarrier {

  /**
   * System property that switches carrying off for the JVM ({@code false}); read once, when the
   * first hand-off is woven in, with the environment variable {@value #SWITCH_VARIABLE} as
   * fallback.
   */
  static final String SWITCH = "traced.context.propagation";

  /** Environment variable read when the system property {@value #SWITCH} is not set. */
  static final String SWITCH_VARIABLE = "TRACED_CONTEXT_PROPAGATION";

  /** Logged once when the switch is neither true nor false; args: where it came from, value. */
  static final String BAD_SWITCH =
      "[traced.context.propagation] %s=\"%s\" is not true or false: context carrying stays on;"
          + " set it to false to switch it off, or remove it.";

  // Read once: the advice then costs a constant test, which the JIT folds away.
  static final boolean ENABLED = readSwitch();

  // What a ThreadPoolExecutor (and so every pool of Executors but ForkJoinPool) hands its
  // ThreadFactory: the loop that runs the pool's tasks, not a task.
  private static final Class<?> POOL_WORKER = poolWorker();

  private ContextCarrier() {}

  private static Class<?> poolWorker() {
    try {
      return Class.forName("java.util.concurrent.ThreadPoolExecutor$Worker");
    } catch (Throwable notThere) {
      AspectFailures.report(notThere);
      return Void.class;
    }
  }

  private static boolean readSwitch() {
    try {
      String source = "system property " + SWITCH;
      String value = System.getProperty(SWITCH);
      if (value == null) {
        source = "environment variable " + SWITCH_VARIABLE;
        value = System.getenv(SWITCH_VARIABLE);
      }
      if (value == null || value.trim().equalsIgnoreCase("true")) {
        return true;
      }
      if (value.trim().equalsIgnoreCase("false")) {
        return false;
      }
      Logger.getLogger("dev.traced.aspects")
          .warning(String.format(Locale.ROOT, BAD_SWITCH, source, value));
      return true;
    } catch (Throwable unreadable) {
      // A security manager or a broken log handler: carry, as by default.
      return true;
    }
  }

  // OpenCensus keeps its context in io.grpc.Context unless another ContextManager is installed
  // (OpenTelemetry's shim). With gRPC's, the context is carried as gRPC's own Context.wrap does it,
  // without OpenCensus' ContextHandle objects (measured: no allocation per run instead of 16 bytes);
  // with another, through them.
  private static final boolean GRPC = grpcContextManager();

  private static boolean grpcContextManager() {
    try {
      return ContextHandleUtils.tryExtractGrpcContext(ContextHandleUtils.currentContext()) != null;
    } catch (Throwable unavailable) {
      AspectFailures.report(unavailable);
      return false;
    }
  }

  /**
   * The context to carry (an {@code io.grpc.Context}, or else a {@code ContextHandle}), or {@code
   * null} if there is none (no span current), the task is already carried or carrying is off.
   */
  private static Object toCarry(Object task) {
    if (!ENABLED || task == null || task instanceof Carried) {
      return null;
    }
    try {
      if (GRPC) {
        // A thread with nothing attached is at ROOT: one comparison, no lookup of the span key.
        // Any other context (a span, or OpenCensus tags without one) is carried whole.
        Context context = Context.current();
        return context == Context.ROOT ? null : context;
      }
      ContextHandle context = ContextHandleUtils.currentContext();
      Span span = ContextHandleUtils.getValue(context);
      return span == null || span == BlankSpan.INSTANCE ? null : context;
    } catch (Throwable tracingFailure) {
      AspectFailures.report(tracingFailure);
      return null;
    }
  }

  static Runnable runnable(Runnable task) {
    Object context = toCarry(task);
    return context == null ? task : new CarriedRunnable(context, task);
  }

  /**
   * As {@link #runnable}, for the body of a new thread, except a thread pool's worker: a pool
   * starts its threads lazily, from whichever task first needs one, and a worker carrying that
   * task's context would run every later task of the thread under it.
   */
  static Runnable threadBody(Runnable body) {
    return body != null && body.getClass() == POOL_WORKER ? body : runnable(body);
  }

  static <V> Callable<V> callable(Callable<V> task) {
    Object context = toCarry(task);
    return context == null ? task : new CarriedCallable<>(context, task);
  }

  static <T> Supplier<T> supplier(Supplier<T> task) {
    Object context = toCarry(task);
    return context == null ? task : new CarriedSupplier<>(context, task);
  }

  static <T, R> Function<T, R> function(Function<T, R> task) {
    Object context = toCarry(task);
    return context == null ? task : new CarriedFunction<>(context, task);
  }

  static <T> Consumer<T> consumer(Consumer<T> task) {
    Object context = toCarry(task);
    return context == null ? task : new CarriedConsumer<>(context, task);
  }

  static <T, U, R> BiFunction<T, U, R> biFunction(BiFunction<T, U, R> task) {
    Object context = toCarry(task);
    return context == null ? task : new CarriedBiFunction<>(context, task);
  }

  static <T, U> BiConsumer<T, U> biConsumer(BiConsumer<T, U> task) {
    Object context = toCarry(task);
    return context == null ? task : new CarriedBiConsumer<>(context, task);
  }

  /**
   * The tasks of {@code invokeAll}/{@code invokeAny}, each wrapped, in a new list in the same
   * order; the collection itself if there is nothing to carry.
   */
  static <V> Collection<? extends Callable<V>> callables(Collection<? extends Callable<V>> tasks) {
    if (tasks == null || toCarry(tasks) == null) {
      return tasks;
    }
    List<Callable<V>> wrapped = new ArrayList<>(tasks.size());
    for (Callable<V> task : tasks) {
      wrapped.add(callable(task));
    }
    return wrapped;
  }

  /** Marks a wrapper, so that a task is never wrapped twice. */
  private interface Carried {}

  /** The captured context and the attach/detach around a task; one subclass per task type. */
  private abstract static class Carrier implements Carried {
    private final Object context;

    Carrier(Object context) {
      this.context = context;
    }

    final Object enter() {
      return GRPC ? ((Context) context).attach() : ((ContextHandle) context).attach();
    }

    final void leave(Object previous) {
      // Restores the thread's own context even if the task left another one attached.
      if (GRPC) {
        ((Context) context).detach((Context) previous);
      } else {
        ((ContextHandle) context).detach((ContextHandle) previous);
      }
    }
  }

  private static final class CarriedRunnable extends Carrier implements Runnable {
    private final Runnable task;

    CarriedRunnable(Object context, Runnable task) {
      super(context);
      this.task = task;
    }

    @Override
    public void run() {
      Object previous = enter();
      try {
        task.run();
      } finally {
        leave(previous);
      }
    }

    @Override
    public String toString() {
      return task.toString();
    }
  }

  private static final class CarriedCallable<V> extends Carrier implements Callable<V> {
    private final Callable<V> task;

    CarriedCallable(Object context, Callable<V> task) {
      super(context);
      this.task = task;
    }

    @Override
    public V call() throws Exception {
      Object previous = enter();
      try {
        return task.call();
      } finally {
        leave(previous);
      }
    }

    @Override
    public String toString() {
      return task.toString();
    }
  }

  private static final class CarriedSupplier<T> extends Carrier implements Supplier<T> {
    private final Supplier<T> task;

    CarriedSupplier(Object context, Supplier<T> task) {
      super(context);
      this.task = task;
    }

    @Override
    public T get() {
      Object previous = enter();
      try {
        return task.get();
      } finally {
        leave(previous);
      }
    }
  }

  private static final class CarriedFunction<T, R> extends Carrier implements Function<T, R> {
    private final Function<T, R> task;

    CarriedFunction(Object context, Function<T, R> task) {
      super(context);
      this.task = task;
    }

    @Override
    public R apply(T value) {
      Object previous = enter();
      try {
        return task.apply(value);
      } finally {
        leave(previous);
      }
    }
  }

  private static final class CarriedConsumer<T> extends Carrier implements Consumer<T> {
    private final Consumer<T> task;

    CarriedConsumer(Object context, Consumer<T> task) {
      super(context);
      this.task = task;
    }

    @Override
    public void accept(T value) {
      Object previous = enter();
      try {
        task.accept(value);
      } finally {
        leave(previous);
      }
    }
  }

  private static final class CarriedBiFunction<T, U, R> extends Carrier
      implements BiFunction<T, U, R> {
    private final BiFunction<T, U, R> task;

    CarriedBiFunction(Object context, BiFunction<T, U, R> task) {
      super(context);
      this.task = task;
    }

    @Override
    public R apply(T first, U second) {
      Object previous = enter();
      try {
        return task.apply(first, second);
      } finally {
        leave(previous);
      }
    }
  }

  private static final class CarriedBiConsumer<T, U> extends Carrier implements BiConsumer<T, U> {
    private final BiConsumer<T, U> task;

    CarriedBiConsumer(Object context, BiConsumer<T, U> task) {
      super(context);
      this.task = task;
    }

    @Override
    public void accept(T first, U second) {
      Object previous = enter();
      try {
        task.accept(first, second);
      } finally {
        leave(previous);
      }
    }
  }
}
