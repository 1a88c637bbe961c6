package dev.traced.bootstrap;

import dev.traced.aspects.LocalSpanStore;
import dev.traced.aspects.Warmup;
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
import java.net.BindException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one running set of exporters behind every {@link TracedBootstrap} handle: installs the
 * sampler and exporters, delivers ended spans on demand, and on close (or JVM exit) delivers the
 * rest within the flush timeout, reports losses in one line, and undoes everything it installed.
 */
final class TracingRuntime {

  private static final long WEAVING_CHECK_WAIT_MILLIS = 1_000;
  private static final long CLOSE_SLACK_MILLIS = 1_000;

  private final TracedSettings settings;
  private final PrintStream stderr;
  private final DeliveryLedger ledger = new DeliveryLedger();
  private final List<AutoCloseable> closers = new ArrayList<>();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread shutdownHook;
  private long droppedAtStart;
  private ConsoleTraceHandler console;
  private ZPagesServer zpages;
  private Thread weavingCheck;
  private volatile String report;
  /** Handles not yet closed; guarded by TracedBootstrap.class. */
  int openHandles;

  TracingRuntime(TracedSettings settings, PrintStream stderr) {
    this.settings = settings;
    this.stderr = stderr;
    this.shutdownHook = new Thread(this::close, "traced-flush-on-exit");
  }

  TracedSettings settings() {
    return settings;
  }

  /**
   * Installs sampler, exporters and the exit hook; on any failure undoes what it did and rethrows.
   */
  void start(ClassLoader loader) throws IOException {
    boolean started = false;
    try {
      droppedAtStart = ExportPipeline.droppedSpans();
      install();
      Runtime.getRuntime().addShutdownHook(shutdownHook);
      Warmup.inBackground(); // the aspect's classes load now, not in the first traced call
      started = true;
    } finally {
      if (!started) {
        unregisterAll();
      }
    }
    startWeavingCheck(loader);
  }

  private void install() throws IOException {
    TraceConfig config = Tracing.getTraceConfig();
    TraceParams previous = config.getActiveTraceParams();
    closers.add(() -> config.updateActiveTraceParams(previous));
    config.updateActiveTraceParams(
        previous.toBuilder()
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

  /**
   * Annotations that were never woven would trace nothing in silence: say so once. On a daemon
   * thread, because reading many class files can take tens of milliseconds of start-up; close
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

  int zpagesPort() {
    return zpages == null ? -1 : zpages.port();
  }

  long deliveredSpans() {
    return ledger.delivered();
  }

  String lossReport() {
    return report;
  }

  /** Delivers every span ended so far, waiting at most {@code timeout}; true if in time. */
  boolean deliverWithin(Duration timeout) {
    // On a separate daemon thread: a backend that never answers must not hold the caller (or the
    // JVM's exit) longer than the timeout.
    AtomicBoolean failed = new AtomicBoolean();
    Thread delivery =
        new Thread(
            () -> {
              try {
                ExportPipeline.deliverEnded(timeout);
              } catch (Throwable notInTime) {
                // Timed out or failed: counted as not in time; the report says so.
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

  /**
   * Stops tracing. A second caller waits for the first one to finish: at Ctrl-C the main thread
   * may be closing while the shutdown hook starts, and the JVM halts as soon as the hook returns.
   */
  void close() {
    TracedBootstrap.forget(this);
    if (!closing.compareAndSet(false, true)) {
      awaitClosed();
      return;
    }
    try {
      closeOnce();
    } finally {
      closed.countDown();
    }
  }

  /** Waits (bounded by the flush timeout) until a close in progress has finished. */
  void awaitClosed() {
    try {
      closed.await(settings.flushTimeout().toMillis() + CLOSE_SLACK_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void closeOnce() {
    try {
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
    } catch (RuntimeException reportFailure) {
      stderr.println("[traced] flushing at close failed: " + reportFailure);
    } finally {
      unregisterAll();
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException alreadyExiting) {
        // close() is running from the hook itself.
      }
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
