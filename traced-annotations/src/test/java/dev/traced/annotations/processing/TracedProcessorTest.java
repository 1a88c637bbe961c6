package dev.traced.annotations.processing;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.traced.annotations.processing.Sources.compile;
import static dev.traced.annotations.processing.Sources.source;
import static dev.traced.annotations.processing.Sources.twoByteText;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each rule: a source that breaks it fails at the annotation's line; a correct one compiles cleanly. */
class TracedProcessorTest {

  @Nested
  class AbstractMethods {

    @Test
    void tracedOnAbstractMethodIsAnErrorAtTheAnnotation() {
      JavaFileObject shop =
          source("Shop", "abstract class Shop {", "  @Traced abstract void pay();", "}");

      Compilation compilation = compile(shop);

      assertThat(compilation)
          .hadErrorContaining(String.format(Messages.ABSTRACT_METHOD, "Traced", "Shop.pay()", "Traced"))
          .inFile(shop)
          .onLineContaining("@Traced abstract void pay();");
      assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void tracedOnInterfaceMethodWithoutBodyIsAnError() {
      JavaFileObject shop =
          source("Shop", "interface Shop {", "  @Traced", "  void pay(long id);", "}");

      assertThat(compile(shop))
          .hadErrorContaining(
              String.format(Messages.ABSTRACT_METHOD, "Traced", "Shop.pay(long)", "Traced"))
          .inFile(shop)
          .onLineContaining("@Traced");
    }

    @Test
    void annotateOnAbstractMethodIsAnError() {
      JavaFileObject shop =
          source("Shop", "abstract class Shop {", "  @Annotate(\"paying\") abstract void pay();", "}");

      assertThat(compile(shop))
          .hadErrorContaining(
              String.format(Messages.ABSTRACT_METHOD, "Annotate", "Shop.pay()", "Annotate"))
          .inFile(shop)
          .onLineContaining("@Annotate(\"paying\") abstract void pay();");
    }

    @Test
    void implementationsAndDefaultMethodsCompileWithoutWarnings() {
      JavaFileObject shop =
          source(
              "Shop",
              "interface Shop {",
              "  void pay();",
              "  @Traced @Annotate(\"refund\") default void refund() {}",
              "  class Real implements Shop {",
              "    @Traced @Override public void pay() {}",
              "  }",
              "}");

      assertThat(compile(shop)).succeededWithoutWarnings();
    }
  }

  @Nested
  class NativeMethods {

    @Test
    void tracedOnNativeMethodIsAnError() {
      JavaFileObject shop = source("Shop", "class Shop {", "  @Traced native void pay();", "}");

      assertThat(compile(shop))
          .hadErrorContaining(String.format(Messages.NATIVE_METHOD, "Traced", "Shop.pay()"))
          .inFile(shop)
          .onLineContaining("@Traced native void pay();");
    }

    @Test
    void tracedJavaMethodCallingANativeOneCompilesWithoutWarnings() {
      JavaFileObject shop =
          source("Shop", "class Shop {", "  native void pay0();", "  @Traced void pay() { pay0(); }", "}");

      assertThat(compile(shop)).succeededWithoutWarnings();
    }
  }

  @Nested
  class SpanNames {

    @Test
    void explicitEmptyNameIsAnError() {
      JavaFileObject shop =
          source("Shop", "class Shop {", "  @Traced(name = \"\")", "  void pay() {}", "}");

      assertThat(compile(shop))
          .hadErrorContaining(String.format(Messages.SPAN_NAME_EMPTY, "Shop.pay()", "Shop.pay"))
          .inFile(shop)
          .onLineContaining("@Traced(name = \"\")");
    }

    @Test
    void blankNameIsAnError() {
      JavaFileObject shop =
          source("Shop", "class Shop {", "  @Traced(name = \" \\t\")", "  void pay() {}", "}");

      assertThat(compile(shop))
          .hadErrorContaining(
              String.format(Messages.SPAN_NAME_BLANK, " \t", "Shop.pay()", "Shop.pay"))
          .inFile(shop)
          .onLineContaining("@Traced(name = \" \\t\")");
    }

    @Test
    void nameOver128Utf8BytesIsAnError() {
      String name = twoByteText(130); // 65 characters, 130 bytes
      JavaFileObject shop =
          source("Shop", "class Shop {", "  @Traced(name = \"" + name + "\")", "  void pay() {}", "}");

      assertThat(compile(shop))
          .hadErrorContaining(
              String.format(Messages.SPAN_NAME_TOO_LONG, name, "Shop.pay()", 130, 128))
          .inFile(shop)
          .onLineContaining("@Traced(name = \"");
    }

