package dev.traced.bootstrap.stackdriver;

import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.StatusCode;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.trace.v2.stub.GrpcTraceServiceStub;
import com.google.cloud.trace.v2.stub.TraceServiceStub;
import com.google.cloud.trace.v2.stub.TraceServiceStubSettings;
import dev.traced.bootstrap.DeliveryLedger;
import dev.traced.bootstrap.HostAndPort;
import dev.traced.bootstrap.SettingsException;
import dev.traced.bootstrap.TracedSettings;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.opencensus.exporter.trace.stackdriver.StackdriverTraceConfiguration;
import io.opencensus.exporter.trace.stackdriver.StackdriverTraceExporter;
import java.io.IOException;
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
 * the batch) and ignores its deadline setting once a custom stub is set. Ours retries
 * {@code UNAVAILABLE}, {@code DEADLINE_EXCEEDED} and {@code RESOURCE_EXHAUSTED} with backoff
 * within {@link TracedSettings#retryBudget()}, each attempt limited to
 * {@link TracedSettings#exportTimeout()}. With an emulator host it talks plaintext gRPC without
 * credentials; otherwise it uses Application Default Credentials, which are never logged: a
 * credentials file that cannot be used is named with the kind of problem, never quoted (see
 * {@code GoogleCredentialsLookup}).
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

  private final TraceServiceStub stub;
  private final ManagedChannel emulatorChannel;

  private CloudTraceExporter(TraceServiceStub stub, ManagedChannel emulatorChannel) {
    this.stub = stub;
    this.emulatorChannel = emulatorChannel;
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
    stubSettings
        .batchWriteSpansSettings()
        .setRetryableCodes(
            StatusCode.Code.UNAVAILABLE,
            StatusCode.Code.DEADLINE_EXCEEDED,
            StatusCode.Code.RESOURCE_EXHAUSTED)
        .setRetrySettings(retrySettings(settings));
    TraceServiceStub stub = null;
    try {
      stub =
          new AccountingTraceServiceStub(GrpcTraceServiceStub.create(stubSettings.build()), ledger);
      StackdriverTraceExporter.createAndRegister(
          StackdriverTraceConfiguration.builder()
              .setProjectId(projectId)
              .setTraceServiceStub(stub)
              .build());
      return new CloudTraceExporter(stub, channel);
    } catch (IOException | RuntimeException failure) {
      // Nothing half-started may outlive a failed start: no stub, no connection.
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

  static RetrySettings retrySettings(TracedSettings settings) {
    Duration attempt = Duration.ofMillis(settings.exportTimeout().toMillis());
    return RetrySettings.newBuilder()
        .setInitialRetryDelay(Duration.ofMillis(100))
        .setRetryDelayMultiplier(2.0)
        .setMaxRetryDelay(Duration.ofSeconds(1))
        .setInitialRpcTimeout(attempt)
        .setRpcTimeoutMultiplier(1.0)
        .setMaxRpcTimeout(attempt)
        .setTotalTimeout(Duration.ofMillis(settings.retryBudget().toMillis()))
        .build();
  }

  /** Unregisters the exporter and closes its connection; pending calls are cancelled. */
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
    }
  }
}
