package dev.traced.bootstrap.stackdriver;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcStatusCode;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.ApiExceptionFactory;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.trace.v2.stub.GrpcTraceServiceStub;
import com.google.cloud.trace.v2.stub.TraceServiceStubSettings;
import com.google.devtools.cloudtrace.v2.BatchWriteSpansRequest;
import com.google.devtools.cloudtrace.v2.Span;
import com.google.devtools.cloudtrace.v2.TruncatableString;
import dev.traced.bootstrap.DeliveryLedger;
import dev.traced.bootstrap.TracedSettings;
import dev.traced.testing.FakeCloudTrace;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our Cloud Trace stub against a real gRPC Cloud Trace v2 server on 127.0.0.1, without OpenCensus
 * in between: per status, what is retried (and then arrives once), what is lost at once, what is
 * unknown and never re-sent, how far retries go within the budget, what close does to a batch
 * waiting to be retried or waiting for its answer, and how a large batch is split.
 */
class AccountingTraceServiceStubTest {

  private static final Duration GENEROUS = Duration.ofSeconds(30);

  private final DeliveryLedger ledger = new DeliveryLedger();
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final List<AccountingTraceServiceStub> stubs = new ArrayList<>();
  private FakeCloudTrace cloudTrace;

  @AfterEach
  void stop() throws InterruptedException {
    for (AccountingTraceServiceStub stub : stubs) {
      stub.shutdownNow();
    }
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
    if (cloudTrace != null) {
      cloudTrace.close();
    }
  }

