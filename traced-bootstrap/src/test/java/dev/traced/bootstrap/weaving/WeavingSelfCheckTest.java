package dev.traced.bootstrap.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edge cases of the self-check: which class file counts, stale lines, long lists, junk. */
class WeavingSelfCheckTest {

  @TempDir static Path dir;
  static byte[] unwovenClass;
  static byte[] wovenClass;
  static byte[] wovenNested;
  static byte[] unwovenNested;

  @BeforeAll
  static void buildFixtureClasses() throws IOException {
    FixtureBuild build = new FixtureBuild(dir.resolve("fixture"));
    Path unwoven = build.compileWithoutWeaving();
    Path woven = build.compileAndWeave();
    unwovenClass = Files.readAllBytes(unwoven.resolve("shop/Checkout.class"));
    wovenClass = Files.readAllBytes(woven.resolve("shop/Checkout.class"));
    unwovenNested = Files.readAllBytes(unwoven.resolve("shop/Checkout$Money.class"));
    wovenNested = Files.readAllBytes(woven.resolve("shop/Checkout$Money.class"));
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
    // Listed before shop.Checkout, in the order the check reads them.
    Path mixed = module("mixed", unwovenClass, null, "shop.Absent", "shop.Checkout");
    Files.delete(mixed.resolve("shop/Absent.class"));

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

  // Catalogs in jars: the class files are read from the same jar, not through the loader.

  @Test
  void unwovenClassInAJarBesideItsCatalogIsReported() throws IOException {
    Path jar = jar(module("jarred-unwoven", unwovenClass, null, "shop.Absent", "shop.Checkout"), "shop/Absent.class");

    try (FixtureBuild.FixtureLoader loader = FixtureBuild.loader(jar)) {
      assertThat(WeavingSelfCheck.check(loader))
          .contains(String.format(WeavingSelfCheck.NOT_WOVEN, 1, "shop.Checkout"));
    }
  }

  @Test
  void wovenClassInAJarBesideItsCatalogCountsNotAnUnwovenNamesakeEarlierOnTheClassPath()
      throws IOException {
    Path unwoven = module("unwoven-before-jar", unwovenClass, null, "shop.Checkout");
    Files.delete(unwoven.resolve(WeavingSelfCheck.CATALOG));
    Path jar = jar(module("jarred-woven", wovenClass, null, "shop.Checkout"));

    try (FixtureBuild.FixtureLoader loader = FixtureBuild.loader(unwoven, jar)) {
      assertThat(WeavingSelfCheck.check(loader)).isEmpty();
    }
  }

  // Catalogs served by a loader from somewhere else (nested jars, custom loaders): read through it.

  @Test
  void classFilesServedByACustomLoaderAreReadThroughIt() {
    MemoryLoader unwoven =
        new MemoryLoader(
            Map.of(
                WeavingSelfCheck.CATALOG, catalog("shop.Absent", "shop.Checkout", "shop.Junk"),
                "shop/Checkout.class", unwovenClass,
                "shop/Junk.class", "not a class file".getBytes(StandardCharsets.UTF_8)),
            Map.of());
    MemoryLoader woven =
        new MemoryLoader(
            Map.of(WeavingSelfCheck.CATALOG, catalog("shop.Checkout"), "shop/Checkout.class", wovenClass),
            Map.of());

    assertThat(WeavingSelfCheck.check(unwoven, () -> false))
        .contains(String.format(WeavingSelfCheck.NOT_WOVEN, 1, "shop.Checkout"));
    assertThat(WeavingSelfCheck.check(woven, () -> false)).isEmpty();
  }

  // Under the load-time weaver: class files are unwoven on disk; the class the loader defines counts.

  @Test
  void underTheAgentAClassWovenAsItIsLoadedIsNotReported() {
    MemoryLoader loader =
        new MemoryLoader(
            Map.of(WeavingSelfCheck.CATALOG, catalog("shop.Checkout"), "shop/Checkout.class", unwovenClass),
            Map.of("shop.Checkout", wovenClass, "shop.Checkout$Money", wovenNested));

    assertThat(WeavingSelfCheck.check(loader, () -> true)).isEmpty();
    assertThat(loader.defined).as("loaded, to look at the class the agent wove").contains("shop.Checkout");
  }

  @Test
  void underTheAgentAClassLoadedUnwovenIsReportedWithTheAgentsFix() {
    MemoryLoader loader =
        new MemoryLoader(
            Map.of(
                WeavingSelfCheck.CATALOG, catalog("shop.Checkout", "shop.Unloadable"),
                "shop/Checkout.class", unwovenClass,
                "shop/Unloadable.class", unwovenClass),
            Map.of("shop.Checkout", unwovenClass, "shop.Checkout$Money", unwovenNested));

    // The loader cannot load shop.Unloadable at all: nothing reliable to say about it, so it is
    // not reported.
    assertThat(WeavingSelfCheck.check(loader, () -> true))
        .contains(String.format(WeavingSelfCheck.NOT_WOVEN_AT_LOAD, 1, "shop.Checkout"));
  }

  @Test
  void withoutTheAgentNoClassIsLoaded() {
    MemoryLoader loader =
        new MemoryLoader(
            Map.of(WeavingSelfCheck.CATALOG, catalog("shop.Checkout"), "shop/Checkout.class", unwovenClass),
            Map.of("shop.Checkout", wovenClass, "shop.Checkout$Money", wovenNested));

    assertThat(WeavingSelfCheck.check(loader, () -> false))
        .contains(String.format(WeavingSelfCheck.NOT_WOVEN, 1, "shop.Checkout"));
    assertThat(loader.defined).isEmpty();
  }

  private static byte[] catalog(String... classNames) {
    StringBuilder catalog = new StringBuilder("# test\n");
    for (String className : classNames) {
      catalog.append(className).append("\tpay\tCheckout.pay\n");
    }
    return catalog.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** {@code root} packed as a jar, without {@code omitted} entries. */
  private static Path jar(Path root, String... omitted) throws IOException {
    Path jar = root.resolveSibling(root.getFileName() + ".jar");
    List<String> skip = List.of(omitted);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String name = root.relativize(file).toString().replace(File.separatorChar, '/');
        if (!skip.contains(name)) {
          out.putNextEntry(new ZipEntry(name));
          out.write(Files.readAllBytes(file));
        }
      }
    }
    return jar;
  }

