package dev.traced.bootstrap.stackdriver;

import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.trace.v2.stub.GrpcTraceServiceStub;
import com.google.cloud.trace.v2.stub.TraceServiceStub;
import com.google.cloud.trace.v2.stub.TraceServiceStubSettings;
import dev.traced.bootstrap.DeliveryLedger;
import dev.traced.bootstrap.HostAndPort;
import dev.traced.bootstrap.QuietLoggers;
import dev.traced.bootstrap.SettingsException;
import dev.traced.bootstrap.TracedSettings;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.opencensus.exporter.trace.stackdriver.StackdriverTraceConfiguration;
import io.opencensus.exporter.trace.stackdriver.StackdriverTraceExporter;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.threeten.bp.Duration;

/**
 * Registers OpenCensus' Stackdriver exporter with a Cloud Trace stub whose every call is bounded
 * and retried, and whose losses are counted.
 *
 * <pre>{@code
 * CloudTraceExporter exporter = CloudTraceExporter.register(settings, ledger);
 * ...
 * exporter.close();
 * }</pre>
 *
 * <p>Why a stub of our own: the exporter's own one retries nothing (one {@code UNAVAILABLE} loses
 * the batch) and ignores its deadline setting once a custom stub is set. Ours splits batches to
 * at most 3 MiB per request, retries {@code UNAVAILABLE} and quota {@code RESOURCE_EXHAUSTED}
 * with backoff within {@link TracedSettings#retryBudget()}, each attempt limited to {@link
 * TracedSettings#exportTimeout()}, and never re-sends a batch that may have arrived (a
 * {@code DEADLINE_EXCEEDED} is counted as unknown instead). While registered, gRPC's, Netty's and
 * gax's own logging is silenced: the loss line says what went wrong, once. With an emulator host
 * it talks plaintext gRPC without credentials; otherwise it uses Application Default Credentials,
 * which are never logged: a credentials file that cannot be used is named with the kind of
 * problem, never quoted (see {@code GoogleCredentialsLookup}).
 */
public final class CloudTraceExporter implements AutoCloseable {

  /** Start-up error when Google credentials cannot be found. */
  public static final String NO_CREDENTIALS =
      "[traced.exporter] stackdriver found no Google Application Default Credentials: set"
          + " GOOGLE_APPLICATION_CREDENTIALS to a service account key file, run gcloud auth"
          + " application-default login, or set traced.stackdriver.emulator-host for a local"
          + " emulator";

  /**
   * Start-up error when the file named by GOOGLE_APPLICATION_CREDENTIALS cannot be used. Args: the
   * path (or a note that the value is not shown), the kind of problem. Never any part of the file.
   */
  public static final String BAD_CREDENTIALS_FILE =
      "[traced.exporter] stackdriver cannot use the credentials file GOOGLE_APPLICATION_CREDENTIALS"
          + "=%s: it %s; point the variable at a service account key file, or unset it";

  /** Start-up error when gcloud's credentials file cannot be used. Args: its path, the problem. */
  public static final String BAD_GCLOUD_CREDENTIALS_FILE =
      "[traced.exporter] stackdriver cannot use the gcloud credentials file %s: it %s; run gcloud"
          + " auth application-default login again, or set GOOGLE_APPLICATION_CREDENTIALS to a"
          + " service account key file";

  /**
   * Cause of an unknown outcome: the call's deadline passed, so the batch may have arrived (and is
   * not re-sent). Arg: {@code traced.export.timeout} in ms.
   */
  public static final String NO_ANSWER_IN_TIME = "no answer within traced.export.timeout=%dms";

  /**
   * Loggers of the transport, silenced while the exporter is registered: the loss line reports
   * what they would print, once.
   */
  static final String[] TRANSPORT_LOGGERS = {"io.grpc", "io.netty", "com.google.api.gax"};

  /** How long after close the transport loggers stay silenced at most (until it terminates). */
  static final long LOGGERS_RESTORE_WAIT_SECONDS = 5;

  private final TraceServiceStub stub;
  private final ManagedChannel emulatorChannel;
  private final QuietLoggers quiet;

