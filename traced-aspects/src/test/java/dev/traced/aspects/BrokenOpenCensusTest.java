package dev.traced.aspects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * When OpenCensus itself cannot start, woven methods run normally: the tracing failure is logged
 * once and never reaches the caller. JDK 23+ can provoke that for real: with
 * {@code --sun-misc-unsafe-memory-access=deny} (the announced future default) OpenCensus'
 * Disruptor fails to initialise.
 */
class BrokenOpenCensusTest {

  @Test
  void wovenMethodsRunNormallyWhenOpenCensusCannotStart() throws Exception {
    assumeTrue(Runtime.version().feature() >= 23, "needs --sun-misc-unsafe-memory-access (JDK 23+)");
    Process process =
        new ProcessBuilder(
                List.of(
                    Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "--sun-misc-unsafe-memory-access=deny",
                    "-cp",
                    System.getProperty("java.class.path"),
                    BrokenOpenCensusMain.class.getName()))
            .start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(stderr).isZero();
    assertThat(stdout)
        .isEqualTo(
            String.join(
                System.lineSeparator(),
                "traced: OK",
                "traced again: inin",
                "attrs: ada71",
                "annotated: done",
                "interface: hello bob",
                "exception: disk gone",
                ""));
    assertThat(stderr.split("\\[TracedInternal\\]", -1)).as(stderr).hasSize(2);
  }
}
