package dev.traced.aspects;

import dev.traced.testing.SpanCapture;
import io.opencensus.trace.BlankSpan;
import io.opencensus.trace.SpanId;
import io.opencensus.trace.Tracing;
import io.opencensus.trace.export.SpanData;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The program's first traced call overflows the stack; then it makes {@value #LATER_CALLS} ordinary
 * traced calls. Prints what the user's code saw and what was exported, one fact a line. Started in
 * a fresh JVM by {@link StackOverflowTest}, so that nothing of the aspect has been loaded before.
 */
public final class StackOverflowMain {

  static final int LATER_CALLS = 100;

  private StackOverflowMain() {}

  /** Prints {@code overflow:}, {@code current:}, {@code recursion:} and {@code later:} lines. */
  public static void main(String[] args) {
    // OpenCensus started and sampling everything, as after TracedBootstrap.start(); nothing of the
    // aspect is touched before the first traced call.
    SpanCapture spans = new SpanCapture();
    spans.sampleAll();
    spans.clear();

    try {
      OverflowFixture.recurse(0);
      System.out.println("overflow: none");
    } catch (StackOverflowError expected) {
      System.out.println("overflow: caught");
    }
    boolean restored = Tracing.getTracer().getCurrentSpan() == BlankSpan.INSTANCE;
    System.out.println("current: " + (restored ? "restored" : "left"));
    System.out.println("recursion: " + chain(spans.finished()));

    spans.clear();
    int sum = 0;
    for (int i = 0; i < LATER_CALLS; i++) {
      sum += OverflowFixture.later(i);
    }
    long later =
        spans.finished().stream()
            .filter(span -> span.getName().equals("OverflowFixture.later"))
            .count();
    System.out.println("later: " + later + " spans, sum " + sum);
  }

  /**
   * "complete" if every span of the recursion was exported with its parent (one root; a level
   * whose tracing could not start at overflow depth is an empty span, so a span may have two
   * children), else what is wrong.
   */
  private static String chain(List<SpanData> finished) {
    Map<SpanId, SpanId> parentOf = new HashMap<>();
    for (SpanData span : finished) {
      if (span.getName().equals("OverflowFixture.recurse")) {
        parentOf.put(span.getContext().getSpanId(), span.getParentSpanId());
      }
    }
    if (parentOf.size() < 2) {
      return parentOf.size() + " spans";
    }
    long roots =
        parentOf.values().stream()
            .filter(parent -> parent == null || !parentOf.containsKey(parent))
            .count();
    return roots == 1 ? "complete" : roots + " roots among " + parentOf.size() + " spans";
  }
}
