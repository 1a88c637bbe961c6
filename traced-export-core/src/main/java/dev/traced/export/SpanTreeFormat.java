package dev.traced.export;

import io.opencensus.common.Timestamp;
import io.opencensus.trace.Annotation;
import io.opencensus.trace.AttributeValue;
import io.opencensus.trace.Span;
import io.opencensus.trace.SpanId;
import io.opencensus.trace.Status;
import io.opencensus.trace.export.SpanData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders ended spans as indented trees, one line per span and per annotation, readable at a
 * glance and stable enough to compare in tests.
 *
 * <pre>
 * repl 1.204 ms
 *   @ +0.051 ms "Invoking processLine" {len=5, use="repl"}
 *   processInput 0.032 ms
 * </pre>
 *
 * <p>A span goes under the span whose id is its parent id. A span whose parent is not among the
 * given spans is rendered as a root with {@value #PARENT_NOT_CAPTURED}; a child in another trace
 * than its parent is marked with {@value #OTHER_TRACE}. Roots keep the order they were given in
 * (OpenCensus delivers spans in the order they ended); siblings are in start order. Attributes are
 * sorted by key; strings are quoted; status is shown unless OK. Every field is user text and is
 * printed through {@link PrintableText}: control and bidirectional characters appear as escapes
 * (&#92;u001b), so a span name cannot clear the screen or reorder the line.
 */
public final class SpanTreeFormat {

  /** Marks a span whose parent span is not among the rendered spans. */
  public static final String PARENT_NOT_CAPTURED = " <parent not captured>";

  /** Marks a child whose trace id differs from its parent's. */
  public static final String OTHER_TRACE = " <in another trace than its parent>";

  private final boolean withTimes;

  private SpanTreeFormat(boolean withTimes) {
    this.withTimes = withTimes;
  }

  /** With durations and annotation offsets: for people. */
  public static SpanTreeFormat withTimes() {
    return new SpanTreeFormat(true);
  }

  /** Without any time: for exact comparisons in tests. */
  public static SpanTreeFormat withoutTimes() {
    return new SpanTreeFormat(false);
  }

  // For siblings only: within a trace start times are exact (the trace shares one clock anchor), so
  // sorting repairs the rare arrival out of order (OpenCensus' export thread and a flush handing
  // batches to the handlers at once). Across traces each anchor is the wall clock's millisecond
  // plus a nanosecond offset, so quick sequential roots can even appear to start in reverse: roots
  // keep arrival order.
  private static final Comparator<SpanData> START_ORDER =
      Comparator.comparing(SpanData::getStartTimestamp);

  /** Renders {@code spans}, given in the order they ended, as trees; one line per span or event. */
  public String render(List<SpanData> spans) {
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
    children.values().forEach(siblings -> siblings.sort(START_ORDER));
    StringBuilder out = new StringBuilder();
    for (SpanData root : roots) {
      String marker =
          root.getParentSpanId() != null && !Boolean.TRUE.equals(root.getHasRemoteParent())
              ? PARENT_NOT_CAPTURED
              : "";
      render(root, marker, children, "", out);
    }
    return out.toString();
  }

  private void render(
      SpanData span,
      String marker,
      Map<SpanId, List<SpanData>> children,
      String indent,
      StringBuilder out) {
    String duration =
        withTimes ? millis(span.getStartTimestamp(), span.getEndTimestamp()) : null;
    out.append(indent)
        .append(
            spanLine(
                span.getName(),
                span.getKind(),
                duration,
                span.getAttributes().getAttributeMap(),
                span.getStatus()))
        .append(marker)
        .append('\n');
    for (SpanData.TimedEvent<Annotation> event : span.getAnnotations().getEvents()) {
      Annotation annotation = event.getEvent();
      String offset =
          withTimes ? "+" + millis(span.getStartTimestamp(), event.getTimestamp()) : null;
      out.append(indent)
          .append("  ")
          .append(annotationLine(offset, annotation.getDescription(), annotation.getAttributes()))
          .append('\n');
    }
    for (SpanData child : children.getOrDefault(span.getContext().getSpanId(), List.of())) {
      boolean sameTrace = child.getContext().getTraceId().equals(span.getContext().getTraceId());
      render(child, sameTrace ? "" : OTHER_TRACE, children, indent + "  ", out);
    }
  }

  /**
   * One span line: {@code name [(KIND)] [duration] [{attributes}] [!STATUS "description"]}.
   *
   * @param kind the span kind, or {@code null} for none
   * @param duration a rendered duration, or {@code null} for none
   */
  public static String spanLine(
      String name,
      Span.Kind kind,
      String duration,
      Map<String, AttributeValue> attributes,
      Status status) {
    StringBuilder line = new StringBuilder(PrintableText.escape(name));
    if (kind != null) {
      line.append(" (").append(kind).append(')');
    }
    if (duration != null) {
      line.append(' ').append(duration);
    }
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

  /**
   * One annotation line: {@code @ [offset] "description" [{attributes}]}.
   *
   * @param offset a rendered offset from the span's start, or {@code null} for none
   */
  public static String annotationLine(
      String offset, String description, Map<String, AttributeValue> attributes) {
    StringBuilder line = new StringBuilder("@ ");
    if (offset != null) {
      line.append(offset).append(' ');
    }
    line.append(quote(description));
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
      text.append(PrintableText.escape(entry.getKey()))
          .append('=')
          .append(value(entry.getValue()));
    }
    return text.append('}').toString();
  }

  private static String value(AttributeValue value) {
    return value.match(
        SpanTreeFormat::quote, String::valueOf, String::valueOf, String::valueOf, o -> "?" + o);
  }

  private static String millis(Timestamp from, Timestamp to) {
    if (from == null || to == null) {
      return "? ms";
    }
    io.opencensus.common.Duration elapsed = to.subtractTimestamp(from);
    double millis = elapsed.getSeconds() * 1e3 + elapsed.getNanos() / 1e6;
    return String.format(Locale.ROOT, "%.3f ms", millis);
  }

  /**
   * Quotes {@code text} Java-style, so odd characters stay on one visible line: quotes and
   * backslashes escaped, and every character {@link PrintableText} escapes.
   */
  public static String quote(String text) {
    StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\r' -> quoted.append("\\r");
        case '\t' -> quoted.append("\\t");
        default -> {
          if (PrintableText.needsEscape(c)) {
            PrintableText.appendEscape(quoted, c);
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }
}
