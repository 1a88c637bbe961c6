package dev.traced.bootstrap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

  /** Name of the Cloud Trace backend in the line. */
  static final String CLOUD_TRACE = "Cloud Trace";

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
    return line(Map.of(CLOUD_TRACE, tally), dropped, inTime, flushTimeout);
  }

  /**
   * The report line over several backends (Cloud Trace and Zipkin at once): each count names its
   * backend when there is more than one, and a span missing at both is counted at each.
   *
   * @param tallies each backend's counts, frozen at close, by the backend's name
   */
  static String line(
      Map<String, DeliveryLedger.Tally> tallies,
      long dropped,
      boolean inTime,
      Duration flushTimeout) {
    long total = dropped;
    boolean unknown = false;
    for (DeliveryLedger.Tally tally : tallies.values()) {
      total += tally.undelivered();
      unknown |= tally.unknown() > 0;
    }
    if (total == 0 && inTime) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    boolean several = tallies.size() > 1;
    for (Map.Entry<String, DeliveryLedger.Tally> entry : tallies.entrySet()) {
      String at = several ? " at " + entry.getKey() : "";
      DeliveryLedger.Tally tally = entry.getValue();
      if (tally.lost() > 0) {
        parts.add(tally.lost() + " failed at " + entry.getKey() + " (" + tally.lostCause() + ")");
      }
      if (tally.unknown() > 0) {
        // Not re-sent: a duplicate would be stored twice, and the count would no longer be exact.
        parts.add(tally.unknown() + " may have arrived" + at + ", not re-sent: "
            + tally.unknownCause());
      }
      if (tally.notSent() > 0) {
        parts.add(tally.notSent() + " not sent" + (several ? " to " + entry.getKey() : "") + ": "
            + (inTime
                ? "ended after the last flush of close"
                : "traced.flush.timeout=" + flushTimeout.toMillis() + "ms ran out first"));
      }
    }
    if (dropped > 0) {
      parts.add(dropped + " dropped by OpenCensus' export queue (more than 10,000 spans waiting)");
    }
    if (total == 0) {
      return "[traced] spans may have been lost: gave up after traced.flush.timeout="
          + flushTimeout.toMillis() + "ms; spans still queued then were not delivered either";
    }
    String verdict = unknown ? " were not confirmed delivered: " : " were not delivered: ";
    return "[traced] " + total + " spans" + verdict + String.join("; ", parts);
  }
}
