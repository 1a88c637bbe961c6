package dev.traced.bootstrap;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts spans sent to a backend, delivered, and lost (with the first cause), so that losses are
 * reported once, at close, instead of as one stack trace per failed batch.
 */
public final class DeliveryLedger {

  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong lost = new AtomicLong();
  private final AtomicLong inFlight = new AtomicLong();
  private final AtomicReference<String> firstCause = new AtomicReference<>();

  /** A batch of {@code spans} is being sent. */
  public void sending(int spans) {
    inFlight.addAndGet(spans);
  }

  /** A batch sent earlier arrived. */
  public void delivered(int spans) {
    inFlight.addAndGet(-spans);
    delivered.addAndGet(spans);
  }

  /** A batch sent earlier is lost for {@code cause} (one line, no secrets). */
  public void lost(int spans, String cause) {
    inFlight.addAndGet(-spans);
    lost.addAndGet(spans);
    firstCause.compareAndSet(null, cause);
  }

  /** Spans delivered so far. */
  public long delivered() {
    return delivered.get();
  }

  /** Spans lost so far. */
  public long lost() {
    return lost.get();
  }

  /** Spans sent and not yet answered. */
  public long inFlight() {
    return inFlight.get();
  }

  /** The cause of the first loss, if any. */
  public String firstCause() {
    return firstCause.get();
  }
}
