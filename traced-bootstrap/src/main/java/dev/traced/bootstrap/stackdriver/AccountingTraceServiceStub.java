package dev.traced.bootstrap.stackdriver;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutures;
import com.google.api.gax.rpc.ApiCallContext;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.api.gax.rpc.UnaryCallable;
import com.google.cloud.trace.v2.stub.TraceServiceStub;
import com.google.devtools.cloudtrace.v2.BatchWriteSpansRequest;
import com.google.protobuf.Empty;
import dev.traced.bootstrap.DeliveryLedger;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Wraps the Cloud Trace stub the Stackdriver exporter calls: sets the span kinds the exporter
 * leaves out ({@link SpanKindField}), splits batches by size, retries what certainly did not
 * arrive, and counts every span in the {@link DeliveryLedger}.
 *
 * <p>A failed batch is recorded in the ledger and reported to the exporter as success: OpenCensus
 * would only log a stack trace per failed batch and carry on, while the ledger lets the bootstrap
 * report the total once, with its cause. The delegate makes single attempts (each bounded by
 * {@code traced.export.timeout}); retries happen here, because only here can a retry be refused
 * to a batch that may already be stored (see {@link FailureKind}).
 */
final class AccountingTraceServiceStub extends TraceServiceStub {

  private static final long FIRST_RETRY_DELAY_MILLIS = 100;
  private static final long MAX_RETRY_DELAY_MILLIS = 1_000;

  private final TraceServiceStub delegate;
  private final DeliveryLedger ledger;
  private final Duration exportTimeout;
  private final Duration retryBudget;
  private final int maxRequestBytes;
  private final UnaryCallable<BatchWriteSpansRequest, Empty> batchWriteSpans;

  AccountingTraceServiceStub(
      TraceServiceStub delegate,
      DeliveryLedger ledger,
      Duration exportTimeout,
      Duration retryBudget,
      int maxRequestBytes) {
    this.delegate = delegate;
    this.ledger = ledger;
    this.exportTimeout = exportTimeout;
    this.retryBudget = retryBudget;
    this.maxRequestBytes = maxRequestBytes;
    this.batchWriteSpans = new AccountingCallable();
    ledger.attach();
  }

  @Override
  public UnaryCallable<BatchWriteSpansRequest, Empty> batchWriteSpansCallable() {
    return batchWriteSpans;
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public void shutdown() {
    delegate.shutdown();
  }

  @Override
  public boolean isShutdown() {
    return delegate.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return delegate.isTerminated();
  }

  @Override
  public void shutdownNow() {
    delegate.shutdownNow();
  }

  @Override
  public boolean awaitTermination(long duration, TimeUnit unit) throws InterruptedException {
    return delegate.awaitTermination(duration, unit);
  }

  /** One line naming the failure, without request contents or credentials. */
  static String describe(Throwable failure) {
    if (failure instanceof ApiException api) {
      // gRPC's own message already starts with the code: "UNAVAILABLE: io exception".
      if (api.getCause() instanceof StatusRuntimeException grpc && grpc.getMessage() != null) {
        return firstLine(grpc.getMessage());
      }
      String message = api.getMessage();
      return api.getStatusCode().getCode() + (message == null ? "" : ": " + firstLine(message));
    }
    return failure.getClass().getSimpleName()
        + (failure.getMessage() == null ? "" : ": " + firstLine(failure.getMessage()));
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private final class AccountingCallable extends UnaryCallable<BatchWriteSpansRequest, Empty> {
    @Override
    public ApiFuture<Empty> futureCall(BatchWriteSpansRequest request, ApiCallContext context) {
      // The exporter waits for each batch anyway, so waiting here costs nothing extra and
      // keeps the count exact.
      BatchWriteSpansRequest withKinds = SpanKindField.addTo(request);
      for (BatchWriteSpansRequest part : RequestSplitter.split(withKinds, maxRequestBytes)) {
        send(part, context);
      }
      return ApiFutures.immediateFuture(Empty.getDefaultInstance());
    }
  }

  private void send(BatchWriteSpansRequest request, ApiCallContext context) {
    DeliveryLedger.Batch batch = ledger.sending(request.getSpansCount());
    if (batch == null) {
      return; // closed: the close report counts these spans as not sent
    }
    long giveUpAt = System.nanoTime() + retryBudget.toNanos();
    long delay = FIRST_RETRY_DELAY_MILLIS;
    while (true) {
      try {
        delegate.batchWriteSpansCallable().call(request, context);
        batch.delivered();
        return;
      } catch (RuntimeException failure) {
        FailureKind kind = FailureKind.of(failure);
        String cause = describe(failure);
        if (kind == FailureKind.UNKNOWN) {
          batch.unknown(isDeadline(failure)
              ? String.format(CloudTraceExporter.NO_ANSWER_IN_TIME, exportTimeout.toMillis())
              : cause);
          return;
        }
        if (kind == FailureKind.LOST
            || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay) > giveUpAt) {
          batch.lost(cause);
          return;
        }
        batch.failed(cause);
        if (!ledger.waitUnlessClosed(delay)) {
          batch.lost(cause);
          return;
        }
        batch.retrying();
        delay = Math.min(delay * 2, MAX_RETRY_DELAY_MILLIS);
      }
    }
  }

  private static boolean isDeadline(RuntimeException failure) {
    return failure instanceof ApiException api
        && api.getStatusCode().getCode() == StatusCode.Code.DEADLINE_EXCEEDED;
  }
}
