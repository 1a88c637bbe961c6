package dev.traced.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opencensus.trace.Tracing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Handles that are not the last, the lock behind them, and what a failed start leaves behind
 * (nothing): told by what the console prints and which sampler OpenCensus runs with.
 */
class HandlesTest {

  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  @BeforeEach
  void discardLeftoverSpans() throws Exception {
    LeftoverSpans.discard();
  }

  private TracedBootstrap start(TracedSettings settings) {
    return TracedBootstrap.start(settings, new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  private String printed() {
    return stderr.toString(StandardCharsets.UTF_8);
  }

  private static String samplerNow() {
    return Tracing.getTraceConfig().getActiveTraceParams().getSampler().getDescription();
  }

  @Test
  void closingEveryHandleButOneKeepsTracingOnUntilTheLast() throws Exception {
    TracedSettings settings = TracedSettings.builder().exporters(ExporterKind.CONSOLE).build();
    TracedBootstrap first = start(settings);
    TracedBootstrap second = start(settings);
    TracedBootstrap third = start(settings);

    first.close();
    first.close(); // counts once: two handles are still open
    second.close();
    Tracing.getTracer().spanBuilder("while-one-is-open").startSpan().end();
    assertThat(third.flush()).isTrue();
    assertThat(printed()).contains("\nwhile-one-is-open ");

    third.close();
    Tracing.getTracer().spanBuilder("after-the-last").startSpan().end();
    LeftoverSpans.discard();
    assertThat(printed()).doesNotContain("after-the-last");
  }

  @Test
  void codeHoldingTheBootstrapClassMonitorCannotStallStartOrClose() throws Exception {
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder =
        new Thread(
            () -> {
              synchronized (TracedBootstrap.class) {
                held.countDown();
                try {
                  release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            });
    holder.start();
    try {
      assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<Void> startAndClose =
          CompletableFuture.runAsync(
              () -> start(TracedSettings.builder().exporters(ExporterKind.NONE).build()).close());
      startAndClose.get(10, TimeUnit.SECONDS);
    } finally {
      release.countDown();
      holder.join(10_000);
    }
  }

  @Test
  void failedStartUndoesWhatItInstalledBeforeTheFailure() throws IOException, Exception {
    String before = samplerNow();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // The console exporter and the sampler are installed before zPages fails to bind.
      TracedSettings settings =
          TracedSettings.builder()
              .exporters(ExporterKind.CONSOLE, ExporterKind.ZPAGES)
              .sampler(new SamplerSetting(0.5))
              .zpagesPort(taken.getLocalPort())
              .build();
      assertThatThrownBy(() -> start(settings)).isInstanceOf(SettingsException.class);
    }
    assertThat(samplerNow()).isEqualTo(before);
    Tracing.getTracer().spanBuilder("after-failed-start").startSpan().end();
    LeftoverSpans.discard();
    assertThat(printed()).doesNotContain("after-failed-start");
  }
}
