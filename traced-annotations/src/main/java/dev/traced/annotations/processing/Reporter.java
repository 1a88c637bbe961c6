package dev.traced.annotations.processing;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports rule violations as compile errors at the annotated element, so the compiler prints the
 * file and line of the annotation (or of the offending value) with the message.
 */
final class Reporter {

  private final Messager messager;

  Reporter(Messager messager) {
    this.messager = messager;
  }

  /** An error at {@code value} of {@code annotation} on {@code element}; null narrows less. */
  void error(
      Element element,
      AnnotationMirror annotation,
      AnnotationValue value,
      String format,
      Object... args) {
    messager.printMessage(
        Diagnostic.Kind.ERROR, String.format(format, args), element, annotation, value);
  }

  /** An error at {@code annotation} on {@code element}. */
  void error(Element element, AnnotationMirror annotation, String format, Object... args) {
    messager.printMessage(Diagnostic.Kind.ERROR, String.format(format, args), element, annotation);
  }

  /** A warning at {@code element}, or with no position when {@code element} is null. */
  void warning(Element element, String format, Object... args) {
    messager.printMessage(Diagnostic.Kind.WARNING, String.format(format, args), element);
  }

  /** An error with no position, for failures that belong to no element. */
  void error(String format, Object... args) {
    messager.printMessage(Diagnostic.Kind.ERROR, String.format(format, args));
  }
}
