package dev.traced.bootstrap.stackdriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.traced.bootstrap.DeliveryLedger;
import dev.traced.bootstrap.ExporterKind;
import dev.traced.bootstrap.HostAndPort;
import dev.traced.bootstrap.TracedSettings;
import dev.traced.export.ExportPipeline;
import dev.traced.testing.FakeCloudTrace;
import io.opencensus.trace.Tracing;
import io.opencensus.trace.samplers.Samplers;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exporter registered and closed on its own (the bootstrap flushes before it closes): close
 * unregisters it, cuts a call still waiting for its answer, and gives the transport loggers their
 * levels back once the connection is gone; a start that fails leaves nothing silenced.
 */
class CloudTraceExporterTest {

  private static final Duration GENEROUS = Duration.ofSeconds(30);

  private final DeliveryLedger ledger = new DeliveryLedger();
  private final Logger grpc = Logger.getLogger("io.grpc");
  private Level grpcLevel;
  private FakeCloudTrace cloudTrace;
  private CloudTraceExporter exporter;

  @BeforeEach
  void start() throws Exception {
    ExportPipeline.deliverEnded(GENEROUS); // earlier tests' spans: dropped
    // An exporter closed just before gives the loggers back once its connection has terminated;
    // one that never does would leave them silenced for good (and this class's checks blind).
    await("io.grpc no longer silenced by an earlier exporter", () -> grpc.getLevel() != Level.OFF);
    grpcLevel = grpc.getLevel();
  }

  @AfterEach
  void stop() {
    if (exporter != null) {
      exporter.close();
    }
    if (cloudTrace != null) {
      cloudTrace.close();
    }
  }

  private CloudTraceExporter register(Duration exportTimeout) throws Exception {
    return CloudTraceExporter.register(
        TracedSettings.builder()
            .exporters(ExporterKind.STACKDRIVER)
            .projectId("demo-project")
            .emulatorHost(new HostAndPort("127.0.0.1", cloudTrace.port()))
            .exportTimeout(exportTimeout)
            .retryBudget(Duration.ofMillis(1))
            .build(),
        ledger);
  }

  private static void endSpan(String name) {
    Tracing.getTracer().spanBuilder(name).setSampler(Samplers.alwaysSample()).startSpan().end();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long until = System.nanoTime() + GENEROUS.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for: %s", what).isLessThan(until);
      Thread.sleep(10);
    }
  }

  @Test
  void spansEndedAfterCloseAreNotSent() throws Exception {
    cloudTrace = FakeCloudTrace.start();
    exporter = register(Duration.ofSeconds(10));
    endSpan("before");
    ExportPipeline.deliverEnded(GENEROUS);
    assertThat(cloudTrace.spans()).extracting(s -> s.getDisplayName().getValue())
        .containsExactly("before");

    exporter.close();
    exporter = null;
    endSpan("after");
    ExportPipeline.deliverEnded(GENEROUS);

    assertThat(cloudTrace.spans()).extracting(s -> s.getDisplayName().getValue())
        .containsExactly("before");
  }

  @Test
  void closeCutsACallStillWaitingForItsAnswer() throws Exception {
    cloudTrace = FakeCloudTrace.start().neverAnswer();
    // Without close, the export would wait the full minute for an answer.
    exporter = register(Duration.ofMinutes(1));
    endSpan("waiting");
    Thread export =
        new Thread(
            () -> {
              try {
                ExportPipeline.deliverEnded(Duration.ofMinutes(2));
              } catch (TimeoutException e) {
                throw new IllegalStateException(e);
              }
            });
    export.start();
    await("the call at the server", () -> cloudTrace.requests().size() == 1);

    exporter.close();
    exporter = null;
    export.join(GENEROUS.toMillis());

    assertThat(export.isAlive()).as("export still waiting 30 s after close").isFalse();
  }

  @Test
  void transportLoggersAreSilencedWhileRegisteredAndRestoredAfterClose() throws Exception {
    cloudTrace = FakeCloudTrace.start();
    exporter = register(Duration.ofSeconds(10));
    assertThat(grpc.getLevel()).isEqualTo(Level.OFF);

    exporter.close();
    exporter = null;

    await("io.grpc's level restored", () -> grpc.getLevel() == grpcLevel);
  }

  @Test
  void aFailedRegistrationLeavesNothingSilenced() throws Exception {
    cloudTrace = FakeCloudTrace.start();
    exporter = register(Duration.ofSeconds(10));

    // OpenCensus takes one Stackdriver exporter at a time.
    assertThatThrownBy(() -> register(Duration.ofSeconds(10)))
        .isInstanceOf(IllegalStateException.class);
    exporter.close();
    exporter = null;

    await("io.grpc's level restored", () -> grpc.getLevel() == grpcLevel);
  }

  @Test
  void registeringWithoutAProjectFailsNamingWhatIsMissing() {
    assertThatThrownBy(() -> CloudTraceExporter.register(TracedSettings.builder().build(), ledger))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no project id");
  }
}
