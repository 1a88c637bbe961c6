package dev.traced.bootstrap;

import dev.traced.aspects.AspectFailures;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ServiceConfigurationError;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts tracing for an application: sets the sampler, registers the exporters the settings ask
 * for, and on {@link #close()} (or JVM exit) delivers every ended span within a bound, then
 * reports on stderr, in one line, any span that could not be delivered.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   try (TracedBootstrap tracing = TracedBootstrap.start()) {   // reads traced.* settings
 *     run(args);
 *   }
 * }
 * }</pre>
 *
 * <p>At start it also checks, from the span catalogs the annotation processor writes, that every
 * class with {@code @Traced} methods was woven, and prints one {@code [TracedNotWoven]} warning
 * naming those that were not.
 *
 * <p>Without settings, traces are printed to stderr as trees; with {@code GCP_PROJECT_ID} they go
 * to Google Cloud Trace (see {@link TracedSettings} for every setting). Bad settings throw {@link
 * SettingsException} with a one-line message. Each {@code start} returns a handle: starting again
 * with the same settings shares the running exporters, and tracing stops when every handle is
 * closed (closing one handle twice counts once); with other settings it throws {@link
 * IllegalStateException}: one JVM has one set of exporters. If OpenCensus itself cannot start,
 * one line says so and the handle does nothing. Exporter failures never reach the application.
 */
public final class TracedBootstrap implements AutoCloseable {

  /** Error when started twice with different settings. */
  public static final String ALREADY_STARTED =
      "[traced] tracing is already started with other settings; close() it before starting again";

  /** One line when OpenCensus cannot start; arg: the cause. */
  static final String OPENCENSUS_UNAVAILABLE =
      "[traced] OpenCensus cannot start (%s): tracing is off, the program runs untraced";

  /**
   * Error when a start has waited longer than the previous instance's flush timeout plus 1 s for
   * its close to finish (which cannot happen unless an exporter ignores its bounds); arg: the wait.
   */
  static final String STILL_CLOSING =
      "[traced] the previous tracing instance is still closing after %d ms: start() again once"
          + " its close() has returned";

  /**
   * Guards {@code running}, {@code closingRuntime} and every runtime's {@code openHandles}. A
   * private object, not {@code TracedBootstrap.class}: a public class's monitor can be held by
   * any code, which would stall every start and close.
   */
  static final Object LOCK = new Object();

  // Both guarded by LOCK. A closing runtime stays until its close has finished, sampler restored
  // and exporters unregistered, so that no start can overlap it.
  private static TracingRuntime running;
  private static TracingRuntime closingRuntime;

  /** Test hook: runs in {@link #close()} between giving up the last handle and cleaning up. */
  static volatile Runnable afterLastHandleForgotten;

  private final TracingRuntime runtime;
  private final AtomicBoolean closed = new AtomicBoolean();

  private TracedBootstrap(TracingRuntime runtime) {
    this.runtime = runtime;
  }

  /** Starts with the settings from system properties and environment variables. */
  public static TracedBootstrap start() {
    return start(TracedSettings.fromEnvironment());
  }

  /** Starts with {@code settings}; see the class comment for a second start. */
  public static TracedBootstrap start(TracedSettings settings) {
    return start(settings, System.err);
  }

  static TracedBootstrap start(TracedSettings settings, PrintStream stderr) {
    synchronized (LOCK) {
      return startLocked(settings, stderr);
    }
  }

  private static TracedBootstrap startLocked(TracedSettings settings, PrintStream stderr) {
    awaitClosing();
    if (running != null) {
      if (!running.settings().equals(settings)) {
        throw new IllegalStateException(ALREADY_STARTED);
      }
      running.openHandles++;
      return new TracedBootstrap(running);
    }
    TracingRuntime runtime = new TracingRuntime(settings, stderr);
    try {
      runtime.start(contextClassLoader());
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    } catch (ServiceConfigurationError | LinkageError unavailable) {
      stderr.println(String.format(OPENCENSUS_UNAVAILABLE, unavailable));
      // That line is the whole story: the aspect must not add its own warning with a stack trace.
      AspectFailures.alreadyReported();
      return new TracedBootstrap(null);
    }
    runtime.openHandles = 1;
    running = runtime;
    return new TracedBootstrap(runtime);
  }

  /**
   * Waits, without holding the lock (the closing thread needs it), until no runtime is closing or
   * another start has installed a new one: a closing runtime's clean-up restores the sampler and
   * unregisters exporters by name, and must not undo what a new runtime installs.
   */
  private static void awaitClosing() {
    if (running != null || closingRuntime == null) {
      return;
    }
    long waitNanos = closingRuntime.closeBound().toNanos();
    long deadline = System.nanoTime() + waitNanos;
    boolean interrupted = false;
    try {
      while (running == null && closingRuntime != null) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException(
              String.format(STILL_CLOSING, TimeUnit.NANOSECONDS.toMillis(waitNanos)));
        }
        try {
          LOCK.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          interrupted = true; // a start must not give up on a close about to end: keep waiting
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Called by a runtime once its close has finished: a waiting start may go ahead. */
  static void closed(TracingRuntime runtime) {
    synchronized (LOCK) {
      if (closingRuntime == runtime) {
        closingRuntime = null;
      }
      LOCK.notifyAll();
    }
  }

  /** Called as a runtime starts closing: a later start must wait for it, not reuse it. */
  static void forget(TracingRuntime runtime) {
    synchronized (LOCK) {
      if (running == runtime) {
        running = null;
        closingRuntime = runtime;
      }
    }
  }

  private static ClassLoader contextClassLoader() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return loader != null ? loader : TracedBootstrap.class.getClassLoader();
  }

  /** The settings tracing runs with; {@code null} if OpenCensus could not start. */
  public TracedSettings settings() {
    return runtime == null ? null : runtime.settings();
  }

  /** The zPages port, or -1 without the zpages exporter. */
  public int zpagesPort() {
    return runtime == null ? -1 : runtime.zpagesPort();
  }

  /** Spans delivered to Cloud Trace so far. */
  public long deliveredSpans() {
    return runtime == null ? 0 : runtime.deliveredSpans();
  }

  /**
   * Delivers every span ended so far to the exporters, waiting at most the flush timeout.
   *
   * @return whether everything was handed over in time
   */
  public boolean flush() {
    return runtime == null || runtime.flush(runtime.settings().flushTimeout());
  }

  /** The loss line printed at close, or {@code null} if nothing was lost (or not yet closed). */
  public String lossReport() {
    return runtime == null ? null : runtime.lossReport();
  }

  /**
   * Closes this handle. With the last open handle, delivers the remaining spans within {@link
   * TracedSettings#flushTimeout()}, unregisters the exporters, restores the sampler, and prints
   * one line on stderr if any span may have been lost. Also happens at JVM exit (Ctrl-C included).
   * Closing a handle again does nothing.
   */
  @Override
  public void close() {
    if (runtime == null || !closed.compareAndSet(false, true)) {
      return;
    }
    boolean last;
    synchronized (LOCK) {
      last = --runtime.openHandles == 0;
      if (last) {
        forget(runtime); // in the same lock: no start() may hand out this closing runtime
      }
    }
    if (last) {
      Runnable hook = afterLastHandleForgotten;
      if (hook != null) {
        hook.run();
      }
      runtime.close();
    }
  }
}
