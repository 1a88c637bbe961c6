package dev.traced.bootstrap;

import dev.traced.aspects.LocalSpanStore;
import dev.traced.bootstrap.console.ConsoleTraceHandler;
import dev.traced.bootstrap.stackdriver.CloudTraceExporter;
import dev.traced.bootstrap.weaving.WeavingSelfCheck;
import dev.traced.bootstrap.zpages.ZPagesServer;
import dev.traced.export.ExportPipeline;
import io.opencensus.exporter.trace.logging.LoggingTraceExporter;
import io.opencensus.trace.Tracing;
import io.opencensus.trace.config.TraceConfig;
import io.opencensus.trace.config.TraceParams;
import io.opencensus.trace.export.SpanExporter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

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
 * SettingsException} with a one-line message. Starting again with the same settings returns
 * another handle to the running instance (tracing stops when every handle is closed); with other
 * settings it throws {@link IllegalStateException}: one JVM has one set of exporters. Exporter
 * failures never reach the application.
 */
public final class TracedBootstrap implements AutoCloseable {

  /** Error when started twice with different settings. */
  public static final String ALREADY_STARTED =
      "[traced] tracing is already started with other settings; close() it before starting again";

  private static final long WEAVING_CHECK_WAIT_MILLIS = 1_000;
  private static final long CLOSE_SLACK_MILLIS = 1_000;

  private static TracedBootstrap running;

  private final TracedSettings settings;
  private final PrintStream stderr;
  private final DeliveryLedger ledger = new DeliveryLedger();
  private final List<AutoCloseable> closers = new ArrayList<>();
  private final AtomicInteger handles = new AtomicInteger(1);
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final long droppedAtStart;
  private final Thread shutdownHook;
  private ConsoleTraceHandler console;
  private ZPagesServer zpages;
  private Thread weavingCheck;
  private String report;

  private TracedBootstrap(TracedSettings settings, PrintStream stderr) {
    this.settings = settings;
    this.stderr = stderr;
    this.droppedAtStart = ExportPipeline.droppedSpans();
    this.shutdownHook = new Thread(this::closeNow, "traced-flush-on-exit");
  }

  /** Starts with the settings from system properties and environment variables. */
  public static TracedBootstrap start() {
    return start(TracedSettings.fromEnvironment());
  }

  /** Starts with {@code settings}; see the class comment for a second start. */
  public static TracedBootstrap start(TracedSettings settings) {
    return start(settings, System.err);
  }

  static synchronized TracedBootstrap start(TracedSettings settings, PrintStream stderr) {
    if (running != null) {
      if (running.settings.equals(settings)) {
        running.handles.incrementAndGet();
        return running;
      }
      throw new IllegalStateException(ALREADY_STARTED);
    }
    TracedBootstrap bootstrap = new TracedBootstrap(settings, stderr);
    try {
      bootstrap.install();
    } catch (RuntimeException | IOException failure) {
      bootstrap.unregisterAll();
      if (failure instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      throw (RuntimeException) failure;
    }
    Runtime.getRuntime().addShutdownHook(bootstrap.shutdownHook);
    running = bootstrap;
    bootstrap.startWeavingCheck(contextClassLoader());
    return bootstrap;
  }

  private static ClassLoader contextClassLoader() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return loader != null ? loader : TracedBootstrap.class.getClassLoader();
  }

  /**
   * Annotations that were never woven would trace nothing in silence: say so once. On a daemon
   * thread, because reading many class files can take tens of milliseconds of start-up; close()
   * waits briefly for it so that a short program still shows the warning.
   */
  private void startWeavingCheck(ClassLoader loader) {
    weavingCheck =
        new Thread(
            () -> WeavingSelfCheck.check(loader).ifPresent(stderr::println),
            "traced-weaving-check");
    weavingCheck.setDaemon(true);
    weavingCheck.start();
  }

