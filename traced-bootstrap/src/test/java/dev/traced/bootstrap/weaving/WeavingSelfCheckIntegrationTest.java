package dev.traced.bootstrap.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.bootstrap.ExporterKind;
import dev.traced.bootstrap.TracedBootstrap;
import dev.traced.bootstrap.TracedSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A module built with the processor but without the aspect is reported; a woven one is not. */
class WeavingSelfCheckIntegrationTest {

  @TempDir static Path dir;
  static Path unwoven;
  static Path woven;

  @BeforeAll
  static void buildTheFixtureBothWays() throws IOException {
    FixtureBuild build = new FixtureBuild(dir);
    unwoven = build.compileWithoutWeaving();
    woven = build.compileAndWeave();
  }

  @Test
  void bothBuildsCatalogTheTracedMethods() throws IOException {
    String[] expected = {"shop.Checkout\tpay\tCheckout.pay", "shop.Checkout$Money\tcents\tMoney.cents"};
    assertThat(FixtureBuild.catalogLines(unwoven)).containsExactly(expected);
    assertThat(FixtureBuild.catalogLines(woven)).containsExactly(expected);
  }

  @Test
  void unwovenModuleGetsOneWarningNamingItsTracedClassesAndTheFix() throws IOException {
    try (URLClassLoader loader = FixtureBuild.loader(unwoven)) {
      assertThat(WeavingSelfCheck.check(loader))
          .contains(
              String.format(WeavingSelfCheck.NOT_WOVEN, 2, "shop.Checkout, shop.Checkout$Money"));
    }
  }

  @Test
  void bootstrapPrintsTheWarningOnceForAnUnwovenClassPath() throws IOException {
    PrintStream originalErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread thread = Thread.currentThread();
    ClassLoader originalLoader = thread.getContextClassLoader();
    try (URLClassLoader loader = FixtureBuild.loader(unwoven)) {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      thread.setContextClassLoader(loader);
      TracedBootstrap.start(TracedSettings.builder().exporters(ExporterKind.NONE).build()).close();
    } finally {
      thread.setContextClassLoader(originalLoader);
      System.setErr(originalErr);
    }
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            String.format(WeavingSelfCheck.NOT_WOVEN, 2, "shop.Checkout, shop.Checkout$Money")
                + System.lineSeparator());
  }

  @Test
  void wovenModuleGetsNoWarning() throws IOException {
    try (URLClassLoader loader = FixtureBuild.loader(woven)) {
      assertThat(WeavingSelfCheck.check(loader)).isEmpty();
    }
  }

  @Test
  void checkReadsClassFilesWithoutLoadingTheClasses() throws IOException {
    try (FixtureBuild.FixtureLoader loader = FixtureBuild.loader(unwoven)) {
      assertThat(WeavingSelfCheck.check(loader)).isPresent();

      assertThat(loader.hasLoaded("shop.Checkout")).isFalse();
      assertThat(loader.hasLoaded("shop.Checkout$Money")).isFalse();
    }
  }

  @Test
  void stringConstantsNamingAjcMarkersDoNotCountAsWeaving() throws IOException {
    byte[] plain = java.nio.file.Files.readAllBytes(unwoven.resolve("shop/Plain.class"));
    assertThat(ClassFileWeaving.of(plain)).isEqualTo(ClassFileWeaving.Verdict.NOT_WOVEN);
  }
}
