package dev.traced.aspects;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reports a failure of the tracing code itself, once per JVM, so that a broken tracing setup never
 * breaks the traced program and never floods its log. Public only for {@link #alreadyReported()}.
 */
public final class AspectFailures {

  private static final Logger LOGGER = Logger.getLogger("dev.traced.aspects");
  private static final AtomicBoolean REPORTED = new AtomicBoolean();

  private AspectFailures() {}

  /** Logs the first failure as a WARNING with its stack trace; later ones are dropped. */
  static void report(Throwable failure) {
    if (REPORTED.compareAndSet(false, true)) {
      log(failure);
    }
  }

  private static void log(Throwable failure) {
    try {
      LOGGER.log(
          Level.WARNING,
          "[TracedInternal] tracing failed and is skipped for this call; the traced method runs"
              + " normally. Later failures are not logged.",
          failure);
    } catch (Throwable brokenLogging) {
      // A failing log handler must not turn a tracing failure into the user's failure.
    }
  }

  /**
   * Says that tracing's failure was already reported to the user in one line by whoever set it up
   * (the bootstrap, when OpenCensus cannot start): every later failure has that cause, so none is
   * logged again.
   *
   * <pre>{@code
   * AspectFailures.alreadyReported();
   * }</pre>
   */
  public static void alreadyReported() {
    REPORTED.set(true);
  }

  /** Lets the next failure be logged again; for tests that assert the one log line. */
  static void resetForTests() {
    REPORTED.set(false);
  }
}
