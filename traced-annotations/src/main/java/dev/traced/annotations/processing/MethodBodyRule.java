package dev.traced.annotations.processing;

import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Modifier;

/**
 * The aspect weaves method bodies: on an abstract method (including an interface method without a
 * body) or a native method, {@code @Traced} and {@code @Annotate} do nothing.
 */
final class MethodBodyRule implements MethodRule {

  private final Reporter reporter;
  private final ElementNames names;

  MethodBodyRule(Reporter reporter, ElementNames names) {
    this.reporter = reporter;
    this.names = names;
  }

  /** Whether the aspect can weave the method: it has a body compiled from Java source. */
  static boolean hasBody(AnnotatedMethod method) {
    return !method.element.getModifiers().contains(Modifier.ABSTRACT)
        && !method.element.getModifiers().contains(Modifier.NATIVE);
  }

  @Override
  public void check(AnnotatedMethod method) {
    report(method, method.traced, "Traced");
    report(method, method.annotate, "Annotate");
  }

  private void report(AnnotatedMethod method, Optional<AnnotationMirror> mirror, String name) {
    if (mirror.isEmpty()) {
      return;
    }
    String described = names.describe(method.element);
    // Interface methods without a body are implicitly abstract, so one test covers both.
    if (method.element.getModifiers().contains(Modifier.ABSTRACT)) {
      reporter.error(method.element, mirror.get(), Messages.ABSTRACT_METHOD, name, described, name);
    } else if (method.element.getModifiers().contains(Modifier.NATIVE)) {
      reporter.error(method.element, mirror.get(), Messages.NATIVE_METHOD, name, described);
    }
  }
}
