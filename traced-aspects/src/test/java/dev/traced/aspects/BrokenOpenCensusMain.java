package dev.traced.aspects;

import java.io.IOException;

/**
 * Runs woven fixture methods in a JVM where OpenCensus cannot start; prints what the user's code
 * saw. Started by {@link BrokenOpenCensusTest}.
 */
public final class BrokenOpenCensusMain {

  private BrokenOpenCensusMain() {}

  /** Prints one line per call: the result, or the exception the caller received. */
  public static void main(String[] args) {
    TracedFixture fixture = new TracedFixture();
    System.out.println("traced: " + fixture.publicMethod("ok"));
    System.out.println("traced again: " + fixture.outer());
    System.out.println("attrs: " + fixture.tracedWithAttributes(7L, "ada", 1));
    fixture.annotatedOnly();
    System.out.println("annotated: done");
    System.out.println("interface: " + new ShapesFixture.PoliteGreeter().greet("bob"));
    try {
      fixture.failChecked();
    } catch (IOException expected) {
      System.out.println("exception: " + expected.getMessage());
    }
  }
}
