package dev.traced.annotations.processing;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * {@code @Traced(recordResult = key)} needs a value to record: not on a {@code void} method, nor
 * on one returning {@code CompletionStage<Void>} (or a subtype such as
 * {@code CompletableFuture<Void>}); its key follows the attribute key rules (not blank, at most
 * 128 UTF-8 bytes).
 */
final class RecordResultRule implements MethodRule {

  private final Reporter reporter;
  private final ElementNames names;
  private final Types types;
  private final Elements elements;

  RecordResultRule(Reporter reporter, ElementNames names, Types types, Elements elements) {
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
    Optional<AnnotationValue> value = Mirrors.explicit(traced, "recordResult");
    if (value.isEmpty()) {
      return;
    }
    String key = (String) value.get().getValue();
    String described = names.describe(method.element);
    if (Limits.isBlank(key)) {
      reporter.error(
          method.element, traced, value.get(), Messages.KEY_BLANK, key,
          "@Traced(recordResult) on " + described);
      return;
    }
    int length = Limits.utf8Length(key);
    if (length > Limits.MAX_NAME_BYTES) {
      reporter.error(
          method.element, traced, value.get(), Messages.KEY_TOO_LONG, key,
          "@Traced(recordResult) on " + described, length, Limits.MAX_NAME_BYTES);
      return;
    }
    TypeMirror returned = method.element.getReturnType();
    if (returned.getKind() == TypeKind.VOID || isStageOfVoid(returned)) {
      reporter.error(
          method.element, traced, value.get(), Messages.RECORD_RESULT_NO_VALUE, key, described,
          returned);
    }
  }

  private boolean isStageOfVoid(TypeMirror returned) {
    TypeElement stage = elements.getTypeElement("java.util.concurrent.CompletionStage");
    TypeElement voidType = elements.getTypeElement("java.lang.Void");
    if (stage == null || voidType == null || returned.getKind() != TypeKind.DECLARED) {
      return false;
    }
    // The type as a CompletionStage<T>: T of CompletableFuture<Void> is Void too.
    for (TypeMirror supertype : allSupertypes(returned)) {
      if (types.isSameType(types.erasure(supertype), types.erasure(stage.asType()))) {
        List<? extends TypeMirror> arguments = ((DeclaredType) supertype).getTypeArguments();
        return arguments.size() == 1 && types.isSameType(arguments.get(0), voidType.asType());
      }
    }
    return false;
  }

  private List<TypeMirror> allSupertypes(TypeMirror type) {
    List<TypeMirror> result = new java.util.ArrayList<>();
    java.util.ArrayDeque<TypeMirror> pending = new java.util.ArrayDeque<>();
    pending.add(type);
    while (!pending.isEmpty()) {
      TypeMirror next = pending.poll();
      result.add(next);
      pending.addAll(types.directSupertypes(next));
    }
    return result;
  }
}