  /**
   * Serves resources from memory under {@code mem:} URLs (neither a directory nor a jar), and
   * defines classes from other bytes, as a load-time weaver does; other classes (AspectJ's
   * runtime, the aspect) come from the tests' class path.
   */
  static final class MemoryLoader extends ClassLoader {
    private final Map<String, byte[]> resources;
    private final Map<String, byte[]> classes;
    final List<String> defined = new ArrayList<>();

    MemoryLoader(Map<String, byte[]> resources, Map<String, byte[]> classes) {
      super(WeavingSelfCheckTest.class.getClassLoader());
      this.resources = resources;
      this.classes = classes;
    }

    // new URL(.., handler) is deprecated from Java 20 on; its replacement, URL.of(URI, handler),
    // is not in Java 17, which the tests must compile for too.
    @SuppressWarnings("deprecation")
    @Override
    public URL getResource(String name) {
      byte[] bytes = resources.get(name);
      if (bytes == null) {
        return null;
      }
      try {
        return new URL(
            "mem", "", -1, "/" + name,
            new URLStreamHandler() {
              @Override
              protected URLConnection openConnection(URL url) {
                return new URLConnection(url) {
                  @Override
                  public void connect() {}

                  @Override
                  public InputStream getInputStream() {
                    return new ByteArrayInputStream(bytes);
                  }
                };
              }
            });
      } catch (MalformedURLException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public Enumeration<URL> getResources(String name) {
      URL url = getResource(name);
      return url == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(url));
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded != null) {
          return loaded;
        }
        byte[] bytes = classes.get(name);
        if (bytes == null) {
          return super.loadClass(name, resolve);
        }
        defined.add(name);
        return defineClass(name, bytes, 0, bytes.length);
      }
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
