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

  @Nested
  class RecordResult {

    @Test
    void recordResultOnVoidMethodIsAnErrorAtTheValue() {
      JavaFileObject shop =
          source("Shop", "class Shop {", "  @Traced(recordResult = \"done\")", "  void pay() {}", "}");

      Compilation compilation = compile(shop);

      assertThat(compilation)
          .hadErrorContaining(
              String.format(Messages.RECORD_RESULT_NO_VALUE, "done", "Shop.pay()", "void"))
          .inFile(shop)
          .onLineContaining("@Traced(recordResult = \"done\")");
      assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void recordResultOnFutureOfVoidIsAnError() {
      JavaFileObject shop =
          source(
              "Shop",
              "class Shop {",
              "  @Traced(recordResult = \"done\")",
              "  java.util.concurrent.CompletableFuture<Void> pay() { return null; }",
              "}");

      assertThat(compile(shop))
          .hadErrorContaining(
              String.format(
                  Messages.RECORD_RESULT_NO_VALUE, "done", "Shop.pay()",
                  "java.util.concurrent.CompletableFuture<java.lang.Void>"))
          .inFile(shop)
          .onLineContaining("@Traced(recordResult = \"done\")");
    }

    @Test
    void blankResultKeyIsAnError() {
      JavaFileObject shop =
          source("Shop", "class Shop {", "  @Traced(recordResult = \" \")", "  int stock() { return 1; }", "}");

      assertThat(compile(shop))
          .hadErrorContaining(
              String.format(Messages.KEY_BLANK, " ", "@Traced(recordResult) on Shop.stock()"))
          .inFile(shop)
          .onLineContaining("recordResult = \" \"");
    }

    @Test
    void recordResultOnValueAndStageOfValueCompilesWithoutWarnings() {
      JavaFileObject shop =
          source(
              "Shop",
              "class Shop {",
              "  @Traced(recordResult = \"stock\") int stock() { return 1; }",
              "  @Traced(recordResult = \"id\")",
              "  java.util.concurrent.CompletionStage<String> id() { return null; }",
              "}");

      assertThat(compile(shop)).succeededWithoutWarnings();
    }
  }

  @Nested
  class ExpectedExceptions {

    @Test
    void checkedExceptionTheMethodCannotThrowIsAnErrorAtTheValue() {
      JavaFileObject shop =
          source(
              "Shop",
              "class Shop {",
              "  @Traced(expected = {IllegalStateException.class,",
              "      java.io.IOException.class})",
              "  String find() { return \"\"; }",
              "}");

      Compilation compilation = compile(shop);

      assertThat(compilation)
          .hadErrorContaining(
              String.format(
                  Messages.EXPECTED_NEVER_THROWN, "IOException", "Shop.find()", "IOException"))
          .inFile(shop)
          .onLineContaining("java.io.IOException.class})");
      assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void declaredSubtypesAndSupertypesUncheckedAndAsyncCompileWithoutWarnings() {
      JavaFileObject shop =
          source(
              "Shop",
              "class Shop {",
              "  @Traced(expected = java.io.IOException.class)",
              "  String find() throws java.io.FileNotFoundException { return \"\"; }",
              "  @Traced(expected = java.io.FileNotFoundException.class)",
              "  String open() throws java.io.IOException { return \"\"; }",
              "  @Traced(expected = {IllegalArgumentException.class, Exception.class})",
              "  String parse() { return \"\"; }",
              "  @Traced(expected = java.io.IOException.class)",
              "  java.util.concurrent.CompletableFuture<String> later() { return null; }",
              "}");

      assertThat(compile(shop)).succeededWithoutWarnings();
    }
  }

  @Nested
  class ClassLevel {

    @Test
    void notTracedWithoutClassLevelTracedIsAnError() {
      JavaFileObject shop =
          source("Shop", "class Shop {", "  @NotTraced void pay() {}", "}");

      assertThat(compile(shop))
          .hadErrorContaining(String.format(Messages.NOT_TRACED_WITHOUT_CLASS, "Shop.pay()", "Shop"))
          .inFile(shop)
          .onLineContaining("@NotTraced void pay()");
    }

    @Test
    void notTracedTogetherWithTracedIsAnError() {
      JavaFileObject shop =
          source("Shop", "@Traced class Shop {", "  @Traced @NotTraced void pay() {}", "}");

      assertThat(compile(shop))
          .hadErrorContaining(String.format(Messages.NOT_TRACED_AND_TRACED, "Shop.pay()"))
          .inFile(shop)
          .onLineContaining("@NotTraced void pay()");
    }

    @Test
    void classLevelTracedOnInterfaceIsAnError() {
      JavaFileObject shop =
          source("Shop", "@Traced", "interface Shop {", "  default void pay() {}", "}");

      assertThat(compile(shop))
          .hadErrorContaining(
              String.format(Messages.CLASS_TRACED_UNSUPPORTED, "interface", "Shop"))
          .inFile(shop)
          .onLineContaining("@Traced");
    }

    @Test
    void classLevelNameIsAnErrorAtTheValue() {
      JavaFileObject shop =
          source("Shop", "@Traced(kind = SpanKind.CLIENT,", "    name = \"shop\")", "class Shop {}");

      assertThat(compile(shop))
          .hadErrorContaining(String.format(Messages.CLASS_TRACED_NAME, "shop", "Shop"))
          .inFile(shop)
          .onLineContaining("name = \"shop\")");
    }

    @Test
    void classLevelRecordResultIsAnError() {
      JavaFileObject shop =
          source("Shop", "@Traced(recordResult = \"r\")", "class Shop {}");

      assertThat(compile(shop))
          .hadErrorContaining(String.format(Messages.CLASS_TRACED_RECORD_RESULT, "r", "Shop"))
          .inFile(shop)
          .onLineContaining("@Traced(recordResult");
    }

    @Test
    void attrOnMethodOfTracedClassIsUsedAndTheKeyRulesApply() {
      JavaFileObject shop =
          source("Shop", "@Traced class Shop {", "  void pay(@Attr(\" \") long id) {}", "}");

      assertThat(compile(shop))
          .hadErrorContaining(
              String.format(Messages.KEY_BLANK, " ", "@Attr on parameter id of Shop.pay(long)"))
          .inFile(shop)
          .onLineContaining("void pay(@Attr");
    }

    @Test
    void tracedClassesEnumsRecordsWithOptOutsCompileWithoutWarnings() {
      JavaFileObject shop =
          source(
              "Shop",
              "@Traced(kind = SpanKind.CLIENT, expected = IllegalStateException.class)",
              "class Shop {",
              "  void pay(@Attr(\"id\") long id) {}",
              "  @NotTraced void skip() {}",
              "  @Traced(name = \"own\", recordResult = \"r\") int own() { return 1; }",
              "  @Traced enum Size { S; int weight() { return 1; } }",
              "  @Traced record Price(long cents) { long doubled() { return cents * 2; } }",
              "}");

      assertThat(compile(shop)).succeededWithoutWarnings();
    }
  }
}
