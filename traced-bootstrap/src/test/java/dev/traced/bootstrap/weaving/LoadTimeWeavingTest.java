package dev.traced.bootstrap.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load-time weaving probes in the tests' own JVM: which {@code -javaagent:} arguments start
 * AspectJ's weaver (judged by the agent jar's manifest, whatever the jar is called), and which
 * loaded classes carry the members the weaver adds. {@code LoadTimeSelfCheckTest} checks the same
 * end to end in JVMs started with the real agent.
 */
class LoadTimeWeavingTest {

  @TempDir static Path dir;
  static Path classes;

  /** Classes with each kind of weaver-added member alone, and one with none. */
  @BeforeAll
  static void compileMarkedClasses() throws IOException {
    classes = Files.createDirectories(dir.resolve("classes"));
    compile(
        "gen.FieldMarked", "package gen; public class FieldMarked { static int ajc$tjp_0; }",
        "gen.AjcMethodMarked", "package gen; public class AjcMethodMarked { void ajc$preClinit() {} }",
        "gen.AroundBodyMarked",
            "package gen; public class AroundBodyMarked { long pay_aroundBody0(double a) { return 0; } }",
        "gen.Plain",
            "package gen; public class Plain { static int tjp; int ajc; void aroundBody() {} void pay() {} }",
        "gen.FailsToInitialise",
            "package gen; public class FailsToInitialise {"
                + " static { if (true) throw new IllegalStateException(\"initialised\"); } }",
        "gen.Missing", "package gen; public class Missing {}",
        "gen.NeedsMissing", "package gen; public class NeedsMissing extends Missing {}");
    Files.delete(classes.resolve("gen/Missing.class")); // NeedsMissing cannot be linked
  }

  private static URLClassLoader loader() throws IOException {
    return new URLClassLoader(new URL[] {classes.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
  }

  @Test
  void aLoadedClassWithAjcFieldsOrMethodsOrAroundBodiesIsWoven() throws IOException {
    try (URLClassLoader loader = loader()) {
      assertThat(LoadTimeWeaving.ofLoaded("gen.FieldMarked", loader))
          .isEqualTo(ClassFileWeaving.Verdict.WOVEN);
      assertThat(LoadTimeWeaving.ofLoaded("gen.AjcMethodMarked", loader))
          .isEqualTo(ClassFileWeaving.Verdict.WOVEN);
      assertThat(LoadTimeWeaving.ofLoaded("gen.AroundBodyMarked", loader))
          .isEqualTo(ClassFileWeaving.Verdict.WOVEN);
    }
  }

  @Test
  void aLoadedClassWithoutThoseMembersIsNotWoven() throws IOException {
    try (URLClassLoader loader = loader()) {
      assertThat(LoadTimeWeaving.ofLoaded("gen.Plain", loader))
          .isEqualTo(ClassFileWeaving.Verdict.NOT_WOVEN);
    }
  }

  @Test
  void theClassIsLoadedButNotInitialised() throws IOException {
    try (URLClassLoader loader = loader()) {
      assertThat(LoadTimeWeaving.ofLoaded("gen.FailsToInitialise", loader))
          .isEqualTo(ClassFileWeaving.Verdict.NOT_WOVEN);
    }
  }

  @Test
  void aClassThatCannotBeLoadedOrLinkedIsUnknown() throws IOException {
    try (URLClassLoader loader = loader()) {
      assertThat(LoadTimeWeaving.ofLoaded("gen.Absent", loader))
          .isEqualTo(ClassFileWeaving.Verdict.UNKNOWN);
      assertThat(LoadTimeWeaving.ofLoaded("gen.NeedsMissing", loader))
          .isEqualTo(ClassFileWeaving.Verdict.UNKNOWN);
    }
  }

  @Test
  void theAgentIsRecognisedByItsManifestWhateverTheJarIsCalled() throws IOException {
    Path renamed = agentJar("renamed-weaver.jar", LoadTimeWeaving.AGENT);

    assertThat(LoadTimeWeaving.agentActive(List.of("-Xmx64m", "-javaagent:" + renamed))).isTrue();
  }

  @Test
  void agentOptionsAfterAnEqualsSignAreNotPartOfTheJar() throws IOException {
    Path weaver = agentJar("aspectjweaver-with-options.jar", LoadTimeWeaving.AGENT);

    assertThat(LoadTimeWeaving.agentActive(List.of("-javaagent:" + weaver + "=verbose=true")))
        .isTrue();
  }

  @Test
  void otherAgentsUnreadableJarsAndOtherArgumentsAreNotTheWeaver() throws IOException {
    Path other = agentJar("other-agent.jar", "com.example.OtherAgent");
    Path noManifest = dir.resolve("no-manifest.jar");
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(noManifest))) {
      jar.putNextEntry(new ZipEntry("a.txt"));
      jar.write('a');
    }
    Path notAJar = Files.writeString(dir.resolve("not-a.jar"), "text");
    Path weaver = agentJar("aspectjweaver-unused.jar", LoadTimeWeaving.AGENT);

    assertThat(
            LoadTimeWeaving.agentActive(
                List.of(
                    "-javaagent:" + other,
                    "-javaagent:" + noManifest,
                    "-javaagent:" + notAJar,
                    "-javaagent:" + dir.resolve("absent.jar"),
                    "-javaagent:",
                    // Named, but not as an agent: on the class path or in a property.
                    "-Dweaver=-javaagent:" + weaver,
                    "-Xbootclasspath/a:" + weaver)))
        .isFalse();
    assertThat(LoadTimeWeaving.agentActive(List.of())).isFalse();
  }

  @Test
  void theTestsJvmRunsNoWeaverAgent() {
    // Surefire's and PIT's JVMs may run agents of their own, but not AspectJ's.
    assertThat(LoadTimeWeaving.agentActive()).isFalse();
  }

  private static Path agentJar(String name, String premainClass) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Premain-Class", premainClass);
    Path jar = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream ignored = new JarOutputStream(out, manifest)) {
      // The manifest alone.
    }
    return jar;
  }

  /** Compiles pairs of (binary class name, source) into {@link #classes}. */
  private static void compile(String... namesAndSources) throws IOException {
    Path sources = Files.createDirectories(dir.resolve("src"));
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < namesAndSources.length; i += 2) {
      Path file = sources.resolve(namesAndSources[i].replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, namesAndSources[i + 1], StandardCharsets.UTF_8);
      files.add(file);
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, null)) {
      boolean ok =
          javac
              .getTask(
                  diagnostics, fileManager, null,
                  List.of("--release", "17", "-proc:none", "-d", classes.toString()),
                  null, fileManager.getJavaFileObjectsFromPaths(files))
              .call();
      assertThat(ok).as(diagnostics.toString()).isTrue();
    }
  }
}
