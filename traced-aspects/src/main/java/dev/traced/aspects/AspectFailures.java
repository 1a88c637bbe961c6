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
  private static final AtomicBoolean ATTRIBUTE_REPORTED = new AtomicBoolean();

  /** Logged once, with the failure, when the tracing code itself fails. */
  static final String INTERNAL_FAILURE =
      "[TracedInternal] tracing failed and is skipped for this call; the traced method runs"
          + " normally. Later failures are not logged.";

  /**
   * Logged once when a {@code toString()} of an {@code @Attr} value throws a JVM error other than a
   * stack overflow; arg: the error's class.
   */
  static final String ATTRIBUTE_FAILED =
      "[TracedAttr] toString() of an @Attr argument threw %s: the attribute records a placeholder"
          + " and the span is kept, but the JVM itself is in trouble (for an OutOfMemoryError,"
          + " give it more heap). Later such failures are not logged.";

  private AspectFailures() {}

  /**
   * Logs the first failure as a WARNING with its stack trace; later ones are dropped. A
   * {@link StackOverflowError} is not logged: it means the user's own code has all but exhausted
   * the stack, so the calls at that depth simply go untraced (logging there would overflow again,
   * and would use up the one warning). Never throws.
   */
  static void report(Throwable failure) {
    if (!(failure instanceof StackOverflowError) && REPORTED.compareAndSet(false, true)) {
      log(INTERNAL_FAILURE, failure);
    }
  }

  /**
   * Logs, once, that a {@code toString()} of an {@code @Attr} argument threw a JVM error such as
   * {@link OutOfMemoryError}: the placeholder in the span alone would hide it. Never throws.
   */
  static void reportAttribute(VirtualMachineError error) {
    if (ATTRIBUTE_REPORTED.compareAndSet(false, true)) {
      log(ATTRIBUTE_FAILED.replace("%s", error.getClass().getName()), error);
    }
  }

  private static void log(String message, Throwable failure) {
    try {
      LOGGER.log(Level.WARNING, message, failure);
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
    ATTRIBUTE_REPORTED.set(false);
  }
}
