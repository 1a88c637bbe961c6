package dev.traced.bootstrap;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Counts every span handed to a backend exactly once: delivered (the backend said so), lost (the
 * backend refused it, or every attempt failed before reaching it), or unknown (no answer: it may
 * have arrived). Losses are reported once, at close, instead of as one stack trace per batch.
 *
 * <pre>{@code
 * DeliveryLedger.Batch batch = ledger.sending(spans);
 * if (batch == null) return;            // closed: not sent, the close report counts it
 * batch.delivered();                  // or lost(cause), or unknown(cause): the first one counts
 * DeliveryLedger.Tally tally = ledger.close(() -> spansHandedToExporter, "closed");
 * }</pre>
 *
 * <p>{@link #close} freezes the counts: a batch still waiting for its answer then is unknown, one
 * waiting to be retried after a failure is lost, and an answer arriving later changes nothing. So
 * the tally is exact at that instant: delivered + lost + unknown + not sent = handed over.
 */
public final class DeliveryLedger {

  private long delivered;
  private long lost;
  private long unknown;
  private String lostCause;
  private String unknownCause;
  private boolean attached;
  private Tally tally;
  private final Set<Batch> open = Collections.newSetFromMap(new IdentityHashMap<>());

  /** The counts at close. {@code notSent}: handed to the exporter, never sent (close came first). */
  public record Tally(
      long delivered,
      long lost,
      String lostCause,
      long unknown,
      String unknownCause,
      long notSent) {

    /** Spans not known to have arrived. */
    public long undelivered() {
      return lost + unknown + notSent;
    }
  }

  /** An exporter counts into this ledger; only then does {@link #close} count spans not sent. */
  public synchronized void attach() {
    attached = true;
  }

  /**
   * A batch of {@code spans} is about to be sent; {@code null} once closed (send nothing then:
   * it could arrive uncounted).
   */
  public synchronized Batch sending(int spans) {
    if (tally != null) {
      return null;
    }
    Batch batch = new Batch(spans);
    open.add(batch);
    return batch;
  }

  /** Spans delivered so far. */
  public synchronized long delivered() {
    return delivered;
  }

  /** Whether {@link #close} has run: retries should stop. */
  public synchronized boolean closed() {
    return tally != null;
  }

  /** How often {@link #waitUnlessClosed} looks whether close has come. */
  private static final long CLOSE_POLL_MILLIS = 20;

  /**
   * Waits {@code millis} before a retry; false if close came first (then the retry must not
   * happen) or the thread was interrupted (the interrupt stays set).
   */
  public boolean waitUnlessClosed(long millis) {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    try {
      for (long left = millis; left > 0;
          left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())) {
        if (closed()) {
          return false;
        }
        Thread.sleep(Math.min(left, CLOSE_POLL_MILLIS));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return !closed();
  }

  /**
   * Freezes the counts (idempotent: a second call returns the first tally).
   *
   * @param handedOver spans the exporter was given since start (whether sent or not), read after
   *     the counts are frozen so that a span handed over meanwhile counts as not sent; with no
   *     exporter attached, not read
   * @param closeCause why a batch still waiting for its answer now is unknown, one line
   */
  public synchronized Tally close(LongSupplier handedOver, String closeCause) {
    if (tally != null) {
      return tally;
    }
    for (Batch batch : open) {
      if (batch.lastFailure != null) {
        lost += batch.spans;
        lostCause = lostCause == null ? batch.lastFailure : lostCause;
      } else {
        unknown += batch.spans;
        unknownCause = unknownCause == null ? closeCause : unknownCause;
      }
    }
    open.clear();
    long notSent =
        attached ? Math.max(0, handedOver.getAsLong() - delivered - lost - unknown) : 0;
    tally = new Tally(delivered, lost, lostCause, unknown, unknownCause, notSent);
    return tally;
  }

  /** One request's spans, resolved exactly once (first answer wins; after close, none does). */
  public final class Batch {
    private final int spans;
    private String lastFailure;

    private Batch(int spans) {
      this.spans = spans;
    }

    /** The backend confirmed the batch. */
    public void delivered() {
      synchronized (DeliveryLedger.this) {
        if (open.remove(this)) {
          DeliveryLedger.this.delivered += spans;
        }
      }
    }

    /** An attempt failed with {@code cause} and will be retried: lost if close comes first. */
    public void failed(String cause) {
      synchronized (DeliveryLedger.this) {
        lastFailure = cause;
      }
    }

    /** A new attempt starts: its answer is unknown again until it arrives. */
    public void retrying() {
      synchronized (DeliveryLedger.this) {
        lastFailure = null;
      }
    }

    /** The batch did not arrive, for {@code cause} (one line, no secrets). */
    public void lost(String cause) {
      synchronized (DeliveryLedger.this) {
        if (open.remove(this)) {
          lost += spans;
          lostCause = lostCause == null ? cause : lostCause;
        }
      }
    }

    /** No answer the batch can be judged by, for {@code cause}: it may have arrived. */
    public void unknown(String cause) {
      synchronized (DeliveryLedger.this) {
        if (open.remove(this)) {
          unknown += spans;
          unknownCause = unknownCause == null ? cause : unknownCause;
        }
      }
    }
  }
}
