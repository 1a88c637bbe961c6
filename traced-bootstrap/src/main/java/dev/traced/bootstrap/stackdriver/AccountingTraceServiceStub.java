package dev.traced.bootstrap.stackdriver;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutures;
import com.google.api.gax.rpc.ApiCallContext;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.UnaryCallable;
import com.google.cloud.trace.v2.stub.TraceServiceStub;
import com.google.devtools.cloudtrace.v2.BatchWriteSpansRequest;
import com.google.protobuf.Empty;
import dev.traced.bootstrap.DeliveryLedger;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;

/**
 * Wraps the Cloud Trace stub the Stackdriver exporter calls, to count delivered and lost spans.
 *
 * <p>A failed batch is recorded in the {@link DeliveryLedger} and reported to the exporter as
 * success: OpenCensus would only log a stack trace per failed batch and carry on, while the ledger
 * lets the bootstrap report the total once, with its cause. Retries happen inside the delegate
 * (gax retry settings), so a batch counted lost has used its retry budget.
 */
final class AccountingTraceServiceStub extends TraceServiceStub {

  private final TraceServiceStub delegate;
  private final DeliveryLedger ledger;
  private final UnaryCallable<BatchWriteSpansRequest, Empty> batchWriteSpans;

  AccountingTraceServiceStub(TraceServiceStub delegate, DeliveryLedger ledger) {
    this.delegate = delegate;
    this.ledger = ledger;
    this.batchWriteSpans = new AccountingCallable();
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
      int spans = request.getSpansCount();
      ledger.sending(spans);
      try {
        // The exporter waits for each batch anyway, so waiting here costs nothing extra and
        // keeps the count exact.
        delegate.batchWriteSpansCallable().call(request, context);
        ledger.delivered(spans);
      } catch (RuntimeException failure) {
        ledger.lost(spans, describe(failure));
      }
      return ApiFutures.immediateFuture(Empty.getDefaultInstance());
    }
  }
}
