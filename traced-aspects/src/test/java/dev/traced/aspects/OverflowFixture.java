package dev.traced.aspects;

import dev.traced.annotations.Traced;

/** A traced recursion that overflows the stack; woven by this module's ajc test-compile. */
final class OverflowFixture {

  private OverflowFixture() {}

  /** Never returns: recurses until the stack overflows, each call in a span of its own. */
  @Traced
  static int recurse(int depth) {
    return recurse(depth + 1) + 1;
  }

  /** A plain traced call, for after the overflow. */
  @Traced
  static int later(int value) {
    return value + 1;
  }
}
