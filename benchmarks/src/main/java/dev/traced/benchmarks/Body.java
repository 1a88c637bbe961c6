package dev.traced.benchmarks;

import java.util.Locale;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The one body every benchmark runs, and its input (public: JMH's generated code reads the state). */
public final class Body {

  private Body() {}

  /** Upper-cases a short string: small enough that tracing dominates, too big to fold away. */
  static String work(String text) {
    return text.toUpperCase(Locale.ROOT);
  }

  /** The input, read from a field so the JIT cannot treat it as a constant. */
  @State(Scope.Thread)
  public static class Input {
    public String text = "checkout";
  }
}
