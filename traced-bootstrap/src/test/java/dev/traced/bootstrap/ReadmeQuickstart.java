package dev.traced.bootstrap;

/**
 * The README's "start tracing at the top of {@code main}", verbatim, so that tests can run it as a
 * user's program and see exactly what the user sees. Started by {@link StartFailureOutputTest}.
 */
public final class ReadmeQuickstart {

  private ReadmeQuickstart() {}

  /** The README's main. */
  public static void main(String[] args) throws Exception {
    try (TracedBootstrap tracing = TracedBootstrap.start()) {   // reads the traced.* settings below
      run(args);
    }                                                           // flushes every span before exiting
  }

  private static void run(String[] args) {
    System.out.println("ran");
  }
}
