package dev.traced.bootstrap.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.opencensus.common.Timestamp;
import io.opencensus.trace.SpanContext;
import io.opencensus.trace.SpanId;
import io.opencensus.trace.TraceId;
import io.opencensus.trace.TraceOptions;
import io.opencensus.trace.Tracestate;
import io.opencensus.trace.export.SpanData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The console exporter with in-memory spans: a trace is printed once its root ends; at most
 * {@value ConsoleTraceHandler#MAX_WAITING_SPANS} spans of unfinished traces are held, the oldest
 * trace printed as it is when more arrive; and close prints what is still waiting.
 */
class ConsoleTraceHandlerTest {

  private static final Timestamp START = Timestamp.create(1_700_000_000, 0);

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final BoundedPrinter printer =
      BoundedPrinter.start(new PrintStream(bytes, true, StandardCharsets.UTF_8));
  private final ConsoleTraceHandler handler = new ConsoleTraceHandler(printer);

  @AfterEach
  void closePrinter() {
    printer.close();
  }

  private static TraceId trace(int n) {
    return TraceId.fromLowerBase16(String.format("%032x", n));
  }

  private static SpanId id(int n) {
    return SpanId.fromLowerBase16(String.format("%016x", n));
  }

  private static SpanData span(int trace, int id, Integer parent, boolean remoteParent, String name) {
    return SpanData.create(
        SpanContext.create(trace(trace), id(id), TraceOptions.DEFAULT, Tracestate.builder().build()),
        parent == null ? null : id(parent),
        remoteParent,
        name,
        null,
        START.addNanos(id),
        SpanData.Attributes.create(Map.of(), 0),
        SpanData.TimedEvents.create(List.of(), 0),
        SpanData.TimedEvents.create(List.of(), 0),
        SpanData.Links.create(List.of(), 0),
        null,
        null,
        START.addNanos(id + 1_000_000L));
  }

  private String printed() {
    assertThat(printer.awaitPrinted(System.nanoTime() + TimeUnit.SECONDS.toNanos(10))).isTrue();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void traceIsPrintedOnceItsRootEnds() {
    handler.export(List.of(span(1, 2, 1, false, "child")));
    assertThat(printed()).isEmpty();
    handler.export(List.of(span(1, 1, null, false, "root")));
    assertThat(printed())
        .isEqualTo(
            "trace 00000000000000000000000000000001\n"
                + "root 1.000 ms\n"
                + "  child 1.000 ms\n");
    handler.flushPartial();
    assertThat(printed()).as("nothing left waiting").hasLineCount(3);
  }

  @Test
  void spanWithARemoteParentEndsItsPartOfTheTrace() {
    handler.export(List.of(span(1, 2, 9, true, "served")));
    assertThat(printed()).isEqualTo("trace 00000000000000000000000000000001\nserved 1.000 ms\n");
  }

  @Test
  void closePrintsTracesWhoseRootNeverEndedInArrivalOrder() {
    handler.export(List.of(span(2, 3, 1, false, "first"), span(1, 4, 1, false, "second")));
    handler.flushPartial();
    String marker = " <parent not captured>";
    assertThat(printed())
        .isEqualTo(
            "trace 00000000000000000000000000000002\nfirst 1.000 ms" + marker + "\n"
                + "trace 00000000000000000000000000000001\nsecond 1.000 ms" + marker + "\n");
  }

  private static List<SpanData> orphans(int trace, int count) {
    List<SpanData> spans = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      spans.add(span(trace, 1_000 + i, 1, false, "orphan"));
    }
    return spans;
  }

  @Test
  void upToTheBoundUnfinishedTracesWait() {
    handler.export(orphans(1, ConsoleTraceHandler.MAX_WAITING_SPANS));
    assertThat(printed()).isEmpty();
  }

  @Test
  void pastTheBoundTheOldestUnfinishedTraceIsPrintedAsItIs() {
    handler.export(orphans(1, ConsoleTraceHandler.MAX_WAITING_SPANS));
    handler.export(List.of(span(2, 7, 1, false, "newer")));
    String printed = printed();
    assertThat(printed).startsWith("trace 00000000000000000000000000000001\n");
    assertThat(printed).hasLineCount(1 + ConsoleTraceHandler.MAX_WAITING_SPANS);
    // The newer trace still waits, and is printed at close.
    handler.flushPartial();
    assertThat(printed()).endsWith("trace 00000000000000000000000000000002\nnewer 1.000 ms <parent not captured>\n");
  }

  @Test
  void printedTracesNoLongerCountAgainstTheBound() {
    for (int round = 0; round < 3; round++) {
      List<SpanData> trace = new ArrayList<>(orphans(10 + round, ConsoleTraceHandler.MAX_WAITING_SPANS - 1));
      trace.add(span(10 + round, 1, null, false, "root"));
      handler.export(trace);
    }
    // Each full trace was printed whole once its root ended; nothing was cut short.
    handler.flushPartial();
    String printed = printed();
    assertThat(printed.lines().filter(line -> line.startsWith("trace "))).hasSize(3);
    assertThat(printed).doesNotContain("<parent not captured>");
  }

  @Test
  void aTracePrintedPastTheBoundIsNotPrintedAgainAtClose() {
    handler.export(orphans(1, ConsoleTraceHandler.MAX_WAITING_SPANS));
    handler.export(List.of(span(2, 7, 1, false, "newer"))); // pushes trace 1 out, as it is
    handler.flushPartial();

    String printed = printed();
    assertThat(printed.lines().filter(line -> line.startsWith("trace ")))
        .containsExactly(
            "trace 00000000000000000000000000000001", "trace 00000000000000000000000000000002");
    assertThat(printed).hasLineCount(2 + ConsoleTraceHandler.MAX_WAITING_SPANS + 1);
  }

  @Test
  void aPartialTracePrintedAtCloseIsPrintedOnce() {
    handler.export(List.of(span(1, 2, 1, false, "child")));
    handler.flushPartial();
    handler.flushPartial(); // a second close (the shutdown hook after close()) prints nothing more
    handler.export(List.of(span(3, 5, 1, false, "later")));
    handler.flushPartial();

    assertThat(printed())
        .isEqualTo(
            "trace 00000000000000000000000000000001\nchild 1.000 ms <parent not captured>\n"
                + "trace 00000000000000000000000000000003\nlater 1.000 ms <parent not captured>\n");
  }

  @Test
  void spansOfAPartialTracePrintedAtCloseNoLongerCountAgainstTheBound() {
    handler.export(orphans(1, ConsoleTraceHandler.MAX_WAITING_SPANS));
    handler.flushPartial();
    // The bound is free again: a whole bound of spans of another trace waits for its root.
    handler.export(orphans(2, ConsoleTraceHandler.MAX_WAITING_SPANS));

    assertThat(printed().lines().filter(line -> line.startsWith("trace ")))
        .containsExactly("trace 00000000000000000000000000000001");
  }
}
