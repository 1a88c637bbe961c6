package dev.traced.bootstrap.zipkin;

import io.opencensus.common.Timestamp;
import io.opencensus.trace.Annotation;
import io.opencensus.trace.AttributeValue;
import io.opencensus.trace.MessageEvent;
import io.opencensus.trace.SpanId;
import io.opencensus.trace.Status;
import io.opencensus.trace.export.SpanData;
import java.util.Map;
import java.util.TreeMap;
import zipkin2.Endpoint;
import zipkin2.Span;

/**
 * Turns an ended OpenCensus span into a Zipkin v2 span.
 *
 * <pre>{@code
 * zipkin2.Span span = ZipkinSpans.of(spanData, localEndpoint);
 * }</pre>
 *
 * <p>The mapping (also in the README):
 *
 * <ul>
 *   <li>trace id, span id, parent id (none for a root) as lower-case hex;
 *   <li>kind: {@code SERVER} and {@code CLIENT} as they are; a span without kind whose parent is
 *       remote is a {@code SERVER} span (OpenCensus' own convention); others have no kind;
 *   <li>attributes become tags, values as text ({@code 5}, {@code true}, {@code repl});
 *   <li>annotations become Zipkin annotations, whose value is one string: the description, then
 *       the attributes as {@code {len=5, use="repl"}} (keys sorted, strings quoted);
 *   <li>message events become annotations {@code SENT id=1 size=42} / {@code RECEIVED ...};
 *   <li>a status other than OK sets the tag {@code error} (the description, else the code) and
 *       {@code opencensus.status_code}.
 * </ul>
 */
final class ZipkinSpans {

  static final String ERROR_TAG = "error";
  static final String STATUS_CODE_TAG = "opencensus.status_code";

  private ZipkinSpans() {}

  static Span of(SpanData data, Endpoint local) {
    Span.Builder span =
        Span.newBuilder()
            .traceId(data.getContext().getTraceId().toLowerBase16())
            .id(data.getContext().getSpanId().toLowerBase16())
            .name(data.getName())
            .kind(kind(data))
            .localEndpoint(local);
    SpanId parent = data.getParentSpanId();
    if (parent != null && parent.isValid()) {
      span.parentId(parent.toLowerBase16());
    }
    long start = micros(data.getStartTimestamp());
    span.timestamp(start);
    if (data.getEndTimestamp() != null) {
      // Zipkin reads a zero duration as "unknown": a span that took less than 1 µs took 1 µs.
      span.duration(Math.max(1, micros(data.getEndTimestamp()) - start));
    }
    for (Map.Entry<String, AttributeValue> attribute :
        data.getAttributes().getAttributeMap().entrySet()) {
      span.putTag(attribute.getKey(), text(attribute.getValue()));
    }
    for (SpanData.TimedEvent<Annotation> event : data.getAnnotations().getEvents()) {
      span.addAnnotation(micros(event.getTimestamp()), annotation(event.getEvent()));
    }
    for (SpanData.TimedEvent<MessageEvent> event : data.getMessageEvents().getEvents()) {
      MessageEvent message = event.getEvent();
      span.addAnnotation(
          micros(event.getTimestamp()),
          message.getType() + " id=" + message.getMessageId()
              + " size=" + message.getUncompressedMessageSize());
    }
    Status status = data.getStatus();
    if (status != null && !status.isOk()) {
      String code = status.getCanonicalCode().name();
      span.putTag(ERROR_TAG, status.getDescription() != null ? status.getDescription() : code);
      span.putTag(STATUS_CODE_TAG, code);
    }
    return span.build();
  }

  /** {@code Invoking processLine {len=5, use="repl"}}: Zipkin annotations carry one string. */
  static String annotation(Annotation annotation) {
    Map<String, AttributeValue> attributes = annotation.getAttributes();
    if (attributes.isEmpty()) {
      return annotation.getDescription();
    }
    StringBuilder text = new StringBuilder(annotation.getDescription()).append(" {");
    boolean first = true;
    for (Map.Entry<String, AttributeValue> entry : new TreeMap<>(attributes).entrySet()) {
      if (!first) {
        text.append(", ");
      }
      first = false;
      text.append(entry.getKey()).append('=');
      AttributeValue value = entry.getValue();
      text.append(value.match(ZipkinSpans::quote, String::valueOf, String::valueOf,
          String::valueOf, String::valueOf));
    }
    return text.append('}').toString();
  }

  private static String text(AttributeValue value) {
    return value.match(s -> s, String::valueOf, String::valueOf, String::valueOf, String::valueOf);
  }

  private static String quote(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static Span.Kind kind(SpanData data) {
    io.opencensus.trace.Span.Kind kind = data.getKind();
    if (kind == io.opencensus.trace.Span.Kind.SERVER
        || (kind == null && Boolean.TRUE.equals(data.getHasRemoteParent()))) {
      return Span.Kind.SERVER;
    }
    return kind == io.opencensus.trace.Span.Kind.CLIENT ? Span.Kind.CLIENT : null;
  }

  private static long micros(Timestamp timestamp) {
    return timestamp.getSeconds() * 1_000_000L + timestamp.getNanos() / 1_000;
  }
}
