package dev.traced.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.opencensus.common.Timestamp;
import io.opencensus.trace.Annotation;
import io.opencensus.trace.AttributeValue;
import io.opencensus.trace.Span;
import io.opencensus.trace.SpanContext;
import io.opencensus.trace.SpanId;
import io.opencensus.trace.Status;
import io.opencensus.trace.TraceId;
import io.opencensus.trace.TraceOptions;
import io.opencensus.trace.Tracestate;
import io.opencensus.trace.export.SpanData;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Span trees as the console prints them: layout, times, and user text made safe to print. */
class SpanTreeFormatTest {

  private static final TraceId TRACE = TraceId.fromLowerBase16("4737461a3cd947b0eb9e72b748c0f41a");
  private static final Timestamp START = Timestamp.create(1_700_000_000, 0);

  private static SpanId id(int n) {
    return SpanId.fromLowerBase16(String.format("%016x", n));
  }

  private static Timestamp at(long nanos) {
    return START.addNanos(nanos);
  }

  private static SpanData span(
      int id,
      Integer parent,
      String name,
      long startNanos,
      long endNanos,
      Map<String, AttributeValue> attributes,
      List<SpanData.TimedEvent<Annotation>> annotations,
      Status status) {
    return SpanData.create(
        SpanContext.create(TRACE, id(id), TraceOptions.DEFAULT, Tracestate.builder().build()),
        parent == null ? null : id(parent),
        false,
        name,
        null,
        at(startNanos),
        SpanData.Attributes.create(attributes, 0),
        SpanData.TimedEvents.create(annotations, 0),
        SpanData.TimedEvents.create(Collections.emptyList(), 0),
        SpanData.Links.create(Collections.emptyList(), 0),
        null,
        status,
        at(endNanos));
  }

  private static SpanData.TimedEvent<Annotation> annotation(
      long nanos, String description, Map<String, AttributeValue> attributes) {
    return SpanData.TimedEvent.create(
        at(nanos), Annotation.fromDescriptionAndAttributes(description, attributes));
  }

