package dev.traced.aspects;

import io.opencensus.trace.EndSpanOptions;

/**
 * Whether {@code @Traced} spans are offered to OpenCensus' local span store, which zPages'
 * {@code /tracez} page shows. Off by default: filing every sampled span there costs OpenCensus'
 * export thread enough to halve the throughput of sampled spans on a small machine. The bootstrap
 * turns it on with the zPages exporter.
 *
 * <pre>{@code
 * LocalSpanStore.offerEndedSpans(true);   // /tracez now lists @Traced spans by name
 * }</pre>
 */
public final class LocalSpanStore {

  private static final EndSpanOptions OFFERED =
      EndSpanOptions.builder().setSampleToLocalSpanStore(true).build();

  // Read once per ended span; a volatile read is about a nanosecond.
  private static volatile EndSpanOptions endOptions = EndSpanOptions.DEFAULT;

  private LocalSpanStore() {}

  /** Offers (or stops offering) every {@code @Traced} span that ends from now on. */
  public static void offerEndedSpans(boolean offer) {
    endOptions = offer ? OFFERED : EndSpanOptions.DEFAULT;
  }

  /** The options {@code @Traced} spans end with. */
  static EndSpanOptions endOptions() {
    return endOptions;
  }
}
