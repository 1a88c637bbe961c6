package dev.traced.testing;

import dev.traced.export.SpanTreeFormat;
import io.opencensus.trace.AttributeValue;
import io.opencensus.trace.Span;
import io.opencensus.trace.Status;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The expected shape of a span and its subtree, for {@link SpanCapture#assertTrees}.
 *
 * <pre>{@code
 * span("repl")
 *     .annotation("Invoking processLine", attrs("len", 5, "use", "repl"))
 *     .child(span("processInput"))
 * }</pre>
 *
 * <p>Attribute values: a {@code String} is a string attribute, an {@code Integer} or {@code Long}
 * a long attribute, a {@code Double} a double attribute, a {@code Boolean} a boolean attribute.
 * Status defaults to OK.
 */
public final class ExpectedSpan {

  private final String name;
  private final Map<String, AttributeValue> attributes = new LinkedHashMap<>();
  private final List<String> annotations = new ArrayList<>();
  private final List<ExpectedSpan> children = new ArrayList<>();
  private Status status = Status.OK;
  private Span.Kind kind;

  private ExpectedSpan(String name) {
    this.name = name;
  }

  /** A span named {@code name}, with no attributes, annotations or children, and status OK. */
  public static ExpectedSpan span(String name) {
    return new ExpectedSpan(name);
  }

  /** Key-value pairs as an ordered map: {@code attrs("len", 5, "use", "repl")}. */
  public static Map<String, Object> attrs(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("attrs takes key, value pairs");
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /** Expects the span attribute {@code key} = {@code value}. */
  public ExpectedSpan attribute(String key, Object value) {
    attributes.put(key, toAttributeValue(value));
    return this;
  }

  /** Expects, next in order, an annotation with this description and no attributes. */
  public ExpectedSpan annotation(String description) {
    return annotation(description, Map.of());
  }

  /** Expects, next in order, an annotation with this description and exactly these attributes. */
  public ExpectedSpan annotation(String description, Map<String, ?> annotationAttributes) {
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    annotationAttributes.forEach((key, value) -> values.put(key, toAttributeValue(value)));
    annotations.add(SpanTreeFormat.annotationLine(null, description, values));
    return this;
  }

  /** Expects a status with this code and description ({@code null} for none). */
  public ExpectedSpan status(Status.CanonicalCode code, String description) {
    status = code.toStatus().withDescription(description);
    return this;
  }

  /** Expects the span kind {@code kind}; by default the span has no kind. */
  public ExpectedSpan kind(Span.Kind expectedKind) {
    kind = expectedKind;
    return this;
  }

  /** Expects these children, in the order they start, after any added before. */
  public ExpectedSpan child(ExpectedSpan... expectedChildren) {
    children.addAll(Arrays.asList(expectedChildren));
    return this;
  }

  static String render(Collection<ExpectedSpan> roots) {
    StringBuilder out = new StringBuilder();
    for (ExpectedSpan root : roots) {
      root.render("", out);
    }
    return out.toString();
  }

  private void render(String indent, StringBuilder out) {
    out.append(indent).append(SpanTreeFormat.spanLine(name, kind, null, attributes, status)).append('\n');
    for (String annotation : annotations) {
      out.append(indent).append("  ").append(annotation).append('\n');
    }
    for (ExpectedSpan child : children) {
      child.render(indent + "  ", out);
    }
  }

  @Override
  public String toString() {
    return render(List.of(this));
  }

  private static AttributeValue toAttributeValue(Object value) {
    if (value instanceof String) {
      return AttributeValue.stringAttributeValue((String) value);
    }
    if (value instanceof Integer || value instanceof Long) {
      return AttributeValue.longAttributeValue(((Number) value).longValue());
    }
    if (value instanceof Double) {
      return AttributeValue.doubleAttributeValue((Double) value);
    }
    if (value instanceof Boolean) {
      return AttributeValue.booleanAttributeValue((Boolean) value);
    }
    throw new IllegalArgumentException("unsupported attribute value: " + value);
  }
}
