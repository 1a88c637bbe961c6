package dev.traced.testing;

import io.opencensus.trace.Annotation;
import io.opencensus.trace.AttributeValue;
import io.opencensus.trace.SpanId;
import io.opencensus.trace.Status;
import io.opencensus.trace.export.SpanData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders captured spans as indented text, one canonical form shared with {@link ExpectedSpan},
 * so a failed assertion shows the whole difference at once.
 *
 * <pre>
 * repl
 *   @ "Invoking processLine" {len=5, use="repl"}
 *   processInput
 * </pre>
 *
 * <p>Parent links are checked while rendering: a span is placed under the span whose id is its
 * parent id; a span whose parent was not captured is rendered as a root with a marker, and a
 * child in another trace than its parent is marked too, so either fails a comparison.
 */
final class SpanTreeRenderer {

  static final String PARENT_NOT_CAPTURED = " <parent not captured>";
  static final String OTHER_TRACE = " <in another trace than its parent>";

  private SpanTreeRenderer() {}

  /**
   * Renders {@code spans}, given in the order they ended; roots and siblings keep that order.
   * (Start timestamps cannot order roots: OpenCensus anchors each trace's clock separately, with
   * millisecond precision.)
   */
  static String render(List<SpanData> spans) {
    Map<SpanId, SpanData> byId = new HashMap<>();
    for (SpanData span : spans) {
      byId.put(span.getContext().getSpanId(), span);
    }
    Map<SpanId, List<SpanData>> children = new HashMap<>();
    List<SpanData> roots = new ArrayList<>();
    for (SpanData span : spans) {
      SpanId parent = span.getParentSpanId();
      if (parent != null && byId.containsKey(parent)) {
        children.computeIfAbsent(parent, k -> new ArrayList<>()).add(span);
      } else {
        roots.add(span);
      }
    }
    StringBuilder out = new StringBuilder();
    for (SpanData root : roots) {
      String marker = root.getParentSpanId() != null ? PARENT_NOT_CAPTURED : "";
      render(root, marker, children, "", out);
    }
    return out.toString();
  }

  private static void render(
      SpanData span,
      String marker,
      Map<SpanId, List<SpanData>> children,
      String indent,
      StringBuilder out) {
    out.append(indent)
        .append(spanLine(span.getName(), span.getAttributes().getAttributeMap(), span.getStatus()))
        .append(marker)
        .append('\n');
    for (io.opencensus.trace.export.SpanData.TimedEvent<Annotation> event :
        span.getAnnotations().getEvents()) {
      Annotation annotation = event.getEvent();
      out.append(indent)
          .append("  ")
          .append(annotationLine(annotation.getDescription(), annotation.getAttributes()))
          .append('\n');
    }
    List<SpanData> kids =
        new ArrayList<>(children.getOrDefault(span.getContext().getSpanId(), List.of()));
    for (SpanData child : kids) {
      boolean sameTrace = child.getContext().getTraceId().equals(span.getContext().getTraceId());
      render(child, sameTrace ? "" : OTHER_TRACE, children, indent + "  ", out);
    }
  }

  static String spanLine(String name, Map<String, AttributeValue> attributes, Status status) {
    StringBuilder line = new StringBuilder(name);
    if (!attributes.isEmpty()) {
      line.append(' ').append(attributes(attributes));
    }
    if (status != null && !status.isOk()) {
      line.append(" !").append(status.getCanonicalCode());
      if (status.getDescription() != null) {
        line.append(' ').append(quote(status.getDescription()));
      }
    }
    return line.toString();
  }

  static String annotationLine(String description, Map<String, AttributeValue> attributes) {
    StringBuilder line = new StringBuilder("@ ").append(quote(description));
    if (!attributes.isEmpty()) {
      line.append(' ').append(attributes(attributes));
    }
    return line.toString();
  }

  private static String attributes(Map<String, AttributeValue> attributes) {
    StringBuilder text = new StringBuilder("{");
    for (Map.Entry<String, AttributeValue> entry : new TreeMap<>(attributes).entrySet()) {
      if (text.length() > 1) {
        text.append(", ");
      }
      text.append(entry.getKey()).append('=').append(value(entry.getValue()));
    }
    return text.append('}').toString();
  }

  private static String value(AttributeValue value) {
    return value.match(
        SpanTreeRenderer::quote,
        String::valueOf,
        String::valueOf,
        String::valueOf,
        other -> "?" + other);
  }

  static String quote(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
  }
}
