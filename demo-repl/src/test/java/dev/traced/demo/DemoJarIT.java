package dev.traced.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.devtools.cloudtrace.v2.AttributeValue;
import com.google.devtools.cloudtrace.v2.Span;
import dev.traced.testing.FakeCloudTrace;
import dev.traced.testing.JvmWarnings;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code demo-repl.jar} as a separate process with piped input, as a user runs it:
 * stdout, exit code, and the spans that reach Cloud Trace or the console.
 */
class DemoJarIT {

  private static final Path JAR = Paths.get(System.getProperty("demo.jar", "target/demo-repl.jar"));

  /** What a finished process left behind. */
  private record Result(int exitCode, String stdout, String stderr, Duration took) {}

  private static Process launch(Map<String, String> env, String... properties) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    // Nothing may leave loopback: the Stackdriver exporter and Google's credential lookup probe
    // cloud metadata hosts.
    command.addAll(
        List.of(
            "-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=9",
            "-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=9"));
    command.addAll(List.of(properties));
    command.addAll(List.of("-jar", JAR.toString()));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("TRACED_") || k.equals("GCP_PROJECT_ID"));
    builder.environment().putAll(env);
    return builder.start();
  }

  private static Result run(byte[] input, Map<String, String> env, String... properties)
      throws Exception {
    long started = System.nanoTime();
    Process process = launch(env, properties);
    CompletableFuture<byte[]> stdout = readAll(process.getInputStream());
    CompletableFuture<byte[]> stderr = readAll(process.getErrorStream());
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(input);
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("demo exited").isTrue();
    return new Result(
        process.exitValue(),
        new String(stdout.get(), StandardCharsets.UTF_8),
        withoutJvmWarnings(new String(stderr.get(), StandardCharsets.UTF_8)),
        Duration.ofNanos(System.nanoTime() - started));
  }

  // Only OpenCensus' Disruptor (com.lmax) may make the JVM warn: the demo itself must not.
  static String withoutJvmWarnings(String stderr) {
    return JvmWarnings.withoutUnsafeWarnings(stderr, "com.lmax.");
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

  private static String nl(String text) {
    return text.replace("\n", System.lineSeparator());
  }

  private static void assertQuickstartTraces(FakeCloudTrace cloudTrace, int... lengths) {
    List<Span> spans = cloudTrace.spans();
    Map<String, List<Span>> byTrace =
        spans.stream().collect(Collectors.groupingBy(s -> s.getName().split("/")[3]));
    assertThat(byTrace).hasSize(lengths.length);
    List<Long> seenLengths = new ArrayList<>();
    for (List<Span> trace : byTrace.values()) {
      assertThat(trace).hasSize(2);
      Span repl = trace.stream().filter(s -> s.getDisplayName().getValue().equals("repl")).findFirst().orElseThrow();
      Span child = trace.stream().filter(s -> s.getDisplayName().getValue().equals("processInput")).findFirst().orElseThrow();
      assertThat(repl.getName()).startsWith("projects/demo-project/traces/");
      assertThat(repl.getParentSpanId()).isEmpty();
      assertThat(child.getParentSpanId()).isEqualTo(repl.getSpanId());
      assertThat(repl.getTimeEvents().getTimeEventCount()).isEqualTo(1);
      Span.TimeEvent.Annotation annotation = repl.getTimeEvents().getTimeEvent(0).getAnnotation();
      assertThat(annotation.getDescription().getValue()).isEqualTo("Invoking processLine");
      Map<String, AttributeValue> attributes = annotation.getAttributes().getAttributeMapMap();
      assertThat(attributes).containsOnlyKeys("len", "use");
      assertThat(attributes.get("use").getStringValue().getValue()).isEqualTo("repl");
      seenLengths.add(attributes.get("len").getIntValue());
    }
    List<Long> expected = new ArrayList<>();
    for (int length : lengths) {
      expected.add((long) length);
    }
    assertThat(seenLengths).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void pipedInputReachesCloudTraceAsTheQuickstartTreeAndExitsZero() throws Exception {
    try (FakeCloudTrace cloudTrace = FakeCloudTrace.start()) {
      Result result =
          run(
              "hello\nworld!\n".getBytes(StandardCharsets.UTF_8),
              Map.of("GCP_PROJECT_ID", "demo-project"),
              "-Dtraced.stackdriver.emulator-host=" + cloudTrace.hostAndPort());

      assertThat(result.exitCode()).isZero();
      assertThat(result.stdout()).isEqualTo(nl("< HELLO\n< WORLD!\n"));
      assertThat(result.stderr()).isEmpty();
      assertQuickstartTraces(cloudTrace, 5, 6);
    }
  }

  @Test
  void defaultExporterPrintsTheTreeOnStderrWithoutAnyAccount() throws Exception {
    Result result = run("hello\n".getBytes(StandardCharsets.UTF_8), Map.of());

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).isEqualTo(nl("< HELLO\n"));
    String[] lines = result.stderr().split("\\R");
    assertThat(lines).hasSize(4);
    assertThat(lines[0]).matches("trace [0-9a-f]{32}");
    assertThat(lines[1]).matches("repl \\d+\\.\\d{3} ms");
    assertThat(lines[2])
        .matches("  @ \\+\\d+\\.\\d{3} ms \"Invoking processLine\" \\{len=5, use=\"repl\"\\}");
    assertThat(lines[3]).matches("  processInput \\d+\\.\\d{3} ms");
  }

  @Test
  void oddInputIsHandledEndToEnd() throws Exception {
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    input.write("\n".getBytes(StandardCharsets.UTF_8)); // empty line
    input.write(new byte[] {'a', (byte) 0xc3, '\n'}); // truncated UTF-8 sequence
    input.write(("y".repeat(1 << 20) + "\n").getBytes(StandardCharsets.UTF_8)); // 1 MB line
    try (FakeCloudTrace cloudTrace = FakeCloudTrace.start()) {
      Result result =
          run(
              input.toByteArray(),
              Map.of(),
              "-Dtraced.stackdriver.project-id=demo-project",
              "-Dtraced.stackdriver.emulator-host=" + cloudTrace.hostAndPort());

      assertThat(result.exitCode()).isZero();
      assertThat(result.stdout())
          .isEqualTo(nl("< \n< A\uFFFD\n< " + "Y".repeat(1 << 20) + "\n"));
      assertThat(result.stderr()).isEmpty();
      assertQuickstartTraces(cloudTrace, 0, 2, 1 << 20);
    }
  }

  @Test
  void demoRunsUntracedWhenOpenCensusCannotStart() throws Exception {
    assumeTrue(Runtime.version().feature() >= 23, "needs --sun-misc-unsafe-memory-access (JDK 23+)");
    // The announced future default: OpenCensus' Disruptor may not use sun.misc.Unsafe.
    Result result =
        run("hello\n".getBytes(StandardCharsets.UTF_8), Map.of(),
            "--sun-misc-unsafe-memory-access=deny");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).isEqualTo(nl("< HELLO\n"));
    // One line in total: the bootstrap's; the aspect does not repeat it with a stack trace.
    assertThat(theOneLine(result)).startsWith("[traced] OpenCensus cannot start (");
  }

  /** Asserts that stderr is exactly one line and returns it. */
  private static String theOneLine(Result result) {
    assertThat(result.stderr()).as(result.stderr()).endsWith(System.lineSeparator());
    assertThat(result.stderr().split("\\R", -1)).as(result.stderr()).hasSize(2);
    return result.stderr().strip();
  }

  @Test
  void hugeFlushTimeoutFailsAtStartWithOneLineNotAtClose() throws Exception {
    Result result = run("hello\n".getBytes(StandardCharsets.UTF_8),
        Map.of("TRACED_FLUSH_TIMEOUT", "9999999999s"));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stdout()).isEmpty();
    assertThat(theOneLine(result))
        .isEqualTo(
            "[traced.flush.timeout] environment variable TRACED_FLUSH_TIMEOUT=\"9999999999s\" is"
                + " not a duration from 1ms to 10m: use a whole number with ms, s or m, such as"
                + " 500ms or 5s");
  }

  @Test
  void credentialsFileThatIsNoKeyFailsWithOneLineThatNamesButNeverQuotesIt(@TempDir Path home)
      throws Exception {
    String apiKey = "AIzaSyD-THIS-IS-A-SECRET-0123456789abcde";
    Path key = Files.writeString(home.resolve("key.txt"), apiKey + "\n");
    Result result =
        run(new byte[0],
            Map.of("GCP_PROJECT_ID", "demo-project", "GOOGLE_APPLICATION_CREDENTIALS",
                key.toString()),
            "-Duser.home=" + home);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(theOneLine(result))
        .startsWith(
            "[traced.exporter] stackdriver cannot use the credentials file"
                + " GOOGLE_APPLICATION_CREDENTIALS=" + key + ": it is not JSON")
        .doesNotContain(apiKey.substring(0, 6))
        .doesNotContain("SECRET");
  }

  @Test
  void badSettingFailsAtStartWithOneLineAndExitCodeTwo() throws Exception {
    Result result = run(new byte[0], Map.of("TRACED_EXPORTER", "stackdrivr"));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr())
        .isEqualTo(
            nl(
                "[traced.exporter] environment variable TRACED_EXPORTER=\"stackdrivr\" is not an"
                    + " exporter list: use one or more of stackdriver, zipkin, console, zpages,"
                    + " logging, none, separated by commas\n"));
  }

  @Test
  void terminationSignalStillFlushesSpansToCloudTrace() throws Exception {
    try (FakeCloudTrace cloudTrace = FakeCloudTrace.start()) {
      Process process =
          launch(
              Map.of("GCP_PROJECT_ID", "demo-project"),
              "-Dtraced.stackdriver.emulator-host=" + cloudTrace.hostAndPort());
      CompletableFuture<byte[]> stderr = readAll(process.getErrorStream());
      BufferedReader stdout =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      OutputStream stdin = process.getOutputStream();
      stdin.write("interrupted\n".getBytes(StandardCharsets.UTF_8));
      stdin.flush();
      // The answer is printed after the span work, so its span has ended by now.
      assertThat(stdout.readLine()).isEqualTo("< INTERRUPTED");

      // Stop it as Ctrl-C would (SIGTERM runs the same shutdown hooks as SIGINT), input open.
      process.destroy();
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
      stdin.close();
      assertThat(withoutJvmWarnings(new String(stderr.get(), StandardCharsets.UTF_8))).isEmpty();
      assertQuickstartTraces(cloudTrace, 11);
    }
  }

  @Test
  void blockedStderrCannotHoldTheExitLongerThanTheFlushTimeout() throws Exception {
    // stderr is a pipe nobody reads (as `2>fifo` with an idle reader): once its ~64 KB buffer is
    // full, every write to it blocks for good.
    Duration flushTimeout = Duration.ofSeconds(2);
    Process process = launch(Map.of(), "-Dtraced.flush.timeout=" + flushTimeout.toMillis() + "ms");
    try {
      StringBuilder input = new StringBuilder();
      for (int i = 1; i <= 3_000; i++) {
        input.append(i).append('\n'); // 3,000 console trees: far more than the pipe holds
      }
      CompletableFuture<Void> writing =
          CompletableFuture.runAsync(
              () -> {
                try (OutputStream stdin = process.getOutputStream()) {
                  stdin.write(input.toString().getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      BufferedReader stdout =
          new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      // Not up to end of stream: that comes only at exit, which is what is being measured.
      assertThat(stdout.readLine()).isEqualTo("< 1");
      String last = null;
      for (int i = 2; i <= 3_000; i++) {
        last = stdout.readLine();
      }
      long lastAnswer = System.nanoTime();
      assertThat(last).isEqualTo("< 3000");
      writing.get(10, TimeUnit.SECONDS);

      boolean exited = process.waitFor(flushTimeout.toSeconds() + 20, TimeUnit.SECONDS);
      Duration afterInput = Duration.ofNanos(System.nanoTime() - lastAnswer);
      assertThat(exited).as("exited with stderr blocked").isTrue();
      assertThat(process.exitValue()).isZero();
      // The flush timeout, 0.5 s for the last lines, and about 1 s to close and exit the JVM on
      // a loaded 2-core machine (measured 0.9-1.7 s with stderr to /dev/null).
      assertThat(afterInput).isLessThan(flushTimeout.plusSeconds(3));
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void zpagesListsTheWovenSpansOnLoopback() throws Exception {
    Process process = launch(Map.of(), "-Dtraced.exporter=zpages", "-Dtraced.zpages.port=0");
    BufferedReader stdout =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    BufferedReader stderr =
        new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
    try (OutputStream stdin = process.getOutputStream()) {
      String announced = stderr.readLine();
      while (announced != null && announced.startsWith("WARNING: ")) {
        announced = stderr.readLine(); // the JVM's own sun.misc.Unsafe warnings on JDK 24+
      }
      assertThat(announced).matches("\\[traced\\] zPages: http://127\\.0\\.0\\.1:\\d+/tracez");
      stdin.write("zpages\n".getBytes(StandardCharsets.UTF_8));
      stdin.flush();
      assertThat(stdout.readLine()).isEqualTo("< ZPAGES");

      String url = announced.substring(announced.indexOf("http://"));
      String page = "";
      // The span store is filled on OpenCensus' own thread, a moment after the span ends.
      for (int attempt = 0; attempt < 50 && !page.contains("processInput"); attempt++) {
        page =
            HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        Thread.sleep(100);
      }
      assertThat(page).contains(">repl<").contains(">processInput<");
    }
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
  }

  @Test
  void promptIsShownOnATerminal() throws Exception {
    Path script = Paths.get("/usr/bin/script");
    assumeTrue(Files.isExecutable(script), "needs util-linux script(1) to provide a terminal");
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    // script(1) runs the demo on a pseudo-terminal, as when a person types into it.
    Process process =
        new ProcessBuilder(
                script.toString(), "-qfec",
                java + " -Dtraced.exporter=none -jar " + JAR.toAbsolutePath(), "/dev/null")
            .redirectErrorStream(true)
            .start();
    StringBuffer screenSoFar = new StringBuffer();
    Thread reader =
        new Thread(
            () -> {
              try (InputStream in = process.getInputStream()) {
                byte[] buffer = new byte[256];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                  screenSoFar.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
              } catch (IOException closed) {
                // the process ended
              }
            });
    reader.start();
    try (OutputStream stdin = process.getOutputStream()) {
      // Type only once the prompt is shown, as a person would (a terminal echoes early input).
      awaitScreen(screenSoFar, "> ");
      stdin.write("hey\n".getBytes(StandardCharsets.UTF_8));
      stdin.flush();
      awaitScreen(screenSoFar, "< HEY");
      awaitScreen(screenSoFar, "> ", 2);
      stdin.write(4); // Ctrl-D: end of input on a terminal
      stdin.flush();
    }
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    reader.join(10_000);
    String screen = withoutJvmWarnings(screenSoFar.toString().replace("\r", ""));
    assertThat(screen).isEqualTo("> hey\n< HEY\n> ");
  }

  private static void awaitScreen(StringBuffer screen, String text) throws InterruptedException {
    awaitScreen(screen, text, 1);
  }

  /** Waits (up to 30 s) until {@code text} appears {@code times} times on the screen. */
  private static void awaitScreen(StringBuffer screen, String text, int times)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (screen.toString().split(java.util.regex.Pattern.quote(text), -1).length - 1 < times) {
      assertThat(System.nanoTime()).as("waiting for " + text + " in: " + screen).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
