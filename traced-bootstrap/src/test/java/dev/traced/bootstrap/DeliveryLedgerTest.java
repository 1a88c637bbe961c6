package dev.traced.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The ledger's rules, each on its own: one outcome per batch, the first cause of each kind is the
 * one reported, close freezes everything (a batch waiting for a retry is lost, one waiting for
 * its answer unknown), and the not-sent count is what the exporter was given and never sent.
 */
class DeliveryLedgerTest {

  private final DeliveryLedger ledger = new DeliveryLedger();

  @Test
  void theFirstCauseOfEachKindIsTheOneReported() {
    ledger.attach();
    ledger.sending(1).lost("first refusal");
    ledger.sending(2).lost("second refusal");
    ledger.sending(3).unknown("first silence");
    ledger.sending(4).unknown("second silence");
    DeliveryLedger.Batch retrying = ledger.sending(5);
    retrying.failed("failure before close");
    ledger.sending(6); // waiting for its answer at close

    assertThat(ledger.close(() -> 21, "closed while waiting"))
        .isEqualTo(
            new DeliveryLedger.Tally(0, 8, "first refusal", 13, "first silence", 0));
  }

  @Test
  void atCloseTheCauseOfAWaitingRetryAndOfAWaitingAnswerAreReported() {
    ledger.attach();
    ledger.sending(2).failed("UNAVAILABLE: io exception");
    ledger.sending(3);

    assertThat(ledger.close(() -> 5, "closed while waiting"))
        .isEqualTo(
            new DeliveryLedger.Tally(
                0, 2, "UNAVAILABLE: io exception", 3, "closed while waiting", 0));
  }

  @Test
  void aRetryUnderWayIsUnknownAtCloseNotLost() {
    ledger.attach();
    DeliveryLedger.Batch batch = ledger.sending(4);
    batch.failed("UNAVAILABLE: io exception");
    batch.retrying();

    assertThat(ledger.close(() -> 4, "closed while waiting"))
        .isEqualTo(new DeliveryLedger.Tally(0, 0, null, 4, "closed while waiting", 0));
  }

  @Test
  void aBatchIsCountedOnceWhateverComesAfterItsFirstOutcome() {
    ledger.attach();
    DeliveryLedger.Batch lost = ledger.sending(2);
    lost.lost("refused");
    lost.delivered();
    lost.unknown("late");
    DeliveryLedger.Batch unknown = ledger.sending(3);
    unknown.unknown("no answer");
    unknown.lost("refused later");
    unknown.delivered();

    assertThat(ledger.delivered()).isZero();
    assertThat(ledger.close(() -> 5, "closed"))
        .isEqualTo(new DeliveryLedger.Tally(0, 2, "refused", 3, "no answer", 0));
  }

  @Test
  void closeIsFrozenAndASecondCloseReturnsTheFirstTally() {
    ledger.attach();
    ledger.sending(2).delivered();
    AtomicInteger reads = new AtomicInteger();
    assertThat(ledger.closed()).isFalse();

    DeliveryLedger.Tally first = ledger.close(() -> reads.incrementAndGet() + 9, "closed");
    DeliveryLedger.Tally second = ledger.close(() -> 1_000, "closed again");

    assertThat(ledger.closed()).isTrue();
    assertThat(first).isEqualTo(new DeliveryLedger.Tally(2, 0, null, 0, null, 8));
    assertThat(second).isSameAs(first);
    assertThat(reads).hasValue(1);
  }

  @Test
  void withoutAnExporterAttachedNothingCountsAsNotSent() {
    DeliveryLedger.Tally tally =
        ledger.close(
            () -> {
              throw new AssertionError("handed-over count read without an exporter");
            },
            "closed");

    assertThat(tally).isEqualTo(new DeliveryLedger.Tally(0, 0, null, 0, null, 0));
  }

  @Test
  void notSentIsNeverNegative() {
    ledger.attach();
    ledger.sending(5).delivered();

    assertThat(ledger.close(() -> 3, "closed").notSent()).isZero();
  }

  @Test
  void waitingBeforeARetryGoesOnWhileOpenAndNotOnceClosed() {
    assertThat(ledger.waitUnlessClosed(30)).isTrue();
    assertThat(ledger.waitUnlessClosed(0)).isTrue();

    ledger.close(() -> 0, "closed");

    assertThat(ledger.waitUnlessClosed(30)).isFalse();
    assertThat(ledger.waitUnlessClosed(0)).isFalse();
  }

  @Test
  void closeDuringTheWaitEndsItWithFalse() throws Exception {
    boolean[] result = new boolean[1];
    Thread waiting = new Thread(() -> result[0] = ledger.waitUnlessClosed(60_000));
    waiting.start();

    ledger.close(() -> 0, "closed");
    waiting.join(30_000);

    assertThat(waiting.isAlive()).as("still waiting 30 s after close").isFalse();
    assertThat(result[0]).isFalse();
  }

  @Test
  void anInterruptEndsTheWaitWithFalseAndStaysSet() {
    Thread.currentThread().interrupt();
    boolean result;
    try {
      result = ledger.waitUnlessClosed(60_000);
    } finally {
      assertThat(Thread.interrupted()).as("interrupt flag after the wait").isTrue();
    }
    assertThat(result).isFalse();
  }
}