    @Test
    void defaultNameOver128BytesIsAnErrorAtTheAnnotation() {
      String method = "p".repeat(124); // "Shop." + 124 = 129 bytes
      JavaFileObject shop =
          source("Shop", "class Shop {", "  @Traced", "  void " + method + "() {}", "}");

      assertThat(compile(shop))
          .hadErrorContaining(
              String.format(
                  Messages.SPAN_NAME_TOO_LONG, "Shop." + method, "Shop." + method + "()", 129, 128))
          .inFile(shop)
          .onLineContaining("@Traced");
    }

    @Test
    void namesUpTo128BytesAndDefaultNamesCompileWithoutWarnings() {
      JavaFileObject shop =
          source(
              "Shop",
              "class Shop {",
              "  @Traced(name = \"" + twoByteText(128) + "\") void pay() {}",
              "  @Traced void refund() {}",
              "}");

      assertThat(compile(shop)).succeededWithoutWarnings();
    }
  }

  @Nested
  class Descriptions {

    @Test
    void blankAnnotateDescriptionIsAnError() {
      JavaFileObject shop =
          source("Shop", "class Shop {", "  @Annotate(\"  \")", "  void pay() {}", "}");

      assertThat(compile(shop))
          .hadErrorContaining(String.format(Messages.ANNOTATE_BLANK, "Shop.pay()"))
          .inFile(shop)
          .onLineContaining("@Annotate(\"  \")");
    }

    @Test
    void describedAnnotationCompilesWithoutWarnings() {
      JavaFileObject shop =
          source("Shop", "class Shop {", "  @Annotate(\"charging card\") void pay() {}", "}");

      assertThat(compile(shop)).succeededWithoutWarnings();
    }
  }

  @Nested
  class AttributeKeys {

    @Test
    void emptyConstantKeyIsAnErrorAtTheAttribute() {
      JavaFileObject shop =
          source(
              "Shop",
              "class Shop {",
              "  @Annotate(value = \"paying\",",
              "      attributes = @Attribute(key = \"\", value = \"x\"))",
              "  void pay() {}",
              "}");

      assertThat(compile(shop))
          .hadErrorContaining(
              String.format(Messages.KEY_BLANK, "", "@Attribute of @Annotate on Shop.pay()"))
          .inFile(shop)
          .onLineContaining("attributes = @Attribute(key = \"\", value = \"x\"))");
    }

    @Test
    void blankExplicitAttrKeyIsAnErrorAtTheParameter() {
      JavaFileObject shop =
          source("Shop", "class Shop {", "  @Traced", "  void pay(", "      @Attr(\" \") long id) {}", "}");

      assertThat(compile(shop))
          .hadErrorContaining(
              String.format(Messages.KEY_BLANK, " ", "@Attr on parameter id of Shop.pay(long)"))
          .inFile(shop)
          .onLineContaining("@Attr(\" \") long id) {}");
    }

    @Test
    void keyOver128Utf8BytesIsAnError() {
      String key = twoByteText(129);
      JavaFileObject shop =
          source(
              "Shop",
              "class Shop {",
              "  @Traced",
              "  void pay(",
              "      @Attr(\"" + key + "\") long id) {}",
              "}");

      assertThat(compile(shop))
          .hadErrorContaining(
              String.format(
                  Messages.KEY_TOO_LONG, key, "@Attr on parameter id of Shop.pay(long)", 129, 128))
          .inFile(shop)
          .onLineContaining("@Attr(\"");
    }

    @Test
    void keyDuplicatedAcrossConstantAndParameterIsAnErrorAtTheSecond() {
      JavaFileObject shop =
          source(
              "Shop",
              "class Shop {",
              "  @Annotate(value = \"paying\", attributes = @Attribute(key = \"amount\", value = \"x\"))",
              "  void pay(",
              "      @Attr(\"amount\") double total) {}",
              "}");

      assertThat(compile(shop))
          .hadErrorContaining(
              String.format(Messages.KEY_DUPLICATE, "amount", "the @Annotate of Shop.pay(double)"))
          .inFile(shop)
          .onLineContaining("@Attr(\"amount\") double total) {}");
    }

    @Test
    void keyDuplicatedAmongConstantsIsAnError() {
      JavaFileObject shop =
          source(
              "Shop",
              "class Shop {",
              "  @Annotate(value = \"paying\", attributes = {",
              "      @Attribute(key = \"k\", value = \"1\"),",
              "      @Attribute(key = \"k\", value = \"2\")})",
              "  void pay() {}",
              "}");

      assertThat(compile(shop))
          .hadErrorContaining(String.format(Messages.KEY_DUPLICATE, "k", "the @Annotate of Shop.pay()"))
          .inFile(shop)
          .onLineContaining("@Attribute(key = \"k\", value = \"2\")})");
    }

