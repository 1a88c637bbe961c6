package dev.traced.bootstrap.zipkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.traced.bootstrap.DeliveryLedger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One batch posted to a Zipkin collector on 127.0.0.1 and its fate in the ledger, per answer: 5xx
 * and 429 retried within the budget (then the batch arrives once), other 4xx lost at once with
 * the server's first line, no answer or a broken connection unknown and never re-sent; close
 * ends retries.
 */
class ZipkinSenderTest {

  private static final Duration GENEROUS = Duration.ofSeconds(30);
  private static final byte[] BATCH = "[{\"id\":\"1\"},{\"id\":\"2\"},{\"id\":\"3\"}]"
      .getBytes(StandardCharsets.UTF_8);

  private final DeliveryLedger ledger = new DeliveryLedger();
  private final ScriptedZipkin zipkin;

  ZipkinSenderTest() throws Exception {
    zipkin = new ScriptedZipkin();
  }

  @AfterEach
  void stop() {
    zipkin.close();
  }

  private ZipkinSender sender(Duration exportTimeout, Duration retryBudget) {
    return sender(zipkin.endpoint(), exportTimeout, retryBudget);
  }

  private ZipkinSender sender(String endpoint, Duration exportTimeout, Duration retryBudget) {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(exportTimeout)
            .build();
    return new ZipkinSender(client, URI.create(endpoint), ledger, exportTimeout, retryBudget);
  }

  private ZipkinSender sender(Duration retryBudget) {
    return sender(Duration.ofSeconds(10), retryBudget);
  }

  private DeliveryLedger.Tally close() {
    return ledger.close(() -> 3, "closed while waiting");
  }