  private static Map<String, AttributeValue> attrs(Object... keysAndValues) {
    Map<String, AttributeValue> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      Object value = keysAndValues[i + 1];
      map.put(
          (String) keysAndValues[i],
          value instanceof String text
              ? AttributeValue.stringAttributeValue(text)
              : AttributeValue.longAttributeValue(((Number) value).longValue()));
    }
    return map;
  }

  @Test
  void rendersTheQuickstartTreeWithTimes() {
    // Given in end order: the child ends first.
    SpanData child =
        span(2, 1, "processInput", 100_000, 132_000, Map.of(), List.of(),
            Status.INVALID_ARGUMENT.withDescription("odd input"));
    SpanData root =
        span(1, null, "repl", 0, 1_204_000, attrs("a", 1),
            List.of(annotation(51_000, "Invoking processLine", attrs("use", "repl", "len", 5))),
            Status.OK);
    SpanData orphan = span(4, 3, "late", 0, 2_000_000, Map.of(), List.of(), null);

    assertThat(SpanTreeFormat.withTimes().render(List.of(child, root, orphan)))
        .isEqualTo(
            "repl 1.204 ms {a=1}\n"
                + "  @ +0.051 ms \"Invoking processLine\" {len=5, use=\"repl\"}\n"
                + "  processInput 0.032 ms !INVALID_ARGUMENT \"odd input\"\n"
                + "late 2.000 ms" + SpanTreeFormat.PARENT_NOT_CAPTURED + "\n");
    assertThat(SpanTreeFormat.withoutTimes().render(List.of(child, root)))
        .isEqualTo(
            "repl {a=1}\n"
                + "  @ \"Invoking processLine\" {len=5, use=\"repl\"}\n"
                + "  processInput !INVALID_ARGUMENT \"odd input\"\n");
  }

  @Test
  void controlAndBidiCharactersAreEscapedInEveryField() {
    SpanData hostile =
        span(
            1,
            null,
            "clear\u001b[2Jscreen\u202eevil",
            0,
            1_000_000,
            attrs("key\u001b]0;title\u0007", "csi\u009b31m \u2066isolate\u2069 \u200e\u200f\u061c"),
            List.of(
                annotation(0, "del\u007f c1\u0085 ls\u2028 ps\u2029 \u202a\u202b\u202c\u202d",
                    attrs("nl", "a\nb\r\tc\u0000"))),
            Status.UNKNOWN.withDescription("bell\u0007 \u0003"));

    String rendered = SpanTreeFormat.withoutTimes().render(List.of(hostile));

    assertThat(rendered)
        .isEqualTo(
            "clear\\u001b[2Jscreen\\u202eevil"
                + " {key\\u001b]0;title\\u0007="
                + "\"csi\\u009b31m \\u2066isolate\\u2069 \\u200e\\u200f\\u061c\"}"
                + " !UNKNOWN \"bell\\u0007 \\u0003\"\n"
                + "  @ \"del\\u007f c1\\u0085 ls\\u2028 ps\\u2029 \\u202a\\u202b\\u202c\\u202d\""
                + " {nl=\"a\\nb\\r\\tc\\u0000\"}\n");
    // Nothing left that a terminal would act on, but the line ends.
    assertThat(rendered.replace("\n", "").chars().filter(c -> PrintableText.needsEscape((char) c)))
        .isEmpty();
  }

  @Test
  void ordinaryTextIsPrintedAsItIs() {
    assertThat(PrintableText.escape("Grüße, 東京, emoji \ud83d\ude00, tab-free"))
        .isEqualTo("Grüße, 東京, emoji \ud83d\ude00, tab-free");
  }

  @Test
  void siblingsAreInStartOrderWhateverOrderTheyEnded() {
    // Ended (and given) in reverse start order, as with an async child that outlives the next one.
    SpanData late = span(3, 1, "second", 300_000, 400_000, Map.of(), List.of(), null);
    SpanData early = span(2, 1, "first", 100_000, 900_000, Map.of(), List.of(), null);
    SpanData root = span(1, null, "root", 0, 1_000_000, Map.of(), List.of(), null);

    assertThat(SpanTreeFormat.withoutTimes().render(List.of(late, early, root)))
        .isEqualTo("root\n  first\n  second\n");
  }

  @Test
  void childInAnotherTraceIsMarked() {
    SpanData root = span(1, null, "root", 0, 1_000_000, Map.of(), List.of(), null);
    SpanData stranger =
        SpanData.create(
            SpanContext.create(
                TraceId.fromLowerBase16("00000000000000000000000000000001"),
                id(2),
                TraceOptions.DEFAULT,
                Tracestate.builder().build()),
            id(1),
            false,
            "stranger",
            null,
            at(0),
            SpanData.Attributes.create(Map.of(), 0),
            SpanData.TimedEvents.create(List.of(), 0),
            SpanData.TimedEvents.create(List.of(), 0),
            SpanData.Links.create(List.of(), 0),
            null,
            null,
            at(1));

    assertThat(SpanTreeFormat.withoutTimes().render(List.of(stranger, root)))
        .isEqualTo("root\n  stranger" + SpanTreeFormat.OTHER_TRACE + "\n");
  }

  @Test
  void remoteParentIsNotReportedAsMissing() {
    SpanData served =
        SpanData.create(
            SpanContext.create(TRACE, id(2), TraceOptions.DEFAULT, Tracestate.builder().build()),
            id(9),
            true,
            "served",
            null,
            at(0),
            SpanData.Attributes.create(Map.of(), 0),
            SpanData.TimedEvents.create(List.of(), 0),
            SpanData.TimedEvents.create(List.of(), 0),
            SpanData.Links.create(List.of(), 0),
            null,
            null,
            at(1));

    assertThat(SpanTreeFormat.withoutTimes().render(List.of(served))).isEqualTo("served\n");
  }

  @Test
  void durationsCountWholeSecondsAndUnknownEndsShowAQuestionMark() {
    SpanData slow = span(1, null, "slow", 0, 2_000_500_000L, Map.of(), List.of(), null);
    SpanData open =
        SpanData.create(
            SpanContext.create(TRACE, id(2), TraceOptions.DEFAULT, Tracestate.builder().build()),
            null,
            false,
            "open",
            null,
            at(0),
            SpanData.Attributes.create(Map.of(), 0),
            SpanData.TimedEvents.create(List.of(), 0),
            SpanData.TimedEvents.create(List.of(), 0),
            SpanData.Links.create(List.of(), 0),
            null,
            null,
            null);

    assertThat(SpanTreeFormat.withTimes().render(List.of(slow, open)))
        .isEqualTo("slow 2000.500 ms\nopen ? ms\n");
  }

  @Test
  void everyAttributeTypeIsRenderedSortedByKey() {
    Map<String, AttributeValue> attributes = new LinkedHashMap<>();
    attributes.put("s", AttributeValue.stringAttributeValue("q\"uote\\"));
    attributes.put("d", AttributeValue.doubleAttributeValue(0.25));
    attributes.put("b", AttributeValue.booleanAttributeValue(true));
    attributes.put("l", AttributeValue.longAttributeValue(-7));

    assertThat(SpanTreeFormat.spanLine("n", null, null, attributes, Status.OK))
        .isEqualTo("n {b=true, d=0.25, l=-7, s=\"q\\\"uote\\\\\"}");
    assertThat(SpanTreeFormat.annotationLine("+1.000 ms", "a", Map.of()))
        .isEqualTo("@ +1.000 ms \"a\"");
    assertThat(SpanTreeFormat.spanLine("n", null, "1.000 ms", Map.of(), Status.NOT_FOUND))
        .isEqualTo("n 1.000 ms !NOT_FOUND");
  }

  @Test
  void aSpanKindFollowsTheNameInParentheses() {
    assertThat(
            SpanTreeFormat.spanLine(
                "handle", Span.Kind.SERVER, "2.000 ms", Map.of(), Status.OK))
        .isEqualTo("handle (SERVER) 2.000 ms");
    assertThat(SpanTreeFormat.spanLine("call", Span.Kind.CLIENT, null, Map.of(), Status.OK))
        .isEqualTo("call (CLIENT)");
  }
}