  private CloudTraceExporter(
      TraceServiceStub stub, ManagedChannel emulatorChannel, QuietLoggers quiet) {
    this.stub = stub;
    this.emulatorChannel = emulatorChannel;
    this.quiet = quiet;
  }

  /**
   * Creates the stub and registers the exporter.
   *
   * @throws SettingsException without usable credentials (and without an emulator host)
   * @throws IOException if the stub cannot be created
   */
  public static CloudTraceExporter register(TracedSettings settings, DeliveryLedger ledger)
      throws IOException {
    String projectId =
        settings.projectId().orElseThrow(() -> new IllegalStateException("no project id"));
    TraceServiceStubSettings.Builder stubSettings = TraceServiceStubSettings.newBuilder();
    ManagedChannel channel = null;
    if (settings.emulatorHost().isPresent()) {
      HostAndPort host = settings.emulatorHost().get();
      channel = ManagedChannelBuilder.forTarget(host.toString()).usePlaintext().build();
      stubSettings
          .setTransportChannelProvider(
              FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)))
          .setCredentialsProvider(NoCredentialsProvider.create());
    } else {
      stubSettings.setCredentialsProvider(FixedCredentialsProvider.create(googleCredentials()));
    }
    // Single attempts here; AccountingTraceServiceStub decides what may be retried.
    stubSettings
        .batchWriteSpansSettings()
        .setRetryableCodes(Set.of())
        .setRetrySettings(attemptSettings(settings));
    TraceServiceStub stub = null;
    QuietLoggers quiet = QuietLoggers.silence(TRANSPORT_LOGGERS);
    try {
      stub =
          new AccountingTraceServiceStub(
              GrpcTraceServiceStub.create(stubSettings.build()),
              ledger,
              settings.exportTimeout(),
              settings.retryBudget(),
              RequestSplitter.MAX_REQUEST_BYTES);
      StackdriverTraceExporter.createAndRegister(
          StackdriverTraceConfiguration.builder()
              .setProjectId(projectId)
              .setTraceServiceStub(stub)
              .build());
      return new CloudTraceExporter(stub, channel, quiet);
    } catch (IOException | RuntimeException failure) {
      // Nothing half-started may outlive a failed start: no stub, no connection, no silenced log.
      quiet.close();
      if (stub != null) {
        stub.shutdownNow();
      }
      if (channel != null) {
        channel.shutdownNow();
      }
      throw failure;
    }
  }

  private static GoogleCredentials googleCredentials() {
    return GoogleCredentialsLookup.ofSystem()
        .find()
        .createScoped(TraceServiceStubSettings.getDefaultServiceScopes());
  }

  /** One attempt, bounded by {@code traced.export.timeout}. */
  static RetrySettings attemptSettings(TracedSettings settings) {
    Duration attempt = Duration.ofMillis(settings.exportTimeout().toMillis());
    return RetrySettings.newBuilder()
        .setInitialRpcTimeout(attempt)
        .setRpcTimeoutMultiplier(1.0)
        .setMaxRpcTimeout(attempt)
        .setTotalTimeout(attempt)
        .setMaxAttempts(1)
        .build();
  }

  /**
   * Unregisters the exporter and closes its connection; pending calls are cancelled. The transport
   * loggers get their levels back once the connection has terminated (on a daemon thread, at most
   * {@link #LOGGERS_RESTORE_WAIT_SECONDS} later): a late answer on a cancelled call would otherwise
   * still log after close.
   */
  @Override
  public void close() {
    try {
      StackdriverTraceExporter.unregister();
    } finally {
      // No waiting for termination: close() is on the exit path, bounded by the flush timeout.
      stub.shutdownNow();
      if (emulatorChannel != null) {
        emulatorChannel.shutdownNow();
      }
      Thread restore = new Thread(this::restoreLoggersWhenTerminated, "traced-grpc-loggers");
      restore.setDaemon(true);
      restore.start();
    }
  }

  private void restoreLoggersWhenTerminated() {
    try {
      stub.awaitTermination(LOGGERS_RESTORE_WAIT_SECONDS, TimeUnit.SECONDS);
      if (emulatorChannel != null) {
        emulatorChannel.awaitTermination(LOGGERS_RESTORE_WAIT_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      quiet.close();
    }
  }
}