  private static DeliveryLedger.Tally lost(String cause) {
    return new DeliveryLedger.Tally(0, 3, cause, 0, null, 0);
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long until = System.nanoTime() + GENEROUS.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for: %s", what).isLessThan(until);
      Thread.sleep(10);
    }
  }

  @Test
  void serverErrorsAndRateLimitsAreRetriedAndTheBatchArrivesOnce() {
    zipkin.then(500, "storage down").then(429, "slow down").then(503, "");

    sender(Duration.ofSeconds(20)).send(3, BATCH);

    assertThat(zipkin.calls()).isEqualTo(4);
    assertThat(zipkin.accepted()).containsExactly(new String(BATCH, StandardCharsets.UTF_8));
    assertThat(close()).isEqualTo(new DeliveryLedger.Tally(3, 0, null, 0, null, 0));
  }

  @Test
  void anyTwoHundredAnswerIsDelivered() {
    zipkin.always(200, "");

    sender(Duration.ofSeconds(20)).send(3, BATCH);

    assertThat(zipkin.calls()).isEqualTo(1);
    assertThat(close()).isEqualTo(new DeliveryLedger.Tally(3, 0, null, 0, null, 0));
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 404, 413, 499, 302})
  void otherAnswersAreLostAtOnceWithTheServersFirstLine(int status) {
    zipkin.then(status, "  refused on purpose\nsecond line\n");

    sender(Duration.ofSeconds(20)).send(3, BATCH);

    assertThat(zipkin.calls()).isEqualTo(1);
    assertThat(close()).isEqualTo(lost("HTTP " + status + ": refused on purpose"));
  }

  @Test
  void anErrorWithoutBodyIsNamedByItsStatusAlone() {
    zipkin.then(400, "");

    sender(Duration.ofSeconds(20)).send(3, BATCH);

    assertThat(close()).isEqualTo(lost("HTTP 400"));
  }

  @Test
  void aLongOrOddFirstLineIsCutAndCannotBreakTheLossLine() {
    String line = "\u001b[31mred\tflag " + "x".repeat(200);
    zipkin.then(400, line + "\nmore");

    sender(Duration.ofSeconds(20)).send(3, BATCH);

    String shown = ("?[31mred?flag " + "x".repeat(200)).substring(0, 120) + "…";
    assertThat(close()).isEqualTo(lost("HTTP 400: " + shown));
  }

  @Test
  void aFirstLineOfExactly120CharactersIsShownWhole() {
    String line = "y".repeat(120);
    zipkin.then(400, line);

    sender(Duration.ofSeconds(20)).send(3, BATCH);

    assertThat(close()).isEqualTo(lost("HTTP 400: " + line));
  }

  @Test
  void withoutRetryBudgetAServerErrorLosesTheBatchAfterOneAttempt() {
    zipkin.always(503, "unavailable");

    sender(Duration.ZERO).send(3, BATCH);

    assertThat(zipkin.calls()).isEqualTo(1);
    assertThat(close()).isEqualTo(lost("HTTP 503: unavailable"));
  }

  @Test
  void retriesBackOffAndStopWhenTheBudgetIsSpent() {
    zipkin.always(503, "unavailable");

    sender(Duration.ofSeconds(1)).send(3, BATCH);

    // Waits of 100, 200, 400 ms fit in 1 s, the next 800 ms does not: at most 4 attempts (fewer
    // on a slow machine). Without backoff there would be dozens.
    assertThat(zipkin.calls()).isBetween(1, 4);
    assertThat(close()).isEqualTo(lost("HTTP 503: unavailable"));
  }

  @Test
  void closeWhileWaitingToRetryCountsTheBatchLostAndEndsTheRetries() throws Exception {
    zipkin.always(503, "unavailable");
    ZipkinSender sender = sender(Duration.ofSeconds(60));
    Thread exporter = new Thread(() -> sender.send(3, BATCH));
    exporter.start();
    // TIMED_WAITING: the wait before a retry (waiting for an answer is WAITING).
    await("a failed attempt, then the wait before its retry",
        () -> zipkin.calls() >= 1 && exporter.getState() == Thread.State.TIMED_WAITING);
    int callsBeforeClose = zipkin.calls();

    DeliveryLedger.Tally tally = close();
    exporter.join(GENEROUS.toMillis());

    assertThat(exporter.isAlive()).as("still retrying after close").isFalse();
    assertThat(zipkin.calls()).as("attempts after close").isEqualTo(callsBeforeClose);
    assertThat(tally).isEqualTo(lost("HTTP 503: unavailable"));
  }

  @Test
  void closeWhileARetryWaitsForItsAnswerCountsTheBatchUnknown() throws Exception {
    zipkin.then(503, "unavailable").then(ScriptedZipkin.STALL, "");
    ZipkinSender sender = sender(Duration.ofSeconds(60), Duration.ofSeconds(60));
    Thread exporter = new Thread(() -> sender.send(3, BATCH));
    exporter.setDaemon(true);
    exporter.start();
    await("the retried attempt at the server", () -> zipkin.calls() == 2);

    DeliveryLedger.Tally tally = close();

    assertThat(tally)
        .isEqualTo(new DeliveryLedger.Tally(0, 0, null, 3, "closed while waiting", 0));
    zipkin.close(); // ends the stalled call
    exporter.join(GENEROUS.toMillis());
  }

  @Test
  void noAnswerWithinTheExportTimeoutIsUnknownAndNeverResent() {
    zipkin.always(ScriptedZipkin.STALL, "");

    sender(Duration.ofMillis(300), Duration.ofSeconds(20)).send(3, BATCH);

    assertThat(zipkin.calls()).isEqualTo(1);
    assertThat(close())
        .isEqualTo(
            new DeliveryLedger.Tally(
                0, 0, null, 3, "no answer within traced.export.timeout=300ms", 0));
  }

  @Test
  void aConnectionBrokenAfterSendingIsUnknownAndNeverResent() {
    zipkin.always(ScriptedZipkin.HANG_UP, "");

    sender(Duration.ofSeconds(20)).send(3, BATCH);

    assertThat(zipkin.calls()).isEqualTo(1);
    DeliveryLedger.Tally tally = close();
    assertThat(tally.unknown()).isEqualTo(3);
    assertThat(tally.lost()).isZero();
    assertThat(tally.unknownCause())
        .startsWith("IOException from " + zipkin.endpoint())
        .doesNotContain("\n");
  }

  @Test
  void nothingListeningIsRetriedThenLostNamingTheEndpoint() throws Exception {
    String endpoint = zipkin.endpoint();
    zipkin.close();

    sender(endpoint, Duration.ofSeconds(5), Duration.ZERO).send(3, BATCH);

    DeliveryLedger.Tally tally = close();
    assertThat(tally.lost()).isEqualTo(3);
    assertThat(tally.lostCause()).startsWith("cannot connect to " + endpoint);
  }

  @Test
  void interruptedWhileWaitingForTheAnswerIsUnknownAndKeepsTheInterrupt() {
    zipkin.always(ScriptedZipkin.STALL, "");

    Thread.currentThread().interrupt();
    try {
      sender(Duration.ofSeconds(20)).send(3, BATCH);
    } finally {
      assertThat(Thread.interrupted()).as("interrupt flag after send").isTrue();
    }

    assertThat(close())
        .isEqualTo(
            new DeliveryLedger.Tally(
                0, 0, null, 3, "interrupted while waiting for Zipkin's answer", 0));
  }

  @Test
  void afterCloseNothingIsSentAndTheSpansCountAsNotSent() {
    ZipkinSender sender = sender(Duration.ofSeconds(20));
    DeliveryLedger.Tally tally = close();

    sender.send(3, BATCH);

    assertThat(zipkin.calls()).isZero();
    assertThat(tally).isEqualTo(new DeliveryLedger.Tally(0, 0, null, 0, null, 3));
  }

  @Test
  void noConnectionWithinTheTimeoutIsLostNamingTheTimeoutAndTheEndpoint() throws Exception {
    // A listener that never accepts, its queue full: the kernel ignores further connection
    // attempts, as a firewall dropping packets would.
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> queued = new ArrayList<>();
      try {
        InetSocketAddress address = new InetSocketAddress(full.getInetAddress(), full.getLocalPort());
        boolean queueFull = false;
        for (int i = 0; i < 16 && !queueFull; i++) {
          Socket socket = new Socket();
          queued.add(socket);
          try {
            socket.connect(address, 300);
          } catch (SocketTimeoutException ignored) {
            queueFull = true;
          }
        }
        assumeTrue(queueFull, "the kernel kept accepting");
        String endpoint = "http://127.0.0.1:" + full.getLocalPort() + "/api/v2/spans";

        sender(endpoint, Duration.ofMillis(500), Duration.ofMillis(1)).send(3, BATCH);

        assertThat(close())
            .isEqualTo(
                lost("no connection within traced.export.timeout=500ms to " + endpoint));
      } finally {
        for (Socket socket : queued) {
          socket.close();
        }
      }
    }
  }
}
