package dev.traced.bootstrap.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.annotations.Traced;
import dev.traced.testing.JvmWarnings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-check under AspectJ's load-time weaver: a module compiled by plain javac, run in a fresh
 * JVM with and without {@code -javaagent:aspectjweaver.jar}, with Traced's own aop.xml and with a
 * user's aop.xml that excludes one class.
 */
class LoadTimeSelfCheckTest {

  @TempDir static Path dir;
  static Path unwoven;

  @BeforeAll
  static void compileWithPlainJavac() throws IOException {
    unwoven = new FixtureBuild(dir).compileWithoutWeaving();
  }

  @Test
  void classesTheAgentWeavesAreNotReported() throws Exception {
    assertThat(withoutJvmWarnings(run(true))).isEqualTo(SelfCheckMain.NONE);
  }

  @Test
  void withoutAgentOrBuildPluginTheLineNamesBothFixes() throws Exception {
    // Not filtered: without the agent, the check must not start a weaver (which makes JDK 24+
    // print sun.misc.Unsafe warnings) just by looking for one.
    String line = run(false);

    assertThat(line)
        .isEqualTo(String.format(WeavingSelfCheck.NOT_WOVEN, 2, "shop.Checkout, shop.Checkout$Money"))
        .contains("traced-maven-plugin")
        .contains("-javaagent:aspectjweaver.jar");
  }

  @Test
  void classOutsideTheUsersWeavingScopeIsReportedWithTheFix() throws Exception {
    Path userConfig = dir.resolve("user-aop");
    Files.createDirectories(userConfig.resolve("META-INF"));
    Files.writeString(
        userConfig.resolve("META-INF/aop.xml"),
        "<aspectj><weaver><exclude within=\"shop.Checkout.Money\"/></weaver></aspectj>\n",
        StandardCharsets.UTF_8);

    String line = withoutJvmWarnings(run(true, userConfig.toString()));

    assertThat(line)
        .isEqualTo(String.format(WeavingSelfCheck.NOT_WOVEN_AT_LOAD, 1, "shop.Checkout$Money"))
        .contains("META-INF/aop.xml");
  }

  // The weaver (AspectJ 1.9.25) makes the JVM warn under the agent: any class.
  static String withoutJvmWarnings(String output) {
    return JvmWarnings.withoutUnsafeWarnings(output, "").strip();
  }

  /** Runs {@link SelfCheckMain} in a fresh JVM and returns its whole output, stripped. */
  private static String run(boolean agent, String... extraClassPath) throws Exception {
    List<String> classPath = new ArrayList<>(List.of(extraClassPath));
    classPath.add(unwoven.toString());
    return SelfCheckJvm.run(agent, classPath).strip();
  }
}
