package dev.traced.ltw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.bootstrap.weaving.WeavingSelfCheck;
import dev.traced.testing.JvmWarnings;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's own sources compiled by plain javac (no ajc, so no weaving), run as a user without a
 * build plugin runs them: {@code java -javaagent:aspectjweaver.jar -cp ... dev.traced.demo.ReplMain}.
 * The console tree on stderr is the one the compile-time woven demo jar prints.
 */
class DemoUnderAgentTest {

  private static final String WEAVER = System.getProperty("aspectjweaver.jar");

  @TempDir static Path dir;
  static String classPath;

  /** What a finished process printed. */
  private record Result(int exitCode, String stdout, String stderr) {}

  @BeforeAll
  static void compileTheDemoWithPlainJavac() throws IOException {
    String dependencies =
        Files.readString(Path.of(System.getProperty("test.class.path.file"))).strip();
    Path classes = Files.createDirectories(dir.resolve("demo-classes"));
    List<Path> sources;
    try (Stream<Path> files = Files.walk(Path.of(System.getProperty("demo.sources")))) {
      sources = files.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toList());
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    List<String> options =
        List.of(
            "--release", "17", "-parameters", "-Atraced.parameters=true",
            "-d", classes.toString(), "-classpath", dependencies,
            // Listed, as the README says: JDK 23+ runs only listed processors.
            "-processorpath", dependencies);
    try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
      boolean ok =
          compiler.getTask(diagnostics, files, null, options, null, files.getJavaFileObjectsFromPaths(sources)).call();
      assertThat(ok).as(diagnostics.toString()).isTrue();
    }
    classPath = classes + File.pathSeparator + dependencies;
  }

  @Test
  void demoUnderTheAgentPrintsTheSameTreeAsTheWovenDemoAndNothingElse() throws Exception {
    Result result = run(true);

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).isEqualTo("< HELLO" + System.lineSeparator());
    // The same lines DemoJarIT asserts for the compile-time woven jar.
    String[] lines = result.stderr().split("\\R");
    assertThat(lines).as(result.stderr()).hasSize(4);
    assertThat(lines[0]).matches("trace [0-9a-f]{32}");
    assertThat(lines[1]).matches("repl \\d+\\.\\d{3} ms");
    assertThat(lines[2])
        .matches("  @ \\+\\d+\\.\\d{3} ms \"Invoking processLine\" \\{len=5, use=\"repl\"\\}");
    assertThat(lines[3]).matches("  processInput \\d+\\.\\d{3} ms");
  }

  @Test
  void withoutTheAgentTheDemoSaysHowToWeaveAndTracesNothing() throws Exception {
    Result result = run(false);

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).isEqualTo("< HELLO" + System.lineSeparator());
    assertThat(result.stderr())
        .isEqualTo(
            String.format(
                    WeavingSelfCheck.NOT_WOVEN,
                    3,
                    "dev.traced.demo.ProcessInputServer, dev.traced.demo.RemoteProcessor,"
                        + " dev.traced.demo.Repl")
                + System.lineSeparator());
  }

  private static Result run(boolean agent) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (agent) {
      command.add("-javaagent:" + WEAVER);
    }
    command.addAll(
        List.of(
            "-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=9",
            "-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=9",
            "-cp", classPath, "dev.traced.demo.ReplMain"));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("TRACED_") || k.equals("GCP_PROJECT_ID"));
    Process process = builder.start();
    CompletableFuture<byte[]> stdout = readAll(process.getInputStream());
    CompletableFuture<byte[]> stderr = readAll(process.getErrorStream());
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write("hello\n".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("demo exited").isTrue();
    return new Result(
        process.exitValue(),
        new String(stdout.get(), StandardCharsets.UTF_8),
        withoutJvmWarnings(new String(stderr.get(), StandardCharsets.UTF_8)));
  }

  // Under the agent the weaver warns too (AspectJ 1.9.25 uses sun.misc.Unsafe): any class.
  private static String withoutJvmWarnings(String stderr) {
    return JvmWarnings.withoutUnsafeWarnings(stderr, "");
  }

  private static CompletableFuture<byte[]> readAll(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
  }
}
