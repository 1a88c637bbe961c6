package dev.traced.bootstrap.weaving;

/**
 * Runs one self-check of the system class loader in a fresh JVM and prints its warning, or
 * {@value #NONE}; run by {@link LoadTimeSelfCheckTest} with and without the weaver agent.
 */
public final class SelfCheckMain {

  static final String NONE = "no warning";

  private SelfCheckMain() {}

  /** Prints the warning line, or {@value #NONE}. */
  public static void main(String[] args) {
    System.out.println(WeavingSelfCheck.check(ClassLoader.getSystemClassLoader()).orElse(NONE));
  }
}
