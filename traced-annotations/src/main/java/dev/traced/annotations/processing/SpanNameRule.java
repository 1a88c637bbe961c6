package dev.traced.annotations.processing;

import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;

/**
 * {@code @Traced(name = ...)} must give a visible name of at most 128 UTF-8 bytes; an explicit
 * empty name is reported because it reads as "no name" but means the default. A default name
 * ({@code Class.method}) that is too long is reported too.
 */
final class SpanNameRule implements MethodRule {

  private final Reporter reporter;
  private final ElementNames names;

  SpanNameRule(Reporter reporter, ElementNames names) {
    this.reporter = reporter;
    this.names = names;
  }

  /** The span name the aspect gives the method: the explicit name, else {@code Class.method}. */
  static String spanName(AnnotatedMethod method, ElementNames names) {
    String explicit = method.traced.map(m -> Mirrors.explicitString(m, "name")).orElse("");
    return explicit.isEmpty() ? names.defaultSpanName(method.element) : explicit;
  }

  @Override
  public void check(AnnotatedMethod method) {
    if (method.traced.isEmpty()) {
      return;
    }
    AnnotationMirror traced = method.traced.get();
    Optional<AnnotationValue> value = Mirrors.explicit(traced, "name");
    String described = names.describe(method.element);
    String defaultName = names.defaultSpanName(method.element);
    if (value.isPresent()) {
      String name = (String) value.get().getValue();
      if (name.isEmpty()) {
        reporter.error(
            method.element, traced, value.get(), Messages.SPAN_NAME_EMPTY, described, defaultName);
        return;
      }
      if (Limits.isBlank(name)) {
        reporter.error(
            method.element, traced, value.get(), Messages.SPAN_NAME_BLANK, name, described,
            defaultName);
        return;
      }
    }
    String name = spanName(method, names);
    int length = Limits.utf8Length(name);
    if (length > Limits.MAX_NAME_BYTES) {
      reporter.error(
          method.element, traced, value.orElse(null), Messages.SPAN_NAME_TOO_LONG, name,
          described, length, Limits.MAX_NAME_BYTES);
    }
  }
}
