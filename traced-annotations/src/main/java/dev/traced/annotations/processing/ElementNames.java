package dev.traced.annotations.processing;

import java.util.StringJoiner;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Names elements the way messages and the catalog show them: {@code Shop.pay(Order, double)} for
 * a method, {@code Shop.pay} for its default span name (as the aspect names it), and binary class
 * names ({@code com.shop.Shop$Money}) for the catalog.
 */
final class ElementNames {

  private final Elements elements;

  ElementNames(Elements elements) {
    this.elements = elements;
  }

  /** {@code Shop.pay(Order, double)}; a constructor is {@code Shop(long)}. */
  String describe(ExecutableElement method) {
    StringJoiner parameters = new StringJoiner(", ", "(", ")");
    for (VariableElement parameter : method.getParameters()) {
      parameters.add(simpleTypeName(parameter.asType()));
    }
    String owner = declaringType(method).getSimpleName().toString();
    String name = method.getSimpleName().toString();
    return (name.equals("<init>") ? owner : owner + "." + name) + parameters;
  }

  /** The span name the aspect uses when {@code @Traced} gives none: {@code Shop.pay}. */
  String defaultSpanName(ExecutableElement method) {
    return declaringType(method).getSimpleName() + "." + method.getSimpleName();
  }

  /** {@code com.shop.Shop$Money}: the name {@code Class.forName} and class loaders use. */
  String binaryName(ExecutableElement method) {
    return elements.getBinaryName(declaringType(method)).toString();
  }

  static TypeElement declaringType(Element member) {
    return (TypeElement) member.getEnclosingElement();
  }

  private static String simpleTypeName(TypeMirror type) {
    if (type.getKind() == TypeKind.DECLARED) {
      return ((DeclaredType) type).asElement().getSimpleName().toString();
    }
    if (type.getKind() == TypeKind.ARRAY) {
      return simpleTypeName(((javax.lang.model.type.ArrayType) type).getComponentType()) + "[]";
    }
    return type.toString();
  }
}
