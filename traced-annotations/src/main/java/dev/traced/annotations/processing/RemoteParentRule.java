package dev.traced.annotations.processing;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * A {@code @RemoteParent} parameter is read only by the advice of a {@code @Traced(kind = SERVER)}
 * method, must be a type the aspect can read headers from (a {@code Map} or a {@code Function}),
 * and there is one per method: the span has one parent.
 */
final class RemoteParentRule {

  private final Reporter reporter;
  private final ElementNames names;
  private final Types types;
  private final TypeMirror map;
  private final TypeMirror function;

  RemoteParentRule(Reporter reporter, ElementNames names, Elements elements, Types types) {
    this.reporter = reporter;
    this.names = names;
    this.types = types;
    this.map = types.erasure(elements.getTypeElement("java.util.Map").asType());
    this.function = types.erasure(elements.getTypeElement("java.util.function.Function").asType());
  }

  /** Reports {@code parameter} (marked {@code @RemoteParent}) where it cannot give a parent. */
  void check(VariableElement parameter) {
    if (parameter.getKind() != ElementKind.PARAMETER
        || !(parameter.getEnclosingElement() instanceof ExecutableElement)) {
      return; // @Target(PARAMETER) lets javac reject every other placement itself.
    }
    ExecutableElement executable = (ExecutableElement) parameter.getEnclosingElement();
    AnnotationMirror remoteParent = Mirrors.find(parameter, Mirrors.REMOTE_PARENT).orElseThrow();
    String method = names.describe(executable);
    Object name = parameter.getSimpleName();
    AnnotationMirror traced =
        executable.getKind() == ElementKind.METHOD
            ? Mirrors.find(executable, Mirrors.TRACED).orElse(null)
            : null;
    if (traced == null) {
      reporter.error(parameter, remoteParent, Messages.REMOTE_PARENT_NOT_TRACED, name, method);
      return;
    }
    String kind =
        Mirrors.explicit(traced, "kind").map(value -> value.getValue().toString()).orElse("");
    if (!kind.equals("SERVER")) {
      reporter.error(
          parameter, remoteParent, Messages.REMOTE_PARENT_NOT_SERVER, name, method,
          kind.isEmpty() ? "UNSPECIFIED" : kind);
      return;
    }
    TypeMirror type = types.erasure(parameter.asType());
    if (!types.isAssignable(type, map) && !types.isAssignable(type, function)) {
      reporter.error(
          parameter, remoteParent, Messages.REMOTE_PARENT_TYPE, name, method, parameter.asType());
      return;
    }
    List<? extends VariableElement> parameters = executable.getParameters();
    for (VariableElement earlier : parameters) {
      if (earlier.equals(parameter)) {
        break;
      }
      if (Mirrors.find(earlier, Mirrors.REMOTE_PARENT).isPresent()) {
        reporter.error(
            parameter, remoteParent, Messages.REMOTE_PARENT_TWICE, name, method,
            earlier.getSimpleName());
        return;
      }
    }
  }
}
