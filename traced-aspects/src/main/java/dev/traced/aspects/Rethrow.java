package dev.traced.aspects;

/** Rethrows any throwable, checked or not, as the same instance, from around advice. */
final class Rethrow {

  private Rethrow() {}

  /**
   * Throws {@code throwable} unchanged. Declared to return so callers can write {@code throw
   * Rethrow.unchanged(t)} and keep the compiler's flow analysis honest; it never returns.
   */
  @SuppressWarnings("unchecked")
  static <T extends Throwable> RuntimeException unchanged(Throwable throwable) throws T {
    // Erasure makes the cast a no-op: the original exception propagates, but ajc no longer
    // demands that every woven method declare Throwable.
    throw (T) throwable;
  }
}