    @Test
    void derivedKeyDuplicatingAnExplicitOneIsAnErrorOnATracedMethod() {
      JavaFileObject shop =
          source(
              "Shop",
              "class Shop {",
              "  @Traced",
              "  void pay(@Attr(\"id\") long order,",
              "      @Attr long id) {}",
              "}");

      assertThat(compile(shop))
          .hadErrorContaining(
              String.format(Messages.KEY_DUPLICATE, "id", "the span attributes of Shop.pay(long, long)"))
          .inFile(shop)
          .onLineContaining("@Attr long id) {}");
    }

    @Test
    void distinctKeysUpTo128BytesCompileWithoutWarnings() {
      JavaFileObject shop =
          source(
              "Shop",
              "class Shop {",
              "  @Traced @Annotate(value = \"paying\", attributes = @Attribute(key = \"gateway\", value = \"x\"))",
              "  void pay(@Attr(\"" + twoByteText(128) + "\") double amount, @Attr long id) {}",
              "}");

      assertThat(compile(shop)).succeededWithoutWarnings();
    }
  }

  @Nested
  class UnusedAttr {

    @Test
    void attrOnMethodWithoutTracedOrAnnotateIsAnError() {
      JavaFileObject shop =
          source("Shop", "class Shop {", "  void pay(", "      @Attr(\"id\") long id) {}", "}");

      assertThat(compile(shop))
          .hadErrorContaining(String.format(Messages.ATTR_UNUSED, "id", "Shop.pay(long)"))
          .inFile(shop)
          .onLineContaining("@Attr(\"id\") long id) {}");
    }

    @Test
    void attrOnConstructorParameterIsAnError() {
      JavaFileObject shop =
          source("Shop", "class Shop {", "  Shop(", "      @Attr(\"id\") long id) {}", "}");

      assertThat(compile(shop))
          .hadErrorContaining(String.format(Messages.ATTR_ON_CONSTRUCTOR, "id", "Shop(long)"))
          .inFile(shop)
          .onLineContaining("@Attr(\"id\") long id) {}");
    }

    @Test
    void attrOnTracedOnlyMethodCompilesWithoutWarnings() {
      JavaFileObject shop =
          source("Shop", "class Shop {", "  @Traced void pay(@Attr(\"id\") long id) {}", "}");

      assertThat(compile(shop)).succeededWithoutWarnings();
    }
  }

  @Nested
  class DerivedKeys {

    private final JavaFileObject shop =
        source("Shop", "class Shop {", "  @Traced", "  void pay(", "      @Attr long orderId) {}", "}");

    @Test
    void derivedKeyWithoutDeclaredParametersOptionIsAnErrorNamingTheFix() {
      Compilation compilation = compile(List.of("-parameters"), shop);

      assertThat(compilation)
          .hadErrorContaining(
              String.format(
                  Messages.ATTR_NAME_UNKNOWN, "orderId", "Shop.pay(long)", "orderId",
                  "traced.parameters"))
          .inFile(shop)
          .onLineContaining("@Attr long orderId) {}");
    }

    @Test
    void derivedKeyInBuildDeclaredWithoutParametersIsAnError() {
      Compilation compilation = compile(List.of("-Atraced.parameters=false"), shop);

      assertThat(compilation)
          .hadErrorContaining(
              String.format(
                  Messages.ATTR_NAME_WITHOUT_PARAMETERS, "orderId", "Shop.pay(long)",
                  "traced.parameters", 0, "orderId"))
          .inFile(shop)
          .onLineContaining("@Attr long orderId) {}");
    }

    @Test
    void malformedParametersOptionIsAnError() {
      Compilation compilation = compile(List.of("-Atraced.parameters=yes"), shop);

      assertThat(compilation)
          .hadErrorContaining(String.format(Messages.BAD_OPTION, "traced.parameters", "yes"));
    }

    @Test
    void derivedKeyInBuildDeclaringParametersCompilesWithoutWarnings() {
      assertThat(compile(shop)).succeededWithoutWarnings();
    }

    @Test
    void explicitKeyNeedsNoOption() {
      JavaFileObject explicit =
          source("Shop", "class Shop {", "  @Traced void pay(@Attr(\"orderId\") long orderId) {}", "}");

      assertThat(compile(List.of("-Xlint:all", "-Xlint:-processing"), explicit))
          .succeededWithoutWarnings();
    }
  }
}
