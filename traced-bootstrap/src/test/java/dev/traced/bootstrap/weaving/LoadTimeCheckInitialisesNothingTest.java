package dev.traced.bootstrap.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.annotations.Traced;
import dev.traced.testing.JvmWarnings;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README, "The start-up check under the agent": the check loads (never initialises) the listed
 * classes whose class files are not woven. A class outside the weaving scope whose static
 * initialiser prints a line is reported, and its initialiser never runs.
 */
class LoadTimeCheckInitialisesNothingTest {

  private static final String INITIALISED = "Ledger's static initialiser ran";

  private static final String LEDGER =
      String.join(
          "\n",
          "package shop;",
          "import dev.traced.annotations.*;",
          "public class Ledger {",
          "  static { System.out.println(\"" + INITIALISED + "\"); }",
          "  @Traced public static long book(long cents) { return cents; }",
          "}",
          "");

  @TempDir Path dir;

  @Test
  void aClassOutsideTheScopeIsReportedWithoutRunningItsStaticInitialiser() throws Exception {
    Path classes = compile();
    Path userConfig = dir.resolve("user-aop");
    Files.createDirectories(userConfig.resolve("META-INF"));
    Files.writeString(
        userConfig.resolve("META-INF/aop.xml"),
        "<aspectj><weaver><exclude within=\"shop.Ledger\"/></weaver></aspectj>\n",
        StandardCharsets.UTF_8);

    String output = JvmWarnings.withoutUnsafeWarnings(run(classes, userConfig), "").strip();

    assertThat(output)
        .isEqualTo(String.format(WeavingSelfCheck.NOT_WOVEN_AT_LOAD, 1, "shop.Ledger"));
  }

  /** Javac with the processor: catalogued, not woven. */
  private Path compile() throws Exception {
    Path source = dir.resolve("src/shop/Ledger.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, LEDGER, StandardCharsets.UTF_8);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    String annotations = FixtureBuild.location(Traced.class);
    List<String> options =
        List.of(
            "--release", "17", "-d", classes.toString(),
            "-classpath", annotations, "-processorpath", annotations);
    try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
      boolean ok =
          compiler
              .getTask(diagnostics, files, null, options, null, files.getJavaFileObjects(source))
              .call();
      assertThat(ok).as(diagnostics.toString()).isTrue();
    }
    return classes;
  }

  /** {@link SelfCheckMain} in a fresh JVM under the agent; its whole output. */
  private static String run(Path classes, Path userConfig) throws Exception {
    return SelfCheckJvm.run(true, List.of(userConfig.toString(), classes.toString()));
  }
}
