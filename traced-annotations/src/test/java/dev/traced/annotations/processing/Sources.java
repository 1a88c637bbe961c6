package dev.traced.annotations.processing;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/** Test sources in package {@code shop}, compiled with the processor as a user's build runs it. */
final class Sources {

  /** The options of the recommended build: lint on, -parameters confirmed to the processor. */
  static final List<String> BUILD_OPTIONS =
      List.of("-Xlint:all", "-Xlint:-processing", "-parameters", "-Atraced.parameters=true");

  private Sources() {}

  /** {@code shop.<name>} from {@code lines}; line 1 is the package clause. */
  static JavaFileObject source(String name, String... lines) {
    List<String> all = new ArrayList<>();
    all.add("package shop;");
    all.add("import dev.traced.annotations.*;");
    all.addAll(List.of(lines));
    return JavaFileObjects.forSourceLines("shop." + name, all);
  }

  static Compilation compile(JavaFileObject source) {
    return compile(BUILD_OPTIONS, source);
  }

  static Compilation compile(List<String> options, JavaFileObject source) {
    return javac().withProcessors(new TracedProcessor()).withOptions(options).compile(source);
  }

  /** {@code "é"} repeated: two UTF-8 bytes per character, so byte limits are not char limits. */
  static String twoByteText(int bytes) {
    return "é".repeat(bytes / 2) + (bytes % 2 == 1 ? "e" : "");
  }
}
