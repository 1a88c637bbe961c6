package dev.traced.annotations.processing;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.traced.annotations.processing.Sources.compile;
import static dev.traced.annotations.processing.Sources.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog lists every traced method with a body, survives partial recompiles, and forgets nothing. */
class SpanCatalogTest {

  @Test
  void catalogListsTracedMethodsWithBinaryClassNamesAndSpanNames() throws IOException {
    JavaFileObject shop =
        source(
            "Shop",
            "abstract class Shop {",
            "  @Traced(name = \"checkout\") void checkout() {}",
            "  @Traced void pay() {}",
            "  @Annotate(\"only annotated\") void log() {}",
            "  static class Money { @Traced static long cents(double d) { return 0; } }",
            "}");

    Compilation compilation = compile(shop);

    assertThat(compilation).succeededWithoutWarnings();
    String catalog =
        compilation
            .generatedFile(StandardLocation.CLASS_OUTPUT, SpanCatalogWriter.PATH)
            .orElseThrow()
            .getCharContent(true)
            .toString();
    assertThat(catalog.lines().filter(line -> !line.startsWith("#")))
        .containsExactly(
            "shop.Shop\tcheckout\tcheckout",
            "shop.Shop\tpay\tShop.pay",
            "shop.Shop$Money\tcents\tMoney.cents");
  }

  @Test
  void catalogListsTheMethodsAClassLevelTracedTraces() throws IOException {
    JavaFileObject shop =
        source(
            "Shop",
            "@Traced abstract class Shop {",
            "  void pay() {}",
            "  abstract void refund();",
            "  @NotTraced void skip() {}",
            "  @Traced(name = \"own\") void own() {}",
            "  @Override public String toString() { return \"\"; }",
            "  public static void main(String[] args) {}",
            "  static void main(int args) {}",
            "  static class Money { long cents() { return 0; } }",
            "}");

    Compilation compilation = compile(shop);

    assertThat(compilation).succeededWithoutWarnings();
    String catalog =
        compilation
            .generatedFile(StandardLocation.CLASS_OUTPUT, SpanCatalogWriter.PATH)
            .orElseThrow()
            .getCharContent(true)
            .toString();
    assertThat(catalog.lines().filter(line -> !line.startsWith("#")))
        .containsExactly(
            "shop.Shop\tmain\tShop.main", "shop.Shop\town\town", "shop.Shop\tpay\tShop.pay");
  }

  @Test
  void moduleWithoutTracedMethodsGetsNoCatalog(@TempDir Path dir) throws IOException {
    // Real javac and file manager: compile-testing's in-memory one lists any file asked for.
    Path src = Files.createDirectories(dir.resolve("src/shop"));
    Path classes = Files.createDirectories(dir.resolve("classes"));

    javac(classes, write(src, "Plain", "class Plain { void pay(@Deprecated long id) {} }"));

    assertThat(classes.resolve("shop/Plain.class")).exists();
    assertThat(classes.resolve(SpanCatalogWriter.PATH)).doesNotExist();
  }

  @Test
  void partialRecompileKeepsLinesOfClassesNotRecompiledAndReplacesTheOthers(@TempDir Path dir)
      throws IOException {
    Path src = dir.resolve("src/shop");
    Files.createDirectories(src);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path cart = write(src, "Cart", "class Cart { @Traced void add() {} }");
    Path shop = write(src, "Shop", "class Shop { @Traced void pay() {} }");
    javac(classes, cart, shop);

    // Shop changes and is recompiled alone, as an IDE or an incremental build does.
    write(src, "Shop", "class Shop { @Traced(name = \"paying\") void pay() {} @Traced void refund() {} }");
    javac(classes, shop);
    javac(classes, shop); // twice: a rebuild with an up-to-date catalog must not fail either

    assertThat(catalogLines(classes))
        .containsExactly(
            "shop.Cart\tadd\tCart.add", "shop.Shop\tpay\tpaying", "shop.Shop\trefund\tShop.refund");
  }

  @Test
  void recompiledNestedClassesLoseTheirOldLinesToo(@TempDir Path dir) throws IOException {
    Path src = Files.createDirectories(dir.resolve("src/shop"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path shop =
        write(src, "Shop", "class Shop { static class Money { static class Cents { @Traced void round() {} } } }");
    javac(classes, shop);
    assertThat(catalogLines(classes)).containsExactly("shop.Shop$Money$Cents\tround\tCents.round");

    // The nested class's method is no longer traced: its line must go with the recompile.
    write(src, "Shop", "class Shop { @Traced void pay() {} static class Money { static class Cents { void round() {} } } }");
    javac(classes, shop);

    assertThat(catalogLines(classes)).containsExactly("shop.Shop\tpay\tShop.pay");
  }

  private static Path write(Path dir, String name, String body) throws IOException {
    Path file = dir.resolve(name + ".java");
    Files.writeString(
        file, "package shop;\nimport dev.traced.annotations.*;\n" + body + "\n", StandardCharsets.UTF_8);
    return file;
  }

  private static void javac(Path classes, Path... sources) throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
      List<String> options =
          List.of(
              "-d", classes.toString(),
              "-classpath", System.getProperty("java.class.path") + java.io.File.pathSeparator + classes,
              // Explicit, as users' builds do: JDK 23+ no longer runs processors found on the class path.
              "-processorpath", System.getProperty("java.class.path"),
              "-Atraced.parameters=true");
      boolean ok =
          compiler
              .getTask(diagnostics, files, null, options, null, files.getJavaFileObjects(sources))
              .call();
      assertThat(ok).as(diagnostics.toString()).isTrue();
    }
  }

  private static List<String> catalogLines(Path classes) throws IOException {
    try (Stream<String> lines = Files.lines(classes.resolve(SpanCatalogWriter.PATH))) {
      return lines.filter(line -> !line.startsWith("#")).collect(Collectors.toList());
    }
  }
}
