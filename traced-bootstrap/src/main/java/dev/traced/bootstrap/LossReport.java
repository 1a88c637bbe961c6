package dev.traced.bootstrap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The one line printed at close when spans did not reach their backend, or {@code null} when all
 * did. It names every cause: spans Cloud Trace refused or never answered, spans OpenCensus' queue
 * dropped, and a flush cut short by the timeout (spans still queued then are lost uncounted).
 *
 * <pre>
 * [traced] 2 spans were not delivered: 2 failed at Cloud Trace (UNAVAILABLE: io exception)
 * </pre>
 */
final class LossReport {

  private LossReport() {}

  /**
   * The report line, or {@code null} if nothing was lost.
   *
   * @param lost spans Cloud Trace answered with an error (after retries)
   * @param firstCause the first such error, one line
   * @param inFlight spans sent to Cloud Trace and not answered when the flush ended
   * @param dropped spans OpenCensus' export queue dropped since start
   * @param inTime whether the flush finished within the flush timeout
   * @param flushTimeout the flush timeout
   */
  static String line(
      long lost,
      String firstCause,
      long inFlight,
      long dropped,
      boolean inTime,
      Duration flushTimeout) {
    long total = lost + inFlight + dropped;
    if (total == 0 && inTime) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    if (lost > 0) {
      parts.add(lost + " failed at Cloud Trace (" + firstCause + ")");
    }
    if (inFlight > 0) {
      parts.add(inFlight + " got no answer from Cloud Trace");
    }
    if (dropped > 0) {
      parts.add(dropped + " dropped by OpenCensus' export queue (more than 10,000 spans waiting)");
    }
    String timeout =
        "gave up after traced.flush.timeout=" + flushTimeout.toMillis()
            + "ms; spans still queued then were not delivered either";
    if (total == 0) {
      return "[traced] spans may have been lost: " + timeout;
    }
    return "[traced] " + total + " spans were not delivered: " + String.join("; ", parts)
        + (inTime ? "" : "; " + timeout);
  }
}
