package dev.traced.annotations.processing;

import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;

/**
 * An {@code @Attr} parameter is recorded only by the advice of a {@code @Traced} or
 * {@code @Annotate} method; on any other method or on a constructor it does nothing.
 */
final class UnusedAttrRule {

  private final Reporter reporter;
  private final ElementNames names;

  UnusedAttrRule(Reporter reporter, ElementNames names) {
    this.reporter = reporter;
    this.names = names;
  }

  /** Reports {@code parameter} (marked {@code @Attr}) if nothing will record it. */
  void check(VariableElement parameter) {
    if (parameter.getKind() != ElementKind.PARAMETER
        || !(parameter.getEnclosingElement() instanceof ExecutableElement)) {
      return; // @Target(PARAMETER) lets javac reject every other placement itself.
    }
    ExecutableElement executable = (ExecutableElement) parameter.getEnclosingElement();
    if (AnnotatedMethod.of(executable).isPresent()) {
      return;
    }
    String message =
        executable.getKind() == ElementKind.CONSTRUCTOR
            ? Messages.ATTR_ON_CONSTRUCTOR
            : Messages.ATTR_UNUSED;
    Mirrors.find(parameter, Mirrors.ATTR)
        .ifPresent(
            attr ->
                reporter.error(
                    parameter, attr, message, parameter.getSimpleName(),
                    names.describe(executable)));
  }
}
