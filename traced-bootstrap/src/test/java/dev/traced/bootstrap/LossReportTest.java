package dev.traced.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each count of the loss line, its words, and the header that tells lost from unconfirmed. */
class LossReportTest {

  private static final Duration FLUSH = Duration.ofSeconds(8);

  @Test
  void everythingDeliveredInTimeMeansNoLine() {
    assertThat(LossReport.line(new DeliveryLedger.Tally(10, 0, null, 0, null, 0), 0, true, FLUSH))
        .isNull();
  }

  @Test
  void everyCountIsNamedAndTheTotalIsTheirSum() {
    DeliveryLedger.Tally tally =
        new DeliveryLedger.Tally(5, 2, "UNAVAILABLE: io exception", 3, "no answer", 4);
    assertThat(LossReport.line(tally, 6, false, FLUSH))
        .isEqualTo(
            "[traced] 15 spans were not confirmed delivered: 2 failed at Cloud Trace"
                + " (UNAVAILABLE: io exception); 3 may have arrived, not re-sent: no answer;"
                + " 4 not sent: traced.flush.timeout=8000ms ran out first;"
                + " 6 dropped by OpenCensus' export queue (more than 10,000 spans waiting)");
  }

  @Test
  void withoutUnknownSpansTheLineSaysNotDelivered() {
    DeliveryLedger.Tally tally = new DeliveryLedger.Tally(0, 2, "UNAVAILABLE: io exception", 0, null, 0);
    assertThat(LossReport.line(tally, 0, true, FLUSH))
        .isEqualTo(
            "[traced] 2 spans were not delivered: 2 failed at Cloud Trace (UNAVAILABLE: io exception)");
  }

  @Test
  void withCloudTraceAndZipkinEachCountNamesItsBackend() {
    Map<String, DeliveryLedger.Tally> tallies = new LinkedHashMap<>();
    tallies.put("Cloud Trace", new DeliveryLedger.Tally(2, 0, null, 2, "no answer", 0));
    tallies.put("Zipkin", new DeliveryLedger.Tally(0, 3, "HTTP 503", 0, null, 1));
    assertThat(LossReport.line(tallies, 0, true, FLUSH))
        .isEqualTo(
            "[traced] 6 spans were not confirmed delivered: 2 may have arrived at Cloud Trace,"
                + " not re-sent: no answer; 3 failed at Zipkin (HTTP 503); 1 not sent to Zipkin:"
                + " ended after the last flush of close");
  }

  @Test
  void ledgerCountsABatchOnceAndFreezesAtClose() {
    DeliveryLedger ledger = new DeliveryLedger();
    ledger.attach();
    DeliveryLedger.Batch answered = ledger.sending(3);
    DeliveryLedger.Batch waiting = ledger.sending(4);
    DeliveryLedger.Batch retrying = ledger.sending(5);
    answered.delivered();
    answered.lost("late"); // a second outcome for the same batch changes nothing
    retrying.failed("UNAVAILABLE: io exception");

    DeliveryLedger.Tally tally = ledger.close(() -> 20, "closed while waiting");
    waiting.delivered(); // after close: ignored
    assertThat(ledger.sending(1)).isNull();

    assertThat(tally)
        .isEqualTo(
            new DeliveryLedger.Tally(
                3, 5, "UNAVAILABLE: io exception", 4, "closed while waiting", 8));
    assertThat(ledger.delivered()).isEqualTo(3);
  }

  @Test
  void aFlushOutOfTimeWithNothingCountedStillSaysSpansMayBeLost() {
    assertThat(LossReport.line(new DeliveryLedger.Tally(10, 0, null, 0, null, 0), 0, false, FLUSH))
        .isEqualTo(
            "[traced] spans may have been lost: gave up after traced.flush.timeout=8000ms; spans"
                + " still queued then were not delivered either");
  }

  @Test
  void spansEndedAfterTheLastFlushAreNotSentAndSaidSo() {
    assertThat(LossReport.line(new DeliveryLedger.Tally(10, 0, null, 0, null, 1), 0, true, FLUSH))
        .isEqualTo(
            "[traced] 1 spans were not delivered: 1 not sent: ended after the last flush of close");
  }

  @Test
  void spansUnknownAtOneBackendAreNotConfirmedWithoutNamingIt() {
    assertThat(
            LossReport.line(
                new DeliveryLedger.Tally(0, 0, null, 7, "no answer", 0), 0, true, FLUSH))
        .isEqualTo(
            "[traced] 7 spans were not confirmed delivered: 7 may have arrived, not re-sent:"
                + " no answer");
  }

  @Test
  void droppedSpansAloneMakeALine() {
    assertThat(LossReport.line(new DeliveryLedger.Tally(3, 0, null, 0, null, 0), 1, true, FLUSH))
        .isEqualTo(
            "[traced] 1 spans were not delivered: 1 dropped by OpenCensus' export queue (more"
                + " than 10,000 spans waiting)");
  }

  @Test
  void withSeveralBackendsAFlushOutOfTimeNamesWhereSpansWereNotSent() {
    Map<String, DeliveryLedger.Tally> tallies = new LinkedHashMap<>();
    tallies.put("Cloud Trace", new DeliveryLedger.Tally(4, 1, "UNAVAILABLE", 0, null, 0));
    tallies.put("Zipkin", new DeliveryLedger.Tally(3, 0, null, 0, null, 2));
    assertThat(LossReport.line(tallies, 0, false, FLUSH))
        .isEqualTo(
            "[traced] 3 spans were not delivered: 1 failed at Cloud Trace (UNAVAILABLE); 2 not"
                + " sent to Zipkin: traced.flush.timeout=8000ms ran out first");
  }

  @Test
  void withSeveralBackendsAllDeliveredInTimeMeansNoLine() {
    Map<String, DeliveryLedger.Tally> tallies = new LinkedHashMap<>();
    tallies.put("Cloud Trace", new DeliveryLedger.Tally(4, 0, null, 0, null, 0));
    tallies.put("Zipkin", new DeliveryLedger.Tally(4, 0, null, 0, null, 0));
    assertThat(LossReport.line(tallies, 0, true, FLUSH)).isNull();
  }
}
