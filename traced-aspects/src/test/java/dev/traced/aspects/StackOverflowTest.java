package dev.traced.aspects;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A stack overflow in the program's very first traced call must not turn tracing off: every span
 * of the recursion ends, the previous span is restored, and later calls are traced as usual. In a
 * fresh JVM, because the failure depended on which classes the overflow found uninitialised.
 */
class StackOverflowTest {

  @Test
  void overflowInTheFirstTracedCallLeavesTracingWorking() throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    // A small stack keeps the recursion (one span per level) short and quick.
    command.add("-Xss512k");
    // As in every JVM of the build: nothing may probe cloud metadata addresses.
    command.addAll(
        List.of(
            "-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=9",
            "-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=9"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(StackOverflowMain.class.getName());
    Process process = new ProcessBuilder(command).start();
    CompletableFuture<byte[]> stderrBytes =
        CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String stderr = new String(stderrBytes.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);

    assertThat(process.exitValue()).as(stderr).isZero();
    assertThat(stdout)
        .as(stderr)
        .isEqualTo(
            String.join(
                System.lineSeparator(),
                "overflow: caught",
                "current: restored",
                "recursion: complete",
                "later: 100 spans, sum 5050",
                ""));
  }

  private static byte[] readAll(java.io.InputStream in) {
    try {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
