package dev.traced.bootstrap.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.bootstrap.weaving.ClassFileWeaving.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The class-file test behind the weaving self-check, on classes javac compiles here: only members
 * named as ajc names them ({@code ajc$...}, {@code ..._aroundBody...}) count, wherever they are in
 * the class and whatever constant-pool entries come before them; mere strings never do.
 */
class ClassFileWeavingTest {

  /** Class name and body of every class the tests judge; compiled once, in one javac run. */
  private static final Map<String, String> CLASSES = new LinkedHashMap<>();

  static {
    CLASSES.put("AjcField", "int ajc$tjp_0;");
    CLASSES.put("AjcMethod", "void ajc$around(){}");
    CLASSES.put("AroundBody", "void pay_aroundBody0(){}");
    CLASSES.put("AroundBodyEnd", "void pay_aroundBody(){}");
    CLASSES.put("AroundOnly", "void _aroundBody(){}");
    CLASSES.put("AjcAlone", "int ajc;");
    CLASSES.put("AjcInside", "int xajc$y;");
    CLASSES.put("NearMiss", "void pay_aroundBodx0(){} int aroundBody;");
    CLASSES.put(
        "Strings", "String s = \"ajc$x _aroundBody org.aspectj.weaver.WeaverState\";");
    CLASSES.put("Plain", "int total;");
    CLASSES.put("LateMethod", "int a; int b; void c(){} void d(){} void e_aroundBody1(){}");
  }

  /**
   * The compiled classes, once per JVM: javac takes seconds on a loaded machine, and mutation
   * testing runs this class once per mutant of the self-check.
   */
  private static Map<String, byte[]> compiled;

  @BeforeAll
  static synchronized void compileAll() throws IOException {
    if (compiled != null) {
      return;
    }
    Path dir = Files.createTempDirectory("class-file-weaving");
    List<String> arguments = new ArrayList<>(List.of("-d", dir.toString()));
    for (Map.Entry<String, String> entry : CLASSES.entrySet()) {
      Path source = dir.resolve(entry.getKey() + ".java");
      Files.writeString(
          source,
          "import java.util.function.*;\n"
              + "public class " + entry.getKey() + " implements Runnable, java.io.Serializable {\n"
              // Long and double constants take two constant-pool entries; the lambda adds
              // method handles, a method type and an invokedynamic entry.
              + "  static final long BIG = 1234567890123L;\n"
              + "  static final double HALF = 0.5;\n"
              + "  public void run() { Supplier<String> s = () -> \"lambda\"; s.get(); }\n"
              + entry.getValue() + "\n}\n");
      arguments.add(source.toString());
    }
    int exit =
        ToolProvider.getSystemJavaCompiler().run(null, null, null, arguments.toArray(String[]::new));
    assertThat(exit).as("javac exit code").isZero();
    Map<String, byte[]> classes = new LinkedHashMap<>();
    for (String name : CLASSES.keySet()) {
      classes.put(name, Files.readAllBytes(dir.resolve(name + ".class")));
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    }
    compiled = classes;
  }

  private static byte[] classFile(String name) {
    return compiled.get(name);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "AjcField, WOVEN",
    "AjcMethod, WOVEN",
    "AroundBody, WOVEN",
    "AroundBodyEnd, WOVEN",
    "AroundOnly, WOVEN",
    "AjcAlone, NOT_WOVEN",
    "AjcInside, NOT_WOVEN",
    "NearMiss, NOT_WOVEN",
    "Strings, NOT_WOVEN",
    "Plain, NOT_WOVEN",
    "LateMethod, WOVEN",
  })
  void membersNamedByAjcAndOnlyThoseCount(String name, Verdict verdict) {
    assertThat(ClassFileWeaving.of(classFile(name))).isEqualTo(verdict);
  }

  @Test
  void anythingButAClassFileIsUnknown() {
    byte[] valid = classFile("AjcField");
    assertThat(ClassFileWeaving.of(null)).isEqualTo(Verdict.UNKNOWN);
    assertThat(ClassFileWeaving.of(new byte[0])).isEqualTo(Verdict.UNKNOWN);
    assertThat(ClassFileWeaving.of("not a class file".getBytes())).isEqualTo(Verdict.UNKNOWN);
    assertThat(ClassFileWeaving.of(Arrays.copyOf(valid, valid.length / 2))).isEqualTo(Verdict.UNKNOWN);
  }
}
