package dev.traced.aspects;

/** What {@code @Traced} spans end with now, for the bootstrap's tests (same package as the store). */
public final class LocalSpanStoreState {

  private LocalSpanStoreState() {}

  /** Whether {@code @Traced} spans ending now are offered to zPages' local span store. */
  public static boolean offered() {
    return LocalSpanStore.endOptions().getSampleToLocalSpanStore();
  }
}
