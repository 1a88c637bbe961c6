package dev.traced.testing;

import com.google.devtools.cloudtrace.v2.AttributeValue;
import com.google.devtools.cloudtrace.v2.Span;
import com.google.devtools.cloudtrace.v2.Span.Attributes;
import com.google.devtools.cloudtrace.v2.Span.TimeEvent;
import com.google.protobuf.Timestamp;
import java.util.Map;
import java.util.TreeMap;

/**
 * One Cloud Trace v2 span as a few readable lines: what {@link FakeCloudTraceServer} prints for
 * each span it receives.
 *
 * <pre>
 * span "repl" 1.204 ms  trace 4737461a3cd947b0eb9e72b748c0f41a  id 0a1b2c3d4e5f6a7b  (root)
 *   @ +0.051 ms "Invoking processLine" {len=5, use="repl"}
 * </pre>
 *
 * <p>Control and bidi characters from the traced program are shown as {@code \\uXXXX}, so that a
 * span name cannot rewrite the terminal.
 */
final class CloudTraceSpanText {

  private CloudTraceSpanText() {}

  static String of(Span span) {
    StringBuilder out = new StringBuilder();
    String[] name = span.getName().split("/"); // projects/P/traces/T/spans/S
    String trace = name.length >= 4 ? name[3] : "?";
    out.append("span \"").append(printable(span.getDisplayName().getValue())).append("\" ")
        .append(millis(span.getStartTime(), span.getEndTime())).append(" ms  trace ")
        .append(trace).append("  id ").append(span.getSpanId()).append("  ")
        .append(span.getParentSpanId().isEmpty() ? "(root)" : "parent " + span.getParentSpanId());
    String kind = FakeCloudTrace.spanKind(span);
    if (!kind.equals("UNSPECIFIED")) {
      out.append("  kind ").append(kind);
    }
    if (span.hasStatus() && span.getStatus().getCode() != 0) {
      out.append("  status ").append(span.getStatus().getCode()).append(": ")
          .append(printable(span.getStatus().getMessage()));
    }
    if (span.getAttributes().getAttributeMapCount() > 0) {
      out.append("  ").append(attributes(span.getAttributes()));
    }
    out.append('\n');
    for (TimeEvent event : span.getTimeEvents().getTimeEventList()) {
      if (event.hasAnnotation()) {
        out.append("  @ +").append(millis(span.getStartTime(), event.getTime())).append(" ms \"")
            .append(printable(event.getAnnotation().getDescription().getValue())).append('"');
        if (event.getAnnotation().getAttributes().getAttributeMapCount() > 0) {
          out.append(' ').append(attributes(event.getAnnotation().getAttributes()));
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  private static String attributes(Attributes attributes) {
    StringBuilder out = new StringBuilder("{");
    for (Map.Entry<String, AttributeValue> entry :
        new TreeMap<>(attributes.getAttributeMapMap()).entrySet()) {
      if (out.length() > 1) {
        out.append(", ");
      }
      out.append(printable(entry.getKey())).append('=').append(value(entry.getValue()));
    }
    return out.append('}').toString();
  }

  private static String value(AttributeValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE:
        return "\"" + printable(value.getStringValue().getValue()) + "\"";
      case INT_VALUE:
        return Long.toString(value.getIntValue());
      case BOOL_VALUE:
        return Boolean.toString(value.getBoolValue());
      default:
        return "?";
    }
  }

  private static String millis(Timestamp from, Timestamp to) {
    long nanos = (to.getSeconds() - from.getSeconds()) * 1_000_000_000L
        + (to.getNanos() - from.getNanos());
    return String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e6);
  }

  /** The text with every control or bidi-control character as a visible escape. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }
}
