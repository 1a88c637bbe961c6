package dev.traced.annotations.processing;

import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Reads annotations as mirrors rather than as reflective proxies: a mirror tells an explicit value
 * from a default, and lets a diagnostic point at the value itself (its file and line).
 */
final class Mirrors {

  static final String TRACED = "dev.traced.annotations.Traced";
  static final String ANNOTATE = "dev.traced.annotations.Annotate";
  static final String ATTR = "dev.traced.annotations.Attr";
  static final String REMOTE_PARENT = "dev.traced.annotations.RemoteParent";
  static final String NOT_TRACED = "dev.traced.annotations.NotTraced";

  private Mirrors() {}

  /** The annotation of type {@code qualifiedName} on {@code element}, if present. */
  static Optional<AnnotationMirror> find(Element element, String qualifiedName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(qualifiedName)) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  /** The value written in the source for {@code member}; empty when it is left to its default. */
  static Optional<AnnotationValue> explicit(AnnotationMirror mirror, String member) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(member)) {
        return Optional.of(entry.getValue());
      }
    }
    return Optional.empty();
  }

  /** The string written for {@code member}, or {@code ""} when it is left to its default. */
  static String explicitString(AnnotationMirror mirror, String member) {
    return explicit(mirror, member).map(value -> (String) value.getValue()).orElse("");
  }
}
