package dev.traced.annotations.processing;

import java.util.Locale;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;

/**
 * A class-level {@code @Traced} is supported on classes, enums and records (not on interfaces or
 * annotation types), and takes no {@code name} (it would name every method's span alike) and no
 * {@code recordResult} (methods return different things).
 */
final class ClassTracedRule {

  private final Reporter reporter;

  ClassTracedRule(Reporter reporter) {
    this.reporter = reporter;
  }

  /** Reports misuse of the {@code @Traced} on {@code type}, if it has one. */
  void check(TypeElement type) {
    Mirrors.find(type, Mirrors.TRACED).ifPresent(traced -> check(type, traced));
  }

  private void check(TypeElement type, AnnotationMirror traced) {
    String name = type.getSimpleName().toString();
    if (!ClassTracing.SUPPORTED_KINDS.contains(type.getKind())) {
      String kind = type.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' ');
      reporter.error(type, traced, Messages.CLASS_TRACED_UNSUPPORTED, kind, name);
      return;
    }
    Mirrors.explicit(traced, "name")
        .ifPresent(
            value ->
                reporter.error(
                    type, traced, value, Messages.CLASS_TRACED_NAME, value.getValue(), name));
    Mirrors.explicit(traced, "recordResult")
        .ifPresent(
            value ->
                reporter.error(
                    type, traced, value, Messages.CLASS_TRACED_RECORD_RESULT, value.getValue(),
                    name));
  }
}