  /** Our stub over gax's, set up as {@code CloudTraceExporter} does for an emulator host. */
  private AccountingTraceServiceStub stub(
      Duration exportTimeout, Duration retryBudget, int maxRequestBytes) throws IOException {
    ManagedChannel channel =
        ManagedChannelBuilder.forTarget(cloudTrace.hostAndPort()).usePlaintext().build();
    channels.add(channel);
    TraceServiceStubSettings.Builder settings =
        TraceServiceStubSettings.newBuilder()
            .setTransportChannelProvider(
                FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)))
            .setCredentialsProvider(NoCredentialsProvider.create());
    settings
        .batchWriteSpansSettings()
        .setRetryableCodes(Set.of())
        .setRetrySettings(
            CloudTraceExporter.attemptSettings(
                TracedSettings.builder().exportTimeout(exportTimeout).build()));
    AccountingTraceServiceStub stub =
        new AccountingTraceServiceStub(
            GrpcTraceServiceStub.create(settings.build()),
            ledger,
            exportTimeout,
            retryBudget,
            maxRequestBytes);
    stubs.add(stub);
    return stub;
  }

  private AccountingTraceServiceStub stub(Duration retryBudget) throws IOException {
    return stub(Duration.ofSeconds(10), retryBudget, RequestSplitter.MAX_REQUEST_BYTES);
  }

  /** {@code count} spans named {@code s0, s1, ...}, each with a display name of {@code text}. */
  private static BatchWriteSpansRequest request(int count, String text) {
    BatchWriteSpansRequest.Builder request =
        BatchWriteSpansRequest.newBuilder().setName("projects/demo-project");
    for (int i = 0; i < count; i++) {
      request.addSpans(
          Span.newBuilder()
              .setName("projects/demo-project/traces/0123/spans/s" + i)
              .setSpanId("s" + i)
              .setDisplayName(TruncatableString.newBuilder().setValue(text + i)));
    }
    return request.build();
  }

  private static BatchWriteSpansRequest request(int count) {
    return request(count, "span");
  }

  private static List<String> names(List<Span> spans) {
    return spans.stream().map(Span::getName).collect(Collectors.toList());
  }

  private DeliveryLedger.Tally close(long handedOver) {
    return ledger.close(() -> handedOver, "closed while waiting");
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long until = System.nanoTime() + GENEROUS.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for: %s", what).isLessThan(until);
      Thread.sleep(10);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Status.Code.class,
      names = {"UNAVAILABLE", "RESOURCE_EXHAUSTED"})
  void transientFailuresAreRetriedAndEverySpanArrivesOnce(Status.Code code) throws Exception {
    cloudTrace = FakeCloudTrace.start().failNextCalls(2, code);
    BatchWriteSpansRequest request = request(3);

    stub(Duration.ofSeconds(20)).batchWriteSpansCallable().call(request);

    assertThat(cloudTrace.calls()).isEqualTo(3);
    assertThat(names(cloudTrace.spans())).isEqualTo(names(request.getSpansList()));
    assertThat(close(3)).isEqualTo(new DeliveryLedger.Tally(3, 0, null, 0, null, 0));
  }

  @ParameterizedTest
  @EnumSource(
      value = Status.Code.class,
      names = {"INVALID_ARGUMENT", "PERMISSION_DENIED", "UNAUTHENTICATED", "INTERNAL"})
  void refusalsAreLostAtOnceWithTheirStatus(Status.Code code) throws Exception {
    cloudTrace = FakeCloudTrace.start().failNextCalls(1, code);

    stub(Duration.ofSeconds(20)).batchWriteSpansCallable().call(request(3));

    assertThat(cloudTrace.calls()).isEqualTo(1);
    assertThat(cloudTrace.spans()).isEmpty();
    assertThat(close(3))
        .isEqualTo(new DeliveryLedger.Tally(0, 3, code + ": fake outage", 0, null, 0));
  }

  @Test
  void noAnswerWithinTheExportTimeoutIsUnknownAndNeverResent() throws Exception {
    cloudTrace = FakeCloudTrace.start().neverAnswer();

    stub(Duration.ofMillis(500), Duration.ofSeconds(20), RequestSplitter.MAX_REQUEST_BYTES)
        .batchWriteSpansCallable()
        .call(request(3));

    // At most one: on a loaded machine the deadline may pass before the call even arrives.
    assertThat(cloudTrace.calls()).isLessThanOrEqualTo(1);
    assertThat(close(3))
        .isEqualTo(
            new DeliveryLedger.Tally(
                0, 0, null, 3, "no answer within traced.export.timeout=500ms", 0));
  }

  @Test
  void withoutRetryBudgetAnOutageLosesTheBatchAfterOneAttempt() throws Exception {
    cloudTrace = FakeCloudTrace.start().failNextCalls(5);

    stub(Duration.ZERO).batchWriteSpansCallable().call(request(3));

    assertThat(cloudTrace.calls()).isEqualTo(1);
    assertThat(close(3))
        .isEqualTo(new DeliveryLedger.Tally(0, 3, "UNAVAILABLE: fake outage", 0, null, 0));
  }

  @Test
  void retriesBackOffAndStopWhenTheBudgetIsSpent() throws Exception {
    cloudTrace = FakeCloudTrace.start().failNextCalls(1_000);

    stub(Duration.ofSeconds(1)).batchWriteSpansCallable().call(request(3));

    // Waits of 100, 200, 400 ms fit in 1 s, the next 800 ms does not: at most 4 attempts (fewer
    // on a slow machine). Without backoff there would be dozens.
    assertThat(cloudTrace.calls()).isBetween(1, 4);
    assertThat(close(3))
        .isEqualTo(new DeliveryLedger.Tally(0, 3, "UNAVAILABLE: fake outage", 0, null, 0));
  }

  @Test
  void closeWhileWaitingToRetryCountsTheBatchLostAndEndsTheRetries() throws Exception {
    cloudTrace = FakeCloudTrace.start().failNextCalls(1_000);
    AccountingTraceServiceStub stub = stub(Duration.ofSeconds(60));
    Thread exporter = new Thread(() -> stub.batchWriteSpansCallable().call(request(3)));
    exporter.start();
    // TIMED_WAITING: the wait before a retry (a call in flight waits without a time limit).
    await("a failed attempt, then the wait before its retry",
        () -> cloudTrace.calls() >= 1 && exporter.getState() == Thread.State.TIMED_WAITING);

    int callsBeforeClose = cloudTrace.calls();

    DeliveryLedger.Tally tally = close(3);
    exporter.join(GENEROUS.toMillis());

    assertThat(exporter.isAlive()).as("still retrying after close").isFalse();
    assertThat(cloudTrace.calls()).as("attempts after close").isEqualTo(callsBeforeClose);
    assertThat(tally)
        .isEqualTo(new DeliveryLedger.Tally(0, 3, "UNAVAILABLE: fake outage", 0, null, 0));
  }

  @Test
  void closeWhileARetryWaitsForItsAnswerCountsTheBatchUnknown() throws Exception {
    cloudTrace = FakeCloudTrace.start().failNextCalls(1).neverAnswer();
    AccountingTraceServiceStub stub =
        stub(Duration.ofSeconds(60), Duration.ofSeconds(60), RequestSplitter.MAX_REQUEST_BYTES);
    Thread exporter = new Thread(() -> stub.batchWriteSpansCallable().call(request(3)));
    exporter.start();
    await("the retried attempt at the server", () -> cloudTrace.requests().size() == 1);

    DeliveryLedger.Tally tally = close(3);

    // The retry reached the server and may be stored: unknown, not lost, despite the failure
    // before it.
    assertThat(tally)
        .isEqualTo(new DeliveryLedger.Tally(0, 0, null, 3, "closed while waiting", 0));
    // Cancels the call that never gets an answer (the stub does not own the emulator's channel).
    channels.get(0).shutdownNow();
    exporter.join(GENEROUS.toMillis());
    assertThat(exporter.isAlive()).isFalse();
  }

  @Test
  void afterCloseNothingIsSentAndTheSpansCountAsNotSent() throws Exception {
    cloudTrace = FakeCloudTrace.start();
    AccountingTraceServiceStub stub = stub(Duration.ofSeconds(20));
    DeliveryLedger.Tally tally = close(3);

    stub.batchWriteSpansCallable().call(request(3));

    assertThat(cloudTrace.calls()).isZero();
    assertThat(tally).isEqualTo(new DeliveryLedger.Tally(0, 0, null, 0, null, 3));
  }

  @Test
  void aBatchOverTheLimitArrivesInSeveralRequestsEachSpanOnceAndInOrder() throws Exception {
    cloudTrace = FakeCloudTrace.start();
    BatchWriteSpansRequest request = request(40, "x".repeat(200));
    int limit = 2_000;

    stub(Duration.ofSeconds(10), Duration.ofSeconds(20), limit)
        .batchWriteSpansCallable()
        .call(request);

    assertThat(cloudTrace.requests()).hasSizeGreaterThan(4);
    assertThat(cloudTrace.requests())
        .allSatisfy(
            part -> {
              assertThat(part.getSerializedSize()).isLessThanOrEqualTo(limit);
              assertThat(part.getName()).isEqualTo("projects/demo-project");
            });
    assertThat(names(cloudTrace.spans())).isEqualTo(names(request.getSpansList()));
    assertThat(close(40)).isEqualTo(new DeliveryLedger.Tally(40, 0, null, 0, null, 0));
  }

  @Test
  void onePartRefusedLosesOnlyItsSpans() throws Exception {
    cloudTrace = FakeCloudTrace.start().failNextCalls(1, Status.Code.INVALID_ARGUMENT);
    BatchWriteSpansRequest request = request(40, "x".repeat(200));

    stub(Duration.ofSeconds(10), Duration.ofSeconds(20), 2_000)
        .batchWriteSpansCallable()
        .call(request);

    DeliveryLedger.Tally tally = close(40);
    assertThat(tally.lost()).isPositive();
    assertThat(tally.delivered() + tally.lost()).isEqualTo(40);
    assertThat((long) cloudTrace.spans().size()).isEqualTo(tally.delivered());
    assertThat(names(cloudTrace.spans()))
        .isEqualTo(names(request.getSpansList().subList((int) tally.lost(), 40)));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"close", "shutdown", "shutdownNow"})
  void closingTheStubShutsItsCallsDown(String how) throws Exception {
    cloudTrace = FakeCloudTrace.start();
    AccountingTraceServiceStub stub = stub(Duration.ofSeconds(20));
    assertThat(stub.isShutdown()).isFalse();
    assertThat(stub.isTerminated()).isFalse();

    switch (how) {
      case "close" -> stub.close();
      case "shutdown" -> stub.shutdown();
      default -> stub.shutdownNow();
    }

    assertThat(stub.isShutdown()).isTrue();
    assertThat(stub.awaitTermination(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(stub.isTerminated()).isTrue();
  }

  @Test
  void awaitTerminationWaitsWhileTheStubRuns() throws Exception {
    cloudTrace = FakeCloudTrace.start();
    AccountingTraceServiceStub stub = stub(Duration.ofSeconds(20));

    assertThat(stub.awaitTermination(50, TimeUnit.MILLISECONDS)).isFalse();
  }

  @Test
  void causesAreOneLineWithTheStatusAndNeverTheRest() {
    assertThat(
            AccountingTraceServiceStub.describe(
                ApiExceptionFactory.createException(
                    new StatusRuntimeException(
                        Status.UNAVAILABLE.withDescription("io exception\nChannel Pipeline: x")),
                    GrpcStatusCode.of(Status.Code.UNAVAILABLE),
                    true)))
        .isEqualTo("UNAVAILABLE: io exception");
    assertThat(
            AccountingTraceServiceStub.describe(
                ApiExceptionFactory.createException(
                    "quota exceeded\nfor project demo",
                    new IllegalStateException(),
                    GrpcStatusCode.of(Status.Code.RESOURCE_EXHAUSTED),
                    true)))
        .isEqualTo("RESOURCE_EXHAUSTED: quota exceeded");
    assertThat(
            AccountingTraceServiceStub.describe(
                new IllegalStateException("channel closed\n\tat somewhere")))
        .isEqualTo("IllegalStateException: channel closed");
    assertThat(AccountingTraceServiceStub.describe(new IllegalStateException()))
        .isEqualTo("IllegalStateException");
    assertThat(AccountingTraceServiceStub.describe(new IllegalStateException("\nsecret detail")))
        .isEqualTo("IllegalStateException: ");
  }
}