  private void install() throws IOException {
    TraceConfig config = Tracing.getTraceConfig();
    TraceParams previous = config.getActiveTraceParams();
    closers.add(() -> config.updateActiveTraceParams(previous));
    config.updateActiveTraceParams(
        config.getActiveTraceParams().toBuilder()
            .setSampler(new PlumbingAwareSampler(settings.sampler().toSampler()))
            .build());
    SpanExporter exporter = Tracing.getExportComponent().getSpanExporter();
    for (ExporterKind kind : settings.exporters()) {
      switch (kind) {
        case STACKDRIVER -> closers.add(CloudTraceExporter.register(settings, ledger));
        case CONSOLE -> {
          console = new ConsoleTraceHandler(stderr);
          exporter.registerHandler(ConsoleTraceHandler.class.getName(), console);
          closers.add(() -> exporter.unregisterHandler(ConsoleTraceHandler.class.getName()));
        }
        case ZPAGES -> {
          try {
            zpages = ZPagesServer.start(settings.zpagesPort());
          } catch (BindException inUse) {
            throw new SettingsException(
                "[" + TracedSettings.ZPAGES_PORT + "] port " + settings.zpagesPort()
                    + " is in use on 127.0.0.1: choose a free port, or 0 for any free one");
          }
          closers.add(zpages);
          LocalSpanStore.offerEndedSpans(true);
          closers.add(() -> LocalSpanStore.offerEndedSpans(false));
          stderr.println("[traced] zPages: " + zpages.tracezUrl());
        }
        case LOGGING -> {
          LoggingTraceExporter.register();
          closers.add(LoggingTraceExporter::unregister);
        }
        case NONE -> {
          // Spans are still created, so context propagates to anything downstream.
        }
      }
    }
  }

  /** The settings this instance runs with. */
  public TracedSettings settings() {
    return settings;
  }

  /** The zPages port, or -1 without the zpages exporter. */
  public int zpagesPort() {
    return zpages == null ? -1 : zpages.port();
  }

  /** Spans delivered to Cloud Trace so far. */
  public long deliveredSpans() {
    return ledger.delivered();
  }

  /**
   * Delivers every span ended so far to the exporters, waiting at most the flush timeout.
   *
   * @return whether everything was handed over in time
   */
  public boolean flush() {
    return deliverWithin(settings.flushTimeout());
  }

  /**
   * Delivers the remaining spans within {@link TracedSettings#flushTimeout()}, unregisters the
   * exporters, restores the sampler, and prints one line on stderr if any span may have been lost.
   * Also runs at JVM exit (Ctrl-C included).
   *
   * <p>Each {@code start} returns a handle to the one running instance; tracing stops when every
   * handle is closed, so a component that starts and closes tracing cannot stop it for the rest
   * of the application. Closing a handle twice counts once per call.
   */
  @Override
  public void close() {
    if (handles.decrementAndGet() > 0) {
      return;
    }
    closeNow();
  }

  /**
   * Stops tracing whatever the handles. A second caller waits for the first one to finish: at
   * Ctrl-C the main thread may be closing while the shutdown hook starts, and the JVM halts as
   * soon as the hook returns.
   */
  private void closeNow() {
    if (!closing.compareAndSet(false, true)) {
      try {
        closed.await(settings.flushTimeout().toMillis() + CLOSE_SLACK_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    try {
      closeOnce();
    } finally {
      closed.countDown();
    }
  }

  private void closeOnce() {
    long deadline = System.nanoTime() + settings.flushTimeout().toNanos();
    awaitWeavingCheck(Math.min(WEAVING_CHECK_WAIT_MILLIS, remainingMillis(deadline)));
    boolean inTime = deliverWithin(Duration.ofMillis(remainingMillis(deadline)));
    if (console != null) {
      console.flushPartial();
    }
    report =
        LossReport.line(
            ledger.lost(),
            ledger.firstCause(),
            ledger.inFlight(),
            ExportPipeline.droppedSpans() - droppedAtStart,
            inTime,
            settings.flushTimeout());
    if (report != null) {
      stderr.println(report);
    }
    unregisterAll();
    synchronized (TracedBootstrap.class) {
      if (running == this) {
        running = null;
      }
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyExiting) {
      // closeNow() is running from the hook itself.
    }
  }

  private static long remainingMillis(long deadline) {
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
  }

  private void awaitWeavingCheck(long millis) {
    if (weavingCheck == null) {
      return;
    }
    try {
      weavingCheck.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The loss line printed at close, or {@code null} if nothing was lost (or not yet closed). */
  public String lossReport() {
    return report;
  }

  private boolean deliverWithin(Duration timeout) {
    // On a separate daemon thread: a backend that never answers must not hold the caller (or the
    // JVM's exit) longer than the timeout.
    AtomicBoolean failed = new AtomicBoolean();
    Thread delivery =
        new Thread(
            () -> {
              try {
                ExportPipeline.deliverEnded(timeout);
              } catch (TimeoutException | RuntimeException notInTime) {
                // Still running or failed: counted as not in time; the report says so.
                failed.set(true);
              }
            },
            "traced-flush");
    delivery.setDaemon(true);
    delivery.start();
    try {
      delivery.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !delivery.isAlive() && !failed.get();
  }

  private void unregisterAll() {
    for (int i = closers.size() - 1; i >= 0; i--) {
      try {
        closers.get(i).close();
      } catch (Exception | LinkageError failure) {
        stderr.println("[traced] closing an exporter failed: " + failure);
      }
    }
    closers.clear();
  }
}
