package dev.traced.annotations.processing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;

/**
 * A method carrying {@code @Traced} and/or {@code @Annotate}, or traced by its class's
 * {@code @Traced} ({@link ClassTracing}), as the rules see it.
 */
final class AnnotatedMethod {

  /** A parameter marked {@code @Attr}, with its position in the parameter list. */
  static final class AttrParameter {
    final VariableElement parameter;
    final AnnotationMirror attr;
    final int index;

    AttrParameter(VariableElement parameter, AnnotationMirror attr, int index) {
      this.parameter = parameter;
      this.attr = attr;
      this.index = index;
    }
  }

  final ExecutableElement element;
  final Optional<AnnotationMirror> traced;
  final Optional<AnnotationMirror> annotate;
  /** The class-level {@code @Traced} that traces this method (never with {@link #traced}). */
  final Optional<AnnotationMirror> byClass;

  private AnnotatedMethod(
      ExecutableElement element,
      Optional<AnnotationMirror> traced,
      Optional<AnnotationMirror> annotate,
      Optional<AnnotationMirror> byClass) {
    this.element = element;
    this.traced = traced;
    this.annotate = annotate;
    this.byClass = byClass;
  }

  /** The method's view, or empty when it has neither annotation and its class traces it not. */
  static Optional<AnnotatedMethod> of(ExecutableElement element) {
    Optional<AnnotationMirror> traced = Mirrors.find(element, Mirrors.TRACED);
    Optional<AnnotationMirror> annotate = Mirrors.find(element, Mirrors.ANNOTATE);
    Optional<AnnotationMirror> byClass = ClassTracing.tracingClassAnnotation(element);
    if (traced.isEmpty() && annotate.isEmpty() && byClass.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new AnnotatedMethod(element, traced, annotate, byClass));
  }

  /** Whether the aspect gives the method a span: its own or its class's {@code @Traced}. */
  boolean isTraced() {
    return traced.isPresent() || byClass.isPresent();
  }

  /** The {@code @Attr} parameters, in declaration order. */
  List<AttrParameter> attrParameters() {
    List<AttrParameter> result = new ArrayList<>();
    List<? extends VariableElement> parameters = element.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      VariableElement parameter = parameters.get(i);
      int index = i;
      Mirrors.find(parameter, Mirrors.ATTR)
          .ifPresent(attr -> result.add(new AttrParameter(parameter, attr, index)));
    }
    return result;
  }
}
