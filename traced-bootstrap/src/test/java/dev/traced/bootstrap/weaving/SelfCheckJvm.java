package dev.traced.bootstrap.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.annotations.Traced;
import dev.traced.aspects.TracedAspect;
import io.opencensus.trace.Span;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link SelfCheckMain} in a fresh JVM, with or without AspectJ's agent, for the tests that
 * check the self-check under load-time weaving (the agent must be there from the JVM's start).
 */
final class SelfCheckJvm {

  /** The weaver jar (the pom sets the property): the agent, and aspectjrt without it. */
  static final String WEAVER = System.getProperty("aspectjweaver.jar");

  private SelfCheckJvm() {}

  /**
   * The whole output of {@link SelfCheckMain} run with {@code userClassPath} first on the class
   * path, then the self-check, the aspect, the annotations and OpenCensus' API.
   */
  static String run(boolean agent, List<String> userClassPath) throws Exception {
    assertThat(WEAVER).as("system property aspectjweaver.jar (set by the pom)").isNotNull();
    List<String> classPath = new ArrayList<>(userClassPath);
    classPath.addAll(
        List.of(
            FixtureBuild.location(WeavingSelfCheck.class),
            FixtureBuild.location(SelfCheckMain.class),
            FixtureBuild.location(TracedAspect.class),
            FixtureBuild.location(Traced.class),
            FixtureBuild.location(Span.class)));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (agent) {
      command.add("-javaagent:" + WEAVER);
    } else {
      // aspectjrt, which woven classes and the aspect need, is inside the weaver jar.
      classPath.add(WEAVER);
    }
    command.addAll(
        List.of(
            "-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=9",
            "-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=9",
            "-cp", String.join(File.pathSeparator, classPath),
            SelfCheckMain.class.getName()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }
}
