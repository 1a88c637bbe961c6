package dev.traced.bootstrap.console;

import dev.traced.export.SpanTreeFormat;
import io.opencensus.trace.TraceId;
import io.opencensus.trace.export.SpanData;
import io.opencensus.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints each finished trace to a stream (stderr by default) as an indented tree, once its root
 * span has ended.
 *
 * <pre>
 * trace 4bf92f3577b34da6a3ce929d0e0e4736
 * repl 1.204 ms
 *   @ +0.051 ms "Invoking processLine" {len=5, use="repl"}
 *   processInput 0.032 ms
 * </pre>
 *
 * <p>Children end before their root, so spans wait per trace until the root arrives. At most
 * {@value #MAX_WAITING_SPANS} spans wait; past that the oldest trace is printed as it is, so a
 * trace whose root never ends cannot grow memory without bound. {@link #flushPartial()} prints
 * whatever still waits, at close.
 *
 * <p>Printing goes through a {@link BoundedPrinter}: a stream that blocks holds this handler (and
 * OpenCensus' export thread) only while the printer is full, and no longer than the deadline the
 * printer is given at close.
 */
public final class ConsoleTraceHandler extends SpanExporter.Handler {

  static final int MAX_WAITING_SPANS = 10_000;

  private final BoundedPrinter out;
  private final SpanTreeFormat format = SpanTreeFormat.withTimes();
  private final Map<TraceId, List<SpanData>> waiting = new LinkedHashMap<>();
  private int waitingSpans;

  /** Prints through {@code out}. */
  public ConsoleTraceHandler(BoundedPrinter out) {
    this.out = out;
  }

  @Override
  public synchronized void export(Collection<SpanData> spans) {
    for (SpanData span : spans) {
      TraceId trace = span.getContext().getTraceId();
      waiting.computeIfAbsent(trace, k -> new ArrayList<>()).add(span);
      waitingSpans++;
      boolean root =
          span.getParentSpanId() == null || Boolean.TRUE.equals(span.getHasRemoteParent());
      if (root) {
        print(trace, waiting.remove(trace));
      }
    }
    while (waitingSpans > MAX_WAITING_SPANS) {
      Iterator<Map.Entry<TraceId, List<SpanData>>> oldest = waiting.entrySet().iterator();
      Map.Entry<TraceId, List<SpanData>> entry = oldest.next();
      oldest.remove();
      print(entry.getKey(), entry.getValue());
    }
  }

  /** Prints the traces whose root has not ended (yet), as they are. */
  public synchronized void flushPartial() {
    for (Map.Entry<TraceId, List<SpanData>> entry : new ArrayList<>(waiting.entrySet())) {
      print(entry.getKey(), entry.getValue());
    }
    waiting.clear();
  }

  private void print(TraceId trace, List<SpanData> spans) {
    waitingSpans -= spans.size();
    // One write per trace, so traces from concurrent exports never interleave line by line.
    out.print("trace " + trace.toLowerBase16() + "\n" + format.render(spans));
  }
}
