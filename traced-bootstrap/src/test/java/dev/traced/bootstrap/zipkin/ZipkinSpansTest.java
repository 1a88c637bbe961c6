package dev.traced.bootstrap.zipkin;

import static org.assertj.core.api.Assertions.assertThat;

import io.opencensus.common.Timestamp;
import io.opencensus.trace.Annotation;
import io.opencensus.trace.AttributeValue;
import io.opencensus.trace.MessageEvent;
import io.opencensus.trace.Span.Kind;
import io.opencensus.trace.SpanContext;
import io.opencensus.trace.SpanId;
import io.opencensus.trace.Status;
import io.opencensus.trace.TraceId;
import io.opencensus.trace.TraceOptions;
import io.opencensus.trace.Tracestate;
import io.opencensus.trace.export.SpanData;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import zipkin2.Endpoint;
import zipkin2.Span;
import zipkin2.codec.SpanBytesEncoder;

/**
 * OpenCensus spans as Zipkin receives them, from in-memory span data: the JSON on the wire field
 * by field (ids, parent, kind, timestamps in µs, annotations, message events, tags, error status,
 * service), and each rule of the mapping on its own.
 */
class ZipkinSpansTest {

  private static final Endpoint SHOP = Endpoint.newBuilder().serviceName("shop").build();
  private static final TraceId TRACE = TraceId.fromLowerBase16("0af7651916cd43dd8448eb211c80319c");
  private static final SpanId ID = SpanId.fromLowerBase16("b7ad6b7169203331");
  private static final SpanId PARENT = SpanId.fromLowerBase16("00f067aa0ba902b7");
  private static final Timestamp START = Timestamp.create(1_700_000_000L, 123_456_789);

  /** {@code START} plus {@code micros} µs. */
  private static Timestamp at(long micros) {
    return START.addNanos(micros * 1_000);
  }

  private static SpanData span(
      SpanId parent,
      Boolean remoteParent,
      Kind kind,
      Map<String, AttributeValue> attributes,
      List<SpanData.TimedEvent<Annotation>> annotations,
      List<SpanData.TimedEvent<MessageEvent>> messages,
      Status status,
      Timestamp end) {
    return SpanData.create(
        SpanContext.create(TRACE, ID, TraceOptions.DEFAULT, Tracestate.builder().build()),
        parent,
        remoteParent,
        "processInput",
        kind,
        START,
        SpanData.Attributes.create(attributes, 0),
        SpanData.TimedEvents.create(annotations, 0),
        SpanData.TimedEvents.create(messages, 0),
        SpanData.Links.create(List.of(), 0),
        null,
        status,
        end);
  }

  private static SpanData plain(SpanId parent, Boolean remoteParent, Kind kind) {
    return span(parent, remoteParent, kind, Map.of(), List.of(), List.of(), Status.OK, at(500));
  }

  private static Span zipkin(SpanData data) {
    return ZipkinSpans.of(data, SHOP);
  }

  @Test
  void aFullSpanIsSentAsThisJson() {
    Map<String, AttributeValue> attributes = new LinkedHashMap<>();
    attributes.put("use", AttributeValue.stringAttributeValue("repl"));
    attributes.put("len", AttributeValue.longAttributeValue(5));
    attributes.put("ok", AttributeValue.booleanAttributeValue(false));
    attributes.put("ratio", AttributeValue.doubleAttributeValue(0.5));
    Map<String, AttributeValue> annotationAttributes = new LinkedHashMap<>();
    annotationAttributes.put("use", AttributeValue.stringAttributeValue("re\"pl\\"));
    annotationAttributes.put("len", AttributeValue.longAttributeValue(5));
    annotationAttributes.put("ok", AttributeValue.booleanAttributeValue(true));
    annotationAttributes.put("ratio", AttributeValue.doubleAttributeValue(0.25));
    SpanData data =
        span(
            PARENT,
            false,
            Kind.CLIENT,
            attributes,
            List.of(
                SpanData.TimedEvent.create(
                    at(100), Annotation.fromDescriptionAndAttributes("Invoking processLine",
                        annotationAttributes)),
                SpanData.TimedEvent.create(at(200), Annotation.fromDescription("plain"))),
            List.of(
                SpanData.TimedEvent.create(
                    at(300),
                    MessageEvent.builder(MessageEvent.Type.SENT, 1)
                        .setUncompressedMessageSize(42)
                        .setCompressedMessageSize(40)
                        .build()),
                SpanData.TimedEvent.create(
                    at(400),
                    MessageEvent.builder(MessageEvent.Type.RECEIVED, 2)
                        .setUncompressedMessageSize(7)
                        .build())),
            Status.DEADLINE_EXCEEDED,
            at(500));

    String json = new String(SpanBytesEncoder.JSON_V2.encode(zipkin(data)), StandardCharsets.UTF_8);

    assertThat(json)
        .isEqualTo(
            "{\"traceId\":\"0af7651916cd43dd8448eb211c80319c\",\"parentId\":\"00f067aa0ba902b7\","
                + "\"id\":\"b7ad6b7169203331\",\"kind\":\"CLIENT\",\"name\":\"processinput\","
                + "\"timestamp\":1700000000123456,\"duration\":500,"
                + "\"localEndpoint\":{\"serviceName\":\"shop\"},"
                + "\"annotations\":["
                + "{\"timestamp\":1700000000123556,\"value\":\"Invoking processLine {len=5, ok=true,"
                + " ratio=0.25, use=\\\"re\\\\\\\"pl\\\\\\\\\\\"}\"},"
                + "{\"timestamp\":1700000000123656,\"value\":\"plain\"},"
                + "{\"timestamp\":1700000000123756,\"value\":\"SENT id=1 size=42\"},"
                + "{\"timestamp\":1700000000123856,\"value\":\"RECEIVED id=2 size=7\"}],"
                + "\"tags\":{\"error\":\"DEADLINE_EXCEEDED\",\"len\":\"5\",\"ok\":\"false\","
                + "\"opencensus.status_code\":\"DEADLINE_EXCEEDED\",\"ratio\":\"0.5\","
                + "\"use\":\"repl\"}}");
  }

