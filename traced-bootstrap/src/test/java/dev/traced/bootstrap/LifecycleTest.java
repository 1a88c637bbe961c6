package dev.traced.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.traced.aspects.LocalSpanStoreState;
import io.opencensus.trace.Tracing;
import io.opencensus.trace.export.SpanData;
import io.opencensus.trace.export.SpanExporter;
import io.opencensus.trace.samplers.Samplers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.ref.WeakReference;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Handles, bounds and clean-up of the running instance. */
class LifecycleTest {

  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  @BeforeEach
  void discardLeftoverSpans() throws Exception {
    LeftoverSpans.discard();
  }

  private TracedBootstrap start(TracedSettings settings) {
    return TracedBootstrap.start(settings, new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  @Test
  void tracingStopsWhenTheLastHandleCloses() {
    TracedSettings settings = TracedSettings.builder().exporters(ExporterKind.CONSOLE).build();
    TracedBootstrap first = start(settings);
    TracedBootstrap second = start(settings);

    second.close(); // a component done with tracing...
    second.close(); // ...that closes twice (explicitly and by try-with-resources)
    Tracing.getTracer().spanBuilder("still-traced").startSpan().end();
    first.flush();
    assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("still-traced");

    first.close();
    // Stopped: a new start with other settings is allowed now.
    start(TracedSettings.builder().exporters(ExporterKind.NONE).build()).close();
  }

  @Test
  void startWhileTheLastHandleIsClosingGetsAFreshWorkingInstance() throws Exception {
    CountDownLatch flushing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    SpanExporter.Handler slow =
        new SpanExporter.Handler() {
          @Override
          public void export(Collection<SpanData> spans) {
            flushing.countDown();
            try {
              release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    TracedSettings settings =
        TracedSettings.builder().exporters(ExporterKind.CONSOLE).flushTimeout(Duration.ofSeconds(5)).build();
    SpanExporter exporter = Tracing.getExportComponent().getSpanExporter();
    TracedBootstrap old = start(settings);
    exporter.registerHandler("slow", slow);
    Tracing.getTracer().spanBuilder("old").startSpan().end();
    Thread closer = new Thread(old::close);
    closer.start();
    assertThat(flushing.await(10, TimeUnit.SECONDS)).isTrue(); // the old instance is mid-close

    Thread starter = new Thread(() -> {
      try (TracedBootstrap fresh = start(settings)) {
        Tracing.getTracer().spanBuilder("fresh").startSpan().end();
      }
    });
    starter.start();
    // The new start must be waiting for the old close, not sharing the closing instance.
    awaitWaitingForClose(starter);
    exporter.unregisterHandler("slow");
    release.countDown();
    closer.join(10_000);
    starter.join(10_000);

    assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("fresh");
  }

  @Test
  void startBetweenTheLastCloseAndItsCleanUpGetsItsOwnSamplerAndExporters() throws Exception {
    TracedSettings settings =
        TracedSettings.builder().exporters(ExporterKind.CONSOLE).flushTimeout(Duration.ofSeconds(5)).build();
    TracedBootstrap old = start(settings);
    AtomicReference<TracedBootstrap> fresh = new AtomicReference<>();
    AtomicLong startNanos = new AtomicLong();
    Thread starter =
        new Thread(
            () -> {
              long began = System.nanoTime();
              fresh.set(start(settings));
              startNanos.set(System.nanoTime() - began);
            });
    // The closing thread has given up the last handle but not yet begun to clean up: a start
    // arrives exactly then, and is waiting by the time the clean-up begins.
    TracedBootstrap.afterLastHandleForgotten =
        () -> {
          starter.start();
          awaitWaitingForClose(starter);
        };
    try {
      old.close();
    } finally {
      TracedBootstrap.afterLastHandleForgotten = null;
    }
    starter.join(20_000);
    assertThat(fresh.get()).as("handle from the racing start").isNotNull();

    try (TracedBootstrap handle = fresh.get()) {
      for (int i = 0; i < 100; i++) {
        Tracing.getTracer().spanBuilder("fresh-" + i).startSpan().end();
      }
      assertThat(handle.flush()).isTrue();
    }
    String printed = stderr.toString(StandardCharsets.UTF_8);
    for (int i = 0; i < 100; i++) {
      assertThat(printed).contains("\nfresh-" + i + " ");
    }
    // It waited for the close (a few milliseconds here), not for a timeout.
    assertThat(Duration.ofNanos(startNanos.get())).isLessThan(settings.flushTimeout());
  }

  @Test
  void startGivesUpWithOneLineIfACloseOverrunsItsBound() throws Exception {
    // Cannot happen unless something ignores its bounds: here the close is held before it begins.
    TracedSettings settings =
        TracedSettings.builder().exporters(ExporterKind.NONE).flushTimeout(Duration.ofMillis(200)).build();
    TracedBootstrap old = start(settings);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread starter =
        new Thread(
            () -> {
              try {
                start(settings).close();
              } catch (Throwable e) {
                failure.set(e);
              }
            });
    TracedBootstrap.afterLastHandleForgotten =
        () -> {
          starter.start();
          try {
            starter.join(10_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    try {
      old.close();
    } finally {
      TracedBootstrap.afterLastHandleForgotten = null;
    }

    assertThat(failure.get())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(String.format(TracedBootstrap.STILL_CLOSING, 1_200));
    start(settings).close(); // the close did finish: starting works again
  }

  /**
   * Waits (bounded) until {@code thread} waits where a start waits for a closing instance: not
   * any wait (class loading, a lock, a sleep), but inside {@code TracedBootstrap.awaitClosing}.
   */
  private static void awaitWaitingForClose(Thread thread) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!waitingForClose(thread)) {
      assertThat(System.nanoTime())
          .as("%s never waited for the closing instance", thread.getName())
          .isLessThan(deadline);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }

  private static boolean waitingForClose(Thread thread) {
    Thread.State state = thread.getState();
    return (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
        && java.util.Arrays.stream(thread.getStackTrace())
            .anyMatch(
                frame ->
                    frame.getClassName().equals(TracedBootstrap.class.getName())
                        && frame.getMethodName().equals("awaitClosing"));
  }

  @Test
  void closeReturnsWithinTheFlushTimeoutWhileStderrBlocks() throws Exception {
    // A pipe nobody reads: every write blocks, for as long as the test lets it.
    CountDownLatch unblock = new CountDownLatch(1);
    OutputStream blocked =
        new OutputStream() {
          @Override
          public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            try {
              unblock.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    Duration flushTimeout = Duration.ofSeconds(1);
    TracedBootstrap bootstrap =
        TracedBootstrap.start(
            TracedSettings.builder().exporters(ExporterKind.CONSOLE).flushTimeout(flushTimeout).build(),
            new PrintStream(blocked, true, StandardCharsets.UTF_8));
    Thread closer = new Thread(bootstrap::close, "closer");
    try {
      Tracing.getTracer().spanBuilder("finished").startSpan().end(); // a whole trace to print
      io.opencensus.trace.Span root = Tracing.getTracer().spanBuilder("unfinished").startSpan();
      Tracing.getTracer().spanBuilderWithExplicitParent("child", root).startSpan().end(); // partial trace

      long started = System.nanoTime();
      closer.start();
      closer.join(flushTimeout.plusSeconds(10).toMillis());
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(closer.isAlive()).as("close still blocked after %s", took).isFalse();
      assertThat(took).isLessThan(flushTimeout.plusSeconds(1));
      root.end();
    } finally {
      unblock.countDown();
      closer.join(10_000);
    }
    LeftoverSpans.discard();
  }

  @Test
  void closeRestoresTheSamplerItFound() {
    Tracing.getTraceConfig()
        .updateActiveTraceParams(
            Tracing.getTraceConfig().getActiveTraceParams().toBuilder()
                .setSampler(Samplers.neverSample())
                .build());
    start(TracedSettings.builder().exporters(ExporterKind.NONE).build()).close();
    assertThat(Tracing.getTraceConfig().getActiveTraceParams().getSampler())
        .isEqualTo(Samplers.neverSample());
  }

  @Test
  void flushCutShortByTheTimeoutIsReportedEvenWithNothingCounted() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    SpanExporter.Handler slow =
        new SpanExporter.Handler() {
          @Override
          public void export(Collection<SpanData> spans) {
            try {
              release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    SpanExporter exporter = Tracing.getExportComponent().getSpanExporter();
    TracedBootstrap bootstrap =
        start(
            TracedSettings.builder()
                .exporters(ExporterKind.NONE)
                .flushTimeout(Duration.ofMillis(500))
                .build());
    exporter.registerHandler("slow", slow);
    try {
      Tracing.getTracer().spanBuilder("stuck").startSpan().end();
      long started = System.nanoTime();
      bootstrap.close();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
    } finally {
      release.countDown();
      exporter.unregisterHandler("slow");
    }
    assertThat(bootstrap.lossReport())
        .isEqualTo(
            "[traced] spans may have been lost: gave up after traced.flush.timeout=500ms; spans"
                + " still queued then were not delivered either");
    assertThat(stderr.toString(StandardCharsets.UTF_8)).contains(bootstrap.lossReport());
    LeftoverSpans.discard();
  }

  @Test
  void zpagesPortInUseIsAOneLineSettingsError() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      TracedSettings settings =
          TracedSettings.builder().exporters(ExporterKind.ZPAGES).zpagesPort(port).build();
      assertThatThrownBy(() -> start(settings))
          .isInstanceOf(SettingsException.class)
          .hasMessage(
              "[traced.zpages.port] port " + port
                  + " is in use on 127.0.0.1: choose a free port, or 0 for any free one");
    }
    // The failed start left nothing running.
    start(TracedSettings.builder().exporters(ExporterKind.NONE).build()).close();
  }

  @Test
  void builderRejectsNoneWithOtherExporters() {
    assertThatThrownBy(
            () -> TracedSettings.builder().exporters(ExporterKind.NONE, ExporterKind.CONSOLE).build())
        .isInstanceOf(SettingsException.class)
        .hasMessage("[traced.exporter] [CONSOLE, NONE] " + TracedSettings.NONE_ALONE);
  }

  @Test
  void closeFreesTheZPagesPortAndStopsFilingSpansForIt() throws IOException {
    TracedBootstrap bootstrap =
        start(TracedSettings.builder().exporters(ExporterKind.ZPAGES).zpagesPort(0).build());
    int port = bootstrap.zpagesPort();
    assertThat(LocalSpanStoreState.offered()).as("@Traced spans offered to /tracez").isTrue();

    bootstrap.close();

    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
    // Filing every span in the local store halves throughput: not without a zPages page.
    assertThat(LocalSpanStoreState.offered()).as("@Traced spans offered after close").isFalse();
  }

  @Test
  void closeLetsGoOfTheConsoleExporterAndItsStream() throws InterruptedException {
    awaitUnreachable(startConsoleAndClose());
  }

  private static WeakReference<PrintStream> startConsoleAndClose() {
    PrintStream stream = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    TracedBootstrap bootstrap =
        TracedBootstrap.start(TracedSettings.builder().exporters(ExporterKind.CONSOLE).build(), stream);
    Tracing.getTracer().spanBuilder("printed").startSpan().end();
    assertThat(bootstrap.flush()).isTrue();
    bootstrap.close();
    return new WeakReference<>(stream);
  }

  @Test
  void aFailedStartLetsGoOfEverythingItStarted() throws IOException, InterruptedException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // The console exporter and the printer start before zPages fails on the port.
      awaitUnreachable(startConsoleAndZPagesOn(taken.getLocalPort()));
    }
  }

  private static WeakReference<PrintStream> startConsoleAndZPagesOn(int takenPort) {
    PrintStream stream = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    TracedSettings settings =
        TracedSettings.builder()
            .exporters(ExporterKind.CONSOLE, ExporterKind.ZPAGES)
            .zpagesPort(takenPort)
            .build();
    assertThatThrownBy(() -> TracedBootstrap.start(settings, stream))
        .isInstanceOf(SettingsException.class);
    return new WeakReference<>(stream);
  }

  /**
   * Waits (up to 30 s) until the stream a closed instance printed to can be collected: nothing it
   * started (the console exporter registered with OpenCensus, the printer's thread) still runs.
   */
  private static void awaitUnreachable(WeakReference<PrintStream> stream) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (stream.get() != null && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(50);
    }
    assertThat(stream.get())
        .as("the stream is still referenced: an exporter still registered or a printer still running")
        .isNull();
  }
}
