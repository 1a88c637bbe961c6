package dev.traced.annotations.processing;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Each type in {@code @Traced(expected = ...)} must be one the method can throw: a checked
 * exception that is neither a subtype nor a supertype of a type in the method's throws clause can
 * never reach the advice. Unchecked types can always be thrown; a method returning a
 * {@code CompletionStage} can complete it with any exception, so its list is not checked.
 */
final class ExpectedExceptionRule implements MethodRule {

  private final Reporter reporter;
  private final ElementNames names;
  private final Types types;
  private final Elements elements;

  ExpectedExceptionRule(Reporter reporter, ElementNames names, Types types, Elements elements) {
    this.reporter = reporter;
    this.names = names;
    this.types = types;
    this.elements = elements;
  }

  @Override
  public void check(AnnotatedMethod method) {
    if (method.traced.isEmpty()) {
      return;
    }
    AnnotationMirror traced = method.traced.get();
    Optional<AnnotationValue> value = Mirrors.explicit(traced, "expected");
    TypeElement runtime = elements.getTypeElement("java.lang.RuntimeException");
    TypeElement error = elements.getTypeElement("java.lang.Error");
    TypeElement stage = elements.getTypeElement("java.util.concurrent.CompletionStage");
    if (value.isEmpty() || runtime == null || error == null || stage == null) {
      return;
    }
    if (types.isAssignable(
        types.erasure(method.element.getReturnType()), types.erasure(stage.asType()))) {
      return;
    }
    Object listed = value.get().getValue();
    if (!(listed instanceof List)) {
      return; // javac reports a malformed value itself
    }
    for (Object item : (List<?>) listed) {
      AnnotationValue entry = (AnnotationValue) item;
      if (!(entry.getValue() instanceof TypeMirror)) {
        continue;
      }
      TypeMirror type = (TypeMirror) entry.getValue();
      if (isChecked(type, runtime.asType(), error.asType()) && !canThrow(method, type)) {
        String simple = types.asElement(type).getSimpleName().toString();
        reporter.error(
            method.element, traced, entry, Messages.EXPECTED_NEVER_THROWN, simple,
            names.describe(method.element), simple);
      }
    }
  }

  // Throwable and Exception are supertypes of RuntimeException: unchecked ones can be thrown.
  private boolean isChecked(TypeMirror type, TypeMirror runtime, TypeMirror error) {
    return !types.isSubtype(type, runtime)
        && !types.isSubtype(type, error)
        && !types.isSubtype(runtime, type);
  }

  private boolean canThrow(AnnotatedMethod method, TypeMirror type) {
    for (TypeMirror thrown : method.element.getThrownTypes()) {
      if (types.isSubtype(type, thrown) || types.isSubtype(thrown, type)) {
        return true;
      }
    }
    return false;
  }
}
