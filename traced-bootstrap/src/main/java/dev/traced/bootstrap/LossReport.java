package dev.traced.bootstrap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The one line printed at close when spans are not known to have reached their backend, or
 * {@code null} when all did. Every span the program ended is in exactly one count: delivered
 * (silent), lost, unknown, not sent, or dropped, so the counts in the line plus the delivered
 * spans add up to the spans produced.
 *
 * <pre>
 * [traced] 2 spans were not delivered: 2 failed at Cloud Trace (UNAVAILABLE: io exception)
 * [traced] 2500 spans were not confirmed delivered: 2500 may have arrived, not re-sent: no answer
 *     within traced.export.timeout=5000ms
 * </pre>
 */
final class LossReport {

  /** Unknown outcome, close came while the call was waiting; arg: the flush timeout in ms. */
  static final String NO_ANSWER_BEFORE_CLOSE =
      "no answer before traced.flush.timeout=%dms ran out";

  private LossReport() {}

  /**
   * The report line, or {@code null} if every span was delivered.
   *
   * @param tally Cloud Trace's counts, frozen at close
   * @param dropped spans OpenCensus' export queue dropped since start
   * @param inTime whether the flush finished within the flush timeout
   * @param flushTimeout the flush timeout
   */
  static String line(
      DeliveryLedger.Tally tally, long dropped, boolean inTime, Duration flushTimeout) {
    long total = tally.undelivered() + dropped;
    if (total == 0 && inTime) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    if (tally.lost() > 0) {
      parts.add(tally.lost() + " failed at Cloud Trace (" + tally.lostCause() + ")");
    }
    if (tally.unknown() > 0) {
      // Not re-sent: a duplicate would be stored twice, and the count would no longer be exact.
      parts.add(tally.unknown() + " may have arrived, not re-sent: " + tally.unknownCause());
    }
    if (tally.notSent() > 0) {
      parts.add(tally.notSent() + " not sent: "
          + (inTime
              ? "ended after the last flush of close"
              : "traced.flush.timeout=" + flushTimeout.toMillis() + "ms ran out first"));
    }
    if (dropped > 0) {
      parts.add(dropped + " dropped by OpenCensus' export queue (more than 10,000 spans waiting)");
    }
    if (total == 0) {
      return "[traced] spans may have been lost: gave up after traced.flush.timeout="
          + flushTimeout.toMillis() + "ms; spans still queued then were not delivered either";
    }
    String verdict = tally.unknown() > 0 ? " were not confirmed delivered: " : " were not delivered: ";
    return "[traced] " + total + " spans" + verdict + String.join("; ", parts);
  }
}
