package dev.traced.annotations.processing;

import javax.lang.model.element.AnnotationMirror;

/** {@code @Annotate}'s description is the whole annotation: a blank one records nothing useful. */
final class DescriptionRule implements MethodRule {

  private final Reporter reporter;
  private final ElementNames names;

  DescriptionRule(Reporter reporter, ElementNames names) {
    this.reporter = reporter;
    this.names = names;
  }

  @Override
  public void check(AnnotatedMethod method) {
    if (method.annotate.isEmpty()) {
      return;
    }
    AnnotationMirror annotate = method.annotate.get();
    // value() has no default, so javac guarantees an explicit value.
    Mirrors.explicit(annotate, "value")
        .filter(value -> Limits.isBlank((String) value.getValue()))
        .ifPresent(
            value ->
                reporter.error(
                    method.element, annotate, value, Messages.ANNOTATE_BLANK,
                    names.describe(method.element)));
  }
}