  @Test
  void annotationValuesQuoteStringsAndEscapeQuotesAndBackslashes() {
    Map<String, AttributeValue> attributes = new LinkedHashMap<>();
    attributes.put("b", AttributeValue.stringAttributeValue("say \"hi\" \\o/"));
    attributes.put("a", AttributeValue.longAttributeValue(-1));

    assertThat(ZipkinSpans.annotation(Annotation.fromDescriptionAndAttributes("d", attributes)))
        .isEqualTo("d {a=-1, b=\"say \\\"hi\\\" \\\\o/\"}");
    assertThat(ZipkinSpans.annotation(Annotation.fromDescription("only words")))
        .isEqualTo("only words");
  }

  @Test
  void aRootSpanHasNoParent() {
    assertThat(zipkin(plain(null, null, null)).parentId()).isNull();
    assertThat(zipkin(plain(SpanId.INVALID, false, null)).parentId()).isNull();
    assertThat(zipkin(plain(PARENT, false, null)).parentId()).isEqualTo("00f067aa0ba902b7");
  }

  @Test
  void kindIsKeptAndASpanWithoutKindUnderARemoteParentIsAServer() {
    assertThat(zipkin(plain(PARENT, false, Kind.SERVER)).kind()).isEqualTo(Span.Kind.SERVER);
    assertThat(zipkin(plain(PARENT, false, Kind.CLIENT)).kind()).isEqualTo(Span.Kind.CLIENT);
    assertThat(zipkin(plain(PARENT, true, Kind.CLIENT)).kind()).isEqualTo(Span.Kind.CLIENT);
    assertThat(zipkin(plain(PARENT, true, null)).kind()).isEqualTo(Span.Kind.SERVER);
    assertThat(zipkin(plain(PARENT, false, null)).kind()).isNull();
    assertThat(zipkin(plain(null, null, null)).kind()).isNull();
  }

  @Test
  void timesAreMicrosecondsAndASpanUnderOneMicrosecondLastsOne() {
    SpanData instant =
        span(null, null, null, Map.of(), List.of(), List.of(), Status.OK, START.addNanos(999));

    Span span = zipkin(instant);

    assertThat(span.timestamp()).isEqualTo(1_700_000_000_123_456L);
    assertThat(span.duration()).isEqualTo(1L);
    assertThat(zipkin(plain(null, null, null)).duration()).isEqualTo(500L);
  }

  @Test
  void aSpanWithoutEndHasNoDuration() {
    SpanData running = span(null, null, null, Map.of(), List.of(), List.of(), null, null);

    Span span = zipkin(running);

    assertThat(span.timestamp()).isEqualTo(1_700_000_000_123_456L);
    assertThat(span.duration()).isNull();
    assertThat(span.tags()).isEmpty();
  }

  @Test
  void anErrorStatusTagsItsDescriptionElseItsCode() {
    SpanData described =
        span(null, null, null, Map.of(), List.of(), List.of(),
            Status.INVALID_ARGUMENT.withDescription("line too long"), at(500));

    assertThat(zipkin(described).tags())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("error", "line too long", "opencensus.status_code", "INVALID_ARGUMENT"));
    assertThat(zipkin(plain(null, null, null)).tags()).isEmpty();
  }
}
