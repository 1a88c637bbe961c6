package dev.traced.aspects;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code -Dtraced.context.propagation=false} switches context carrying off for the JVM. */
class ContextCarryingSwitchTest {

  @Test
  void carryingIsOnByDefault() throws Exception {
    assertThat(run(List.of()))
        .isEqualTo(lines("carried: true", "blank on the pool: false", "task unchanged: false"));
  }

  @Test
  void switchOffLeavesEveryTaskAsItWasGiven() throws Exception {
    assertThat(run(List.of("-D" + ContextCarrier.SWITCH + "=false")))
        .isEqualTo(lines("carried: false", "blank on the pool: true", "task unchanged: true"));
  }

  @Test
  void environmentVariableSwitchesItOffWithoutTheProperty() throws Exception {
    assertThat(run(List.of(), new StringBuilder(), "false"))
        .isEqualTo(lines("carried: false", "blank on the pool: true", "task unchanged: true"));
  }

  @Test
  void aValueOtherThanTrueOrFalseIsReportedInOneLineAndCarryingStaysOn() throws Exception {
    StringBuilder stderr = new StringBuilder();
    assertThat(run(List.of("-D" + ContextCarrier.SWITCH + "=off"), stderr))
        .isEqualTo(lines("carried: true", "blank on the pool: false", "task unchanged: false"));
    assertThat(stderr.toString())
        .contains(
            String.format(
                ContextCarrier.BAD_SWITCH, "system property " + ContextCarrier.SWITCH, "off"));
  }

  private static String run(List<String> properties) throws Exception {
    return run(properties, new StringBuilder());
  }

  private static String run(List<String> properties, StringBuilder stderrOut) throws Exception {
    return run(properties, stderrOut, null);
  }

  private static String run(List<String> properties, StringBuilder stderrOut, String variable)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Dhttp.proxyHost=127.0.0.1",
            "-Dhttp.proxyPort=9",
            "-Dhttps.proxyHost=127.0.0.1",
            "-Dhttps.proxyPort=9"));
    command.addAll(properties);
    command.addAll(
        List.of(
            "-cp", System.getProperty("java.class.path"), ContextCarryingSwitchMain.class.getName()));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove(ContextCarrier.SWITCH_VARIABLE);
    if (variable != null) {
      builder.environment().put(ContextCarrier.SWITCH_VARIABLE, variable);
    }
    Process process = builder.start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(stderr).isZero();
    stderrOut.append(stderr);
    return stdout;
  }

  private static String lines(String... lines) {
    return String.join(System.lineSeparator(), lines) + System.lineSeparator();
  }
}
