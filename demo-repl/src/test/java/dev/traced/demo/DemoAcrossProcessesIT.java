package dev.traced.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.devtools.cloudtrace.v2.Span;
import dev.traced.testing.FakeCloudTrace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The demo jar twice, {@code --serve} and {@code --remote}, both exporting to one Cloud Trace test
 * server: each line's three spans arrive in one trace, the server's span a child of the client's.
 */
class DemoAcrossProcessesIT {

  private static final String JAR = System.getProperty("demo.jar", "target/demo-repl.jar");
  private static final Pattern SERVING =
      Pattern.compile("\\[demo\\] serving processInput on (http://127\\.0\\.0\\.1:\\d+/) .*");

  private static Process launch(FakeCloudTrace cloudTrace, String... flags) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    // Nothing may leave loopback: the Stackdriver exporter and Google's credential lookup probe
    // cloud metadata hosts.
    command.addAll(
        List.of(
            "-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=9",
            "-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=9",
            "-Dtraced.stackdriver.project-id=demo-project",
            "-Dtraced.stackdriver.emulator-host=" + cloudTrace.hostAndPort(),
            "-jar", JAR));
    command.addAll(List.of(flags));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("TRACED_") || k.equals("GCP_PROJECT_ID"));
    return builder.start();
  }

  /** Reads the server's stderr until it names its address; bounded by the future's timeout. */
  private static CompletableFuture<String> address(Process server) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            BufferedReader err =
                new BufferedReader(
                    new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8));
            for (String line = err.readLine(); line != null; line = err.readLine()) {
              Matcher serving = SERVING.matcher(line);
              if (serving.matches()) {
                return serving.group(1);
              }
            }
            throw new IllegalStateException("the server ended without serving");
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
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

  @Test
  void eachLineIsOneTraceAcrossTheTwoProcesses() throws Exception {
    try (FakeCloudTrace cloudTrace = FakeCloudTrace.start()) {
      Process server = launch(cloudTrace, "--serve", "0");
      try {
        String address = address(server).get(60, TimeUnit.SECONDS);

        Process client = launch(cloudTrace, "--remote", address);
        CompletableFuture<byte[]> stdout = readAll(client.getInputStream());
        CompletableFuture<byte[]> stderr = readAll(client.getErrorStream());
        try (OutputStream stdin = client.getOutputStream()) {
          stdin.write("hello\nworld!\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(client.waitFor(60, TimeUnit.SECONDS)).as("client exited").isTrue();
        assertThat(client.exitValue()).isZero();
        assertThat(new String(stdout.get(), StandardCharsets.UTF_8))
            .isEqualTo("< HELLO\n< WORLD!\n".replace("\n", System.lineSeparator()));
        assertThat(DemoJarIT.withoutJvmWarnings(new String(stderr.get(), StandardCharsets.UTF_8)))
            .isEmpty();
      } finally {
        // SIGTERM: the bootstrap's shutdown hook flushes the server's spans before the JVM exits.
        server.destroy();
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("server exited").isTrue();
      }

      Map<String, List<Span>> byTrace =
          cloudTrace.spans().stream()
              .collect(Collectors.groupingBy(s -> s.getName().split("/")[3]));
      assertThat(byTrace).as(cloudTrace.spans().toString()).hasSize(2);
      List<Long> lengths = new ArrayList<>();
      for (List<Span> trace : byTrace.values()) {
        assertThat(trace).hasSize(3);
        Span repl = named(trace, "repl");
        Span client = childOf(trace, repl);
        Span serverSpan = childOf(trace, client);
        assertThat(repl.getParentSpanId()).isEmpty();
        // OpenCensus' Stackdriver handler prefixes kinds; Cloud Trace gets the span_kind field too.
        assertThat(repl.getDisplayName().getValue()).isEqualTo("repl");
        assertThat(FakeCloudTrace.spanKind(repl)).isEqualTo("UNSPECIFIED");
        assertThat(client.getDisplayName().getValue()).isEqualTo("Sent.processInput");
        assertThat(FakeCloudTrace.spanKind(client)).isEqualTo("CLIENT");
        assertThat(serverSpan.getDisplayName().getValue()).isEqualTo("Recv.processInput");
        assertThat(FakeCloudTrace.spanKind(serverSpan)).isEqualTo("SERVER");
        lengths.add(
            repl.getTimeEvents().getTimeEvent(0).getAnnotation().getAttributes()
                .getAttributeMapMap().get("len").getIntValue());
      }
      assertThat(lengths).containsExactlyInAnyOrder(5L, 6L);
    }
  }

  private static Span named(List<Span> trace, String name) {
    return trace.stream()
        .filter(s -> s.getDisplayName().getValue().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span " + name + " in " + trace));
  }

  private static Span childOf(List<Span> trace, Span parent) {
    List<Span> children =
        trace.stream()
            .filter(s -> s.getParentSpanId().equals(parent.getSpanId()))
            .collect(Collectors.toList());
    assertThat(children).as("children of " + parent.getDisplayName().getValue()).hasSize(1);
    return children.get(0);
  }
}
