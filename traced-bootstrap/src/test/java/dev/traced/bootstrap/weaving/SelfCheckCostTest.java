package dev.traced.bootstrap.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.annotations.processing.SpanCatalog;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the self-check adds to start-up for catalogs of 1,000 traced methods (the issue asks for
 * under 50 ms): each case runs in a fresh JVM, so nothing is warmed up by the test run. Prints
 * the measurements; asserts only a bound far looser than the budget, so it cannot flake on a busy
 * machine but still catches an accidental quadratic or class loading.
 */
class SelfCheckCostTest {

  @Test
  void thousandCatalogedMethodsAreCheckedQuicklyAtStartUp(@TempDir Path dir)
      throws IOException, InterruptedException {
    Path fixture = new FixtureBuild(dir.resolve("fixture")).compileAndWeave();
    byte[] wovenClass = Files.readAllBytes(fixture.resolve("shop/Checkout.class"));
    Path tenPerClass = module(dir.resolve("tenPerClass"), wovenClass, 100, 10);
    Path onePerClass = module(dir.resolve("onePerClass"), wovenClass, 1000, 1);

    for (Path classes : List.of(tenPerClass, onePerClass)) {
      for (Path root : List.of(classes, jar(classes, Path.of(classes + ".jar")))) {
        long micros = timeInFreshJvm(root);
        System.out.printf(
            "WeavingSelfCheck: 1000 methods in %s (%s) checked in %.1f ms at start-up%n",
            classes.equals(tenPerClass) ? "100 classes" : "1000 classes",
            root.equals(classes) ? "directory" : "jar",
            micros / 1000.0);
        assertThat(micros).isLessThan(2_000_000);
      }
    }
  }

  /** A classes folder with a catalog of {@code classCount × methodsPerClass} woven methods. */
  private static Path module(Path classes, byte[] classFile, int classCount, int methodsPerClass)
      throws IOException {
    Files.createDirectories(classes.resolve("gen"));
    StringBuilder catalog = new StringBuilder("# generated\n");
    for (int c = 0; c < classCount; c++) {
      String name = String.format("gen/C%04d", c);
      Files.write(classes.resolve(name + ".class"), classFile);
      for (int m = 0; m < methodsPerClass; m++) {
        catalog.append(name.replace('/', '.')).append("\tm").append(m).append("\tC.m").append(m);
        catalog.append('\n');
      }
    }
    Path file = classes.resolve(WeavingSelfCheck.CATALOG);
    Files.createDirectories(file.getParent());
    Files.writeString(file, catalog, StandardCharsets.UTF_8);
    return classes;
  }

  private static Path jar(Path classes, Path jar) throws IOException {
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
        out.write(Files.readAllBytes(file));
        out.closeEntry();
      }
    }
    return jar;
  }

  private static long timeInFreshJvm(Path root) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath =
        String.join(
            File.pathSeparator,
            FixtureBuild.location(WeavingSelfCheck.class),
            // The catalog parser the self-check shares with the processor.
            FixtureBuild.location(SpanCatalog.class),
            FixtureBuild.location(SelfCheckTimer.class),
            root.toString());
    Process process =
        new ProcessBuilder(java, "-cp", classPath, SelfCheckTimer.class.getName())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    String[] fields = output.strip().split(" ");
    assertThat(fields[1]).as("all classes woven").isEqualTo("none");
    return Long.parseLong(fields[0]);
  }
}
