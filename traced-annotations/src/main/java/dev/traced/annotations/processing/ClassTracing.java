package dev.traced.annotations.processing;

import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeKind;

/**
 * Which methods a class-level {@code @Traced} traces, as the aspect's {@code tracedByClass}
 * pointcut decides: methods with a body declared in a class, enum or record annotated
 * {@code @Traced}, without their own {@code @Traced} or {@code @NotTraced}, except
 * {@code toString()}, {@code equals(Object)}, {@code hashCode()} and {@code static void
 * main(String[])} (it usually starts tracing, so its span would be unsampled). (Constructors, lambdas,
 * synthetic and bridge methods are not elements a processor sees as methods.)
 */
final class ClassTracing {

  /** Kinds of types whose class-level {@code @Traced} is supported. */
  static final Set<ElementKind> SUPPORTED_KINDS =
      Set.of(ElementKind.CLASS, ElementKind.ENUM, ElementKind.RECORD);

  private ClassTracing() {}

  /** The class's {@code @Traced} that traces {@code element}, or empty when none does. */
  static Optional<AnnotationMirror> tracingClassAnnotation(ExecutableElement element) {
    if (element.getKind() != ElementKind.METHOD
        || element.getModifiers().contains(Modifier.ABSTRACT)
        || element.getModifiers().contains(Modifier.NATIVE)
        || Mirrors.find(element, Mirrors.TRACED).isPresent()
        || Mirrors.find(element, Mirrors.NOT_TRACED).isPresent()
        || isObjectMethod(element)
        || isMainMethod(element)) {
      return Optional.empty();
    }
    Element owner = element.getEnclosingElement();
    if (!SUPPORTED_KINDS.contains(owner.getKind())) {
      return Optional.empty();
    }
    return Mirrors.find(owner, Mirrors.TRACED);
  }

  /** {@code static void main(String[])}: never traced by a class. */
  static boolean isMainMethod(ExecutableElement method) {
    return method.getSimpleName().contentEquals("main")
        && method.getModifiers().contains(Modifier.STATIC)
        && method.getReturnType().getKind() == TypeKind.VOID
        && method.getParameters().size() == 1
        && method.getParameters().get(0).asType().toString().equals("java.lang.String[]");
  }

  /** {@code toString()}, {@code hashCode()} or {@code equals(Object)}: never traced by a class. */
  static boolean isObjectMethod(ExecutableElement method) {
    String name = method.getSimpleName().toString();
    int parameters = method.getParameters().size();
    if (parameters == 0) {
      return name.equals("toString") || name.equals("hashCode");
    }
    return parameters == 1
        && name.equals("equals")
        && method.getParameters().get(0).asType().getKind() == TypeKind.DECLARED
        && method.getParameters().get(0).asType().toString().equals("java.lang.Object");
  }
}
