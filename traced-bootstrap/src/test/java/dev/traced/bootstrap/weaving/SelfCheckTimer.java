package dev.traced.bootstrap.weaving;

import java.util.Optional;

/**
 * Times one self-check in a fresh JVM, as at an application's start-up; run by
 * {@link SelfCheckCostTest} with the measured class path.
 */
public final class SelfCheckTimer {

  private SelfCheckTimer() {}

  /** Prints {@code <micros> <warning-or-none>} for a check of the system class loader. */
  public static void main(String[] args) {
    long start = System.nanoTime();
    Optional<String> warning = WeavingSelfCheck.check(ClassLoader.getSystemClassLoader());
    long micros = (System.nanoTime() - start) / 1000;
    System.out.println(micros + " " + warning.map(w -> "warning").orElse("none"));
  }
}
