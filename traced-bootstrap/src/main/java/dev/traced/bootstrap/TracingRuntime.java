package dev.traced.bootstrap;

import com.google.common.util.concurrent.Uninterruptibles;
import dev.traced.aspects.LocalSpanStore;
import dev.traced.aspects.Warmup;
import dev.traced.bootstrap.console.BoundedPrinter;
import dev.traced.bootstrap.console.ConsoleTraceHandler;
import dev.traced.bootstrap.stackdriver.CloudTraceExporter;
import dev.traced.bootstrap.weaving.WeavingSelfCheck;
import dev.traced.bootstrap.zipkin.ZipkinExporter;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one running set of exporters behind every {@link TracedBootstrap} handle: installs the
 * sampler and exporters, delivers ended spans on demand, and on close (or JVM exit) delivers the
 * rest within the flush timeout, reports losses in one line, and undoes everything it installed.
 *
 * <p>Closing is bounded whatever happens around it: every wait keeps waiting through interrupts
 * (an executor shutting down interrupts the thread that closes; giving up then would lose every
 * span) and restores the interrupt flag afterwards; everything it prints goes through a {@link
 * BoundedPrinter}, so a stderr that blocks costs at most the flush timeout plus {@value
 * #OUTPUT_GRACE_MILLIS} ms.
 */
final class TracingRuntime {

  private static final long WEAVING_CHECK_WAIT_MILLIS = 1_000;
  private static final long CLOSE_SLACK_MILLIS = 1_000;
  /**
   * Time past the flush deadline for the last lines to reach stderr: without it a flush cut short
   * by the timeout would leave no time to print the line saying so. Spent only while stderr is
   * slow or blocked.
   */
  private static final long OUTPUT_GRACE_MILLIS = 500;
  static final String CONTEXT_LOGGER = "io.grpc.Context";

  private final TracedSettings settings;
  private final PrintStream stderr;
  /** One ledger per backend that confirms delivery: a span goes to each, and is counted at each. */
  private final Map<String, DeliveryLedger> ledgers = new LinkedHashMap<>();
  private final List<AutoCloseable> closers = new ArrayList<>();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread shutdownHook;
  private long droppedAtStart;
  private BoundedPrinter printer;
  private long acceptedAtStart;
  private ConsoleTraceHandler console;
  private ZPagesServer zpages;
  private Thread weavingCheck;
  private volatile String report;
  /** Handles not yet closed; guarded by {@link TracedBootstrap#LOCK}. */
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
    printer = BoundedPrinter.start(stderr);
    try {
      droppedAtStart = ExportPipeline.droppedSpans();
      acceptedAtStart = acceptedSpans();
      install();
      Runtime.getRuntime().addShutdownHook(shutdownHook);
      Warmup.inBackground(); // the aspect's classes load now, not in the first traced call
      started = true;
    } finally {
      if (!started) {
        unregisterAll();
        printer.close();
      }
    }
    startWeavingCheck(loader);
  }

  private void install() throws IOException {
    // OpenCensus keeps the current span in gRPC's Context, which logs a 1,000-line SEVERE stack
    // trace whenever a chain is 1,000 deep: a deep traced recursion is no error of the user's.
    closers.add(QuietLoggers.silence(CONTEXT_LOGGER));
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
        case STACKDRIVER ->
            closers.add(CloudTraceExporter.register(settings, ledger(LossReport.CLOUD_TRACE)));
        case ZIPKIN ->
            closers.add(ZipkinExporter.register(settings, ledger(ZipkinExporter.BACKEND)));
        case CONSOLE -> {
          console = new ConsoleTraceHandler(printer);
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
          printer.println("[traced] zPages: " + zpages.tracezUrl());
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
            () -> WeavingSelfCheck.check(loader).ifPresent(printer::println),
            "traced-weaving-check");
    weavingCheck.setDaemon(true);
    weavingCheck.start();
  }

  private DeliveryLedger ledger(String backend) {
    return ledgers.computeIfAbsent(backend, name -> new DeliveryLedger());
  }

  int zpagesPort() {
    return zpages == null ? -1 : zpages.port();
  }

  long deliveredSpans() {
    long delivered = 0;
    for (DeliveryLedger ledger : ledgers.values()) {
      delivered += ledger.delivered();
    }
    return delivered;
  }

  String lossReport() {
    return report;
  }

  /**
   * Delivers every span ended so far and prints what the console exporter made of them, waiting
   * at most {@code timeout}; true if in time.
   */
  boolean flush(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    return deliverWithin(timeout) && printer.awaitPrinted(deadline);
  }

  /** Delivers every span ended so far, waiting at most {@code timeout}; true if in time. */
  private boolean deliverWithin(Duration timeout) {
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
    Uninterruptibles.joinUninterruptibly(delivery, timeout.toNanos(), TimeUnit.NANOSECONDS);
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
      TracedBootstrap.closed(this);
    }
  }

  /** The longest a close can take, and so the longest a start waits for one. */
  Duration closeBound() {
    return settings.flushTimeout().plusMillis(CLOSE_SLACK_MILLIS);
  }

  /** Waits (bounded by the flush timeout) until a close in progress has finished. */
  void awaitClosed() {
    Uninterruptibles.awaitUninterruptibly(
        closed, closeBound().toNanos(), TimeUnit.NANOSECONDS);
  }

  private void closeOnce() {
    long deadline = System.nanoTime() + settings.flushTimeout().toNanos();
    long outputDeadline = deadline + TimeUnit.MILLISECONDS.toNanos(OUTPUT_GRACE_MILLIS);
    // Before anything can wait for the printer (the console exporter on OpenCensus' thread, the
    // partial traces, the loss line): no one waits for stderr past this.
    printer.finishBy(outputDeadline);
    try {
      awaitWeavingCheck(Math.min(WEAVING_CHECK_WAIT_MILLIS, remainingMillis(deadline)));
      boolean inTime = deliverWithin(Duration.ofMillis(remainingMillis(deadline)));
      if (console != null) {
        console.flushPartial();
      }
      Map<String, DeliveryLedger.Tally> tallies = new LinkedHashMap<>();
      for (Map.Entry<String, DeliveryLedger> ledger : ledgers.entrySet()) {
        tallies.put(
            ledger.getKey(),
            ledger.getValue().close(
                () -> acceptedSpans() - acceptedAtStart,
                String.format(
                    LossReport.NO_ANSWER_BEFORE_CLOSE, settings.flushTimeout().toMillis())));
      }
      report =
          LossReport.line(
              tallies,
              ExportPipeline.droppedSpans() - droppedAtStart,
              inTime,
              settings.flushTimeout());
      if (report != null) {
        printer.println(report);
      }
    } catch (RuntimeException reportFailure) {
      printer.println("[traced] flushing at close failed: " + reportFailure);
    } finally {
      unregisterAll();
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException alreadyExiting) {
        // close() is running from the hook itself.
      }
      // A JVM exits right after close returns: the lines must be written by then, if stderr
      // takes them at all.
      printer.awaitPrinted(outputDeadline);
      printer.close();
    }
  }

  /**
   * Spans OpenCensus' exporter took in so far, for the count of spans never sent; 0 (nothing
   * counted as not sent) if the implementation is not the opencensus-impl this build pins.
   */
  private static long acceptedSpans() {
    try {
      return ExportPipeline.acceptedSpans();
    } catch (RuntimeException | LinkageError otherImplementation) {
      return 0;
    }
  }

  private static long remainingMillis(long deadline) {
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
  }

  private void awaitWeavingCheck(long millis) {
    if (weavingCheck == null) {
      return;
    }
    Uninterruptibles.joinUninterruptibly(weavingCheck, millis, TimeUnit.MILLISECONDS);
  }

  private void unregisterAll() {
    for (int i = closers.size() - 1; i >= 0; i--) {
      try {
        closers.get(i).close();
      } catch (Exception | LinkageError failure) {
        printer.println("[traced] closing an exporter failed: " + failure);
      }
    }
    closers.clear();
  }
}
