package dev.traced.annotations.processing;

import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;

/**
 * {@code @NotTraced} only takes a method out of its class's {@code @Traced}: it is reported on a
 * method whose class has no class-level {@code @Traced}, and on a method that has {@code @Traced}
 * itself (which wins).
 */
final class NotTracedRule {

  private final Reporter reporter;
  private final ElementNames names;

  NotTracedRule(Reporter reporter, ElementNames names) {
    this.reporter = reporter;
    this.names = names;
  }

  /** Reports {@code element} (marked {@code @NotTraced}) if the annotation does nothing. */
  void check(Element element) {
    if (element.getKind() != ElementKind.METHOD) {
      return; // @Target(METHOD): javac rejects every other placement itself.
    }
    ExecutableElement method = (ExecutableElement) element;
    Mirrors.find(method, Mirrors.NOT_TRACED)
        .ifPresent(
            notTraced -> {
              String described = names.describe(method);
              if (Mirrors.find(method, Mirrors.TRACED).isPresent()) {
                reporter.error(method, notTraced, Messages.NOT_TRACED_AND_TRACED, described);
              } else if (Mirrors.find(method.getEnclosingElement(), Mirrors.TRACED).isEmpty()) {
                reporter.error(
                    method, notTraced, Messages.NOT_TRACED_WITHOUT_CLASS, described,
                    method.getEnclosingElement().getSimpleName());
              }
            });
  }
}
