package dev.traced.annotations.processing;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * The keys of one attribute set (the {@code @Annotate}'s constant attributes and {@code @Attr}
 * parameters, or a {@code @Traced} method's {@code @Attr} parameters) must be visible, at most 128
 * UTF-8 bytes and unique; a key derived from a parameter name needs {@code -parameters}.
 */
final class AttributeKeyRule implements MethodRule {

  private final Reporter reporter;
  private final ElementNames names;
  private final ParameterNames parameterNames;

  AttributeKeyRule(Reporter reporter, ElementNames names, ParameterNames parameterNames) {
    this.reporter = reporter;
    this.names = names;
    this.parameterNames = parameterNames;
  }

  @Override
  public void check(AnnotatedMethod method) {
    String described = names.describe(method.element);
    // With @Annotate the @Attr parameters join the annotation; else they are span attributes.
    String set =
        method.annotate.isPresent()
            ? "the @Annotate of " + described
            : "the span attributes of " + described;
    Set<String> seen = new HashSet<>();
    method.annotate.ifPresent(annotate -> checkConstants(method, annotate, described, set, seen));
    for (AnnotatedMethod.AttrParameter attr : method.attrParameters()) {
      checkParameter(attr, described, set, seen);
    }
  }

  private void checkConstants(
      AnnotatedMethod method,
      AnnotationMirror annotate,
      String described,
      String set,
      Set<String> seen) {
    Optional<AnnotationValue> attributes = Mirrors.explicit(annotate, "attributes");
    if (attributes.isEmpty()) {
      return;
    }
    @SuppressWarnings("unchecked") // An array member's value is always a list of values.
    List<? extends AnnotationValue> values =
        (List<? extends AnnotationValue>) attributes.get().getValue();
    for (AnnotationValue value : values) {
      AnnotationMirror attribute = (AnnotationMirror) value.getValue();
      // key() has no default, so javac guarantees an explicit value.
      AnnotationValue key = Mirrors.explicit(attribute, "key").orElseThrow();
      String where = "@Attribute of @Annotate on " + described;
      check(method.element, attribute, key, (String) key.getValue(), where, set, seen);
    }
  }

  private void checkParameter(
      AnnotatedMethod.AttrParameter attr,
      String described,
      String set,
      Set<String> seen) {
    String parameter = attr.parameter.getSimpleName().toString();
    Optional<AnnotationValue> explicit =
        Mirrors.explicit(attr.attr, "value").filter(v -> !((String) v.getValue()).isEmpty());
    String where = "@Attr on parameter " + parameter + " of " + described;
    if (explicit.isEmpty()) {
      checkDerived(attr, parameter, described);
      // Still checked for duplicates and length: at source level the name is the real one.
      check(attr.parameter, attr.attr, null, parameter, where, set, seen);
      return;
    }
    check(
        attr.parameter, attr.attr, explicit.get(), (String) explicit.get().getValue(), where, set,
        seen);
  }

  private void checkDerived(AnnotatedMethod.AttrParameter attr, String parameter, String described) {
    if (parameterNames == ParameterNames.UNKNOWN) {
      reporter.error(
          attr.parameter, attr.attr, Messages.ATTR_NAME_UNKNOWN, parameter, described, parameter,
          ParameterNames.OPTION);
    } else if (parameterNames == ParameterNames.DROPPED) {
      reporter.error(
          attr.parameter, attr.attr, Messages.ATTR_NAME_WITHOUT_PARAMETERS, parameter, described,
          ParameterNames.OPTION, attr.index, parameter);
    }
  }

  private void check(
      Element element,
      AnnotationMirror mirror,
      AnnotationValue value,
      String key,
      String where,
      String set,
      Set<String> seen) {
    if (Limits.isBlank(key)) {
      reporter.error(element, mirror, value, Messages.KEY_BLANK, key, where);
      return;
    }
    int length = Limits.utf8Length(key);
    if (length > Limits.MAX_NAME_BYTES) {
      reporter.error(
          element, mirror, value, Messages.KEY_TOO_LONG, key, where, length, Limits.MAX_NAME_BYTES);
      return;
    }
    if (!seen.add(key)) {
      reporter.error(element, mirror, value, Messages.KEY_DUPLICATE, key, set);
    }
  }
}
