package dev.traced.aspects;

import dev.traced.annotations.Annotate;
import dev.traced.annotations.Attr;
import dev.traced.annotations.Attribute;
import dev.traced.annotations.Traced;
import io.opencensus.trace.AttributeValue;
import io.opencensus.trace.Span;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.reflect.MethodSignature;

/**
 * What the aspect needs to know about one woven method, read once by reflection: its span name
 * and kind, the options of its {@code @Traced} (its own, else its class's), the description and
 * constant attributes of its {@code @Annotate}, and which parameters are {@code @Attr}ibutes under
 * which keys.
 */
final class MethodSite {

  private final String spanName;
  private final Span.Kind kind;
  private final TracedOptions options;
  private final String annotationDescription;
  private final Map<String, AttributeValue> constantAttributes;
  private final int[] attributeParameterIndexes;
  private final String[] attributeParameterKeys;

  private MethodSite(
      String spanName,
      Span.Kind kind,
      TracedOptions options,
      String annotationDescription,
      Map<String, AttributeValue> constantAttributes,
      int[] attributeParameterIndexes,
      String[] attributeParameterKeys) {
    this.spanName = spanName;
    this.kind = kind;
    this.options = options;
    this.annotationDescription = annotationDescription;
    this.constantAttributes = constantAttributes;
    this.attributeParameterIndexes = attributeParameterIndexes;
    this.attributeParameterKeys = attributeParameterKeys;
  }

  /** Reads the site of a method execution join point. */
  static MethodSite resolve(JoinPoint.StaticPart joinPoint) {
    MethodSignature signature = (MethodSignature) joinPoint.getSignature();
    Method method = signature.getMethod();
    String defaultName = simpleName(signature.getDeclaringType()) + "." + signature.getName();

    Annotate annotate = method.getAnnotation(Annotate.class);
    Map<String, AttributeValue> constants = new LinkedHashMap<>();
    if (annotate != null) {
      for (Attribute attribute : annotate.attributes()) {
        constants.put(attribute.key(), AttributeValues.of(attribute.value()));
      }
    }

    List<Integer> indexes = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    Parameter[] parameters = method.getParameters();
    for (int i = 0; i < parameters.length; i++) {
      Attr attr = parameters[i].getAnnotation(Attr.class);
      if (attr != null) {
        indexes.add(i);
        keys.add(attr.value().isEmpty() ? parameters[i].getName() : attr.value());
      }
    }
    // A method's own @Traced replaces its class's; a class-level one gives no name (processor).
    Traced own = method.getAnnotation(Traced.class);
    Class<?> declaring = signature.getDeclaringType();
    Traced traced = own != null ? own : declaring.getAnnotation(Traced.class);
    String spanName = own != null && !own.name().isEmpty() ? own.name() : defaultName;
    return new MethodSite(
        spanName,
        kindOf(traced),
        TracedOptions.of(traced),
        annotate == null ? null : annotate.value(),
        Collections.unmodifiableMap(constants),
        indexes.stream().mapToInt(Integer::intValue).toArray(),
        keys.toArray(new String[0]));
  }

  /** OpenCensus' kind for the method's {@code @Traced(kind)}; {@code null} when unspecified. */
  private static Span.Kind kindOf(Traced traced) {
    if (traced == null) {
      return null;
    }
    switch (traced.kind()) {
      case SERVER:
        return Span.Kind.SERVER;
      case CLIENT:
        return Span.Kind.CLIENT;
      default:
        return null;
    }
  }

  /** {@code Checkout.pay}: the simple class name (binary name for anonymous classes). */
  private static String simpleName(Class<?> type) {
    String simple = type.getSimpleName();
    if (!simple.isEmpty()) {
      return simple;
    }
    // Anonymous classes have no simple name; "Outer$1" still says where the code is.
    String binary = type.getName();
    return binary.substring(binary.lastIndexOf('.') + 1);
  }

  /** The span name: the method's {@code @Traced(name)}, else {@code SimpleClassName.method}. */
  String spanName() {
    return spanName;
  }

  /** The expected exceptions, result key and new-trace option of the method's spans. */
  TracedOptions options() {
    return options;
  }

  /** The span kind, or {@code null} for none. */
  Span.Kind kind() {
    return kind;
  }

  /** The description of the method's {@code @Annotate}, or {@code null} without one. */
  String annotationDescription() {
    return annotationDescription;
  }

  Map<String, AttributeValue> constantAttributes() {
    return constantAttributes;
  }

  /** The constant attributes followed by the non-null {@code @Attr} arguments of one call. */
  Map<String, AttributeValue> attributes(Object[] args) {
    // A HashMap sized to never resize: OpenCensus copies the map into a HashMap of its own, so
    // an ordered (bigger) map would buy nothing.
    int size = constantAttributes.size() + attributeParameterIndexes.length;
    Map<String, AttributeValue> attributes = new HashMap<>(size * 4 / 3 + 1);
    attributes.putAll(constantAttributes);
    putParameterAttributes(attributes, args);
    return attributes;
  }

  /** Adds the non-null {@code @Attr} arguments of one call to {@code attributes}. */
  void putParameterAttributes(Map<String, AttributeValue> attributes, Object[] args) {
    for (int i = 0; i < attributeParameterIndexes.length; i++) {
      AttributeValue value = AttributeValues.of(args[attributeParameterIndexes[i]]);
      if (value != null) {
        attributes.put(attributeParameterKeys[i], value);
      }
    }
  }
}
