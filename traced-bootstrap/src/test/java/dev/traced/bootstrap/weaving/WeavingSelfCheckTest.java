package dev.traced.bootstrap.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edge cases of the self-check: which class file counts, stale lines, long lists, junk. */
class WeavingSelfCheckTest {

  @TempDir static Path dir;
  static byte[] unwovenClass;
  static byte[] wovenClass;

  @BeforeAll
  static void buildFixtureClasses() throws IOException {
    FixtureBuild build = new FixtureBuild(dir.resolve("fixture"));
    unwovenClass = Files.readAllBytes(build.compileWithoutWeaving().resolve("shop/Checkout.class"));
    wovenClass = Files.readAllBytes(build.compileAndWeave().resolve("shop/Checkout.class"));
  }

  @Test
  void classFileBesideTheCatalogCountsNotAWovenNamesakeEarlierOnTheClassPath() throws IOException {
    Path woven = module("woven", wovenClass, null, "shop.Checkout");
    Path unwoven = module("unwoven", unwovenClass, "shop.Checkout", "shop.Checkout");

    try (FixtureBuild.FixtureLoader loader = FixtureBuild.loader(woven, unwoven)) {
      assertThat(WeavingSelfCheck.check(loader))
          .contains(String.format(WeavingSelfCheck.NOT_WOVEN, 1, "shop.Checkout"));
    }
  }

  /** The converse of the test above: it is the copy beside the catalog that counts, both ways. */
  @Test
  void classFileBesideTheCatalogCountsNotAnUnwovenNamesakeEarlierOnTheClassPath() throws IOException {
    Path unwoven = module("unwoven-uncatalogued", unwovenClass, null, "shop.Checkout");
    Files.delete(unwoven.resolve(WeavingSelfCheck.CATALOG));
    Path woven = module("woven-catalogued", wovenClass, null, "shop.Checkout");

    try (FixtureBuild.FixtureLoader loader = FixtureBuild.loader(unwoven, woven)) {
      assertThat(loader.getResource("shop/Checkout.class").toString())
          .as("the unwoven copy is the one the loader would define")
          .contains("unwoven-uncatalogued");
      assertThat(WeavingSelfCheck.check(loader)).isEmpty();
    }
  }

  @Test
  void catalogLinesWithoutAClassFileAreSkipped() throws IOException {
    Path stale = module("stale", unwovenClass, null, "shop.Removed");
    Files.delete(stale.resolve("shop/Removed.class")); // listed in the catalog, no class file

    try (FixtureBuild.FixtureLoader loader = FixtureBuild.loader(stale)) {
      assertThat(WeavingSelfCheck.check(loader)).isEmpty();
    }
  }

  @Test
  void aStaleCatalogLineDoesNotHideOrCountAsAnUnwovenClass() throws IOException {
    Path mixed = module("mixed", unwovenClass, null, "shop.Checkout", "shop.Removed");
    Files.delete(mixed.resolve("shop/Removed.class"));

    try (FixtureBuild.FixtureLoader loader = FixtureBuild.loader(mixed)) {
      assertThat(WeavingSelfCheck.check(loader))
          .contains(String.format(WeavingSelfCheck.NOT_WOVEN, 1, "shop.Checkout"));
    }
  }

  @Test
  void longListsNameTheFirstClassesAndCountTheRest() throws IOException {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < WeavingSelfCheck.MAX_NAMED + 3; i++) {
      names.add(String.format("gen.C%02d", i));
    }
    Path many = module("many", unwovenClass, null, names.toArray(new String[0]));

    try (FixtureBuild.FixtureLoader loader = FixtureBuild.loader(many)) {
      String names20 = String.join(", ", names.subList(0, WeavingSelfCheck.MAX_NAMED));
      assertThat(WeavingSelfCheck.check(loader))
          .contains(
              String.format(WeavingSelfCheck.NOT_WOVEN, names.size(), names20 + " and 3 more"));
    }
  }

  @Test
  void unreadableClassFilesAreNotReported() throws IOException {
    Path junk = module("junk", "not a class file".getBytes(StandardCharsets.UTF_8), null, "shop.Junk");

    try (FixtureBuild.FixtureLoader loader = FixtureBuild.loader(junk)) {
      assertThat(WeavingSelfCheck.check(loader)).isEmpty();
    }
  }

  @Test
  void noCatalogMeansNothingToReport() throws IOException {
    try (FixtureBuild.FixtureLoader loader = FixtureBuild.loader(Files.createDirectories(dir.resolve("empty")))) {
      assertThat(WeavingSelfCheck.check(loader)).isEmpty();
    }
  }

  /**
   * A classes folder holding {@code classFile} under each of {@code classes}, with a catalog
   * listing {@code cataloged} (all of {@code classes} when null).
   */
  private static Path module(String name, byte[] classFile, String cataloged, String... classes)
      throws IOException {
    Path root = dir.resolve(name);
    StringBuilder catalog = new StringBuilder("# test\n");
    for (String className : classes) {
      Path file = root.resolve(className.replace('.', '/') + ".class");
      Files.createDirectories(file.getParent());
      Files.write(file, classFile);
      if (cataloged == null || cataloged.equals(className)) {
        catalog.append(className).append("\tpay\tCheckout.pay\n");
      }
    }
    Path catalogFile = root.resolve(WeavingSelfCheck.CATALOG);
    Files.createDirectories(catalogFile.getParent());
    Files.writeString(catalogFile, catalog, StandardCharsets.UTF_8);
    return root;
  }
}
