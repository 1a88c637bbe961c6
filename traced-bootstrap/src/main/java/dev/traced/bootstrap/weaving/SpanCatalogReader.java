package dev.traced.bootstrap.weaving;

import dev.traced.annotations.processing.SpanCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the class names listed in span catalogs, in the processor's own format ({@link
 * SpanCatalog}).
 */
final class SpanCatalogReader {

  private SpanCatalogReader() {}

  /** Every catalog {@code loader} sees at {@code path}; none when the lookup fails. */
  static List<URL> catalogs(ClassLoader loader, String path) {
    try {
      return Collections.list(loader.getResources(path));
    } catch (IOException unreadable) {
      return List.of();
    }
  }

  /** The distinct classes of one catalog, sorted; none when it cannot be read. */
  static Set<String> tracedClasses(URL catalog) {
    Set<String> classes = new TreeSet<>();
    try (InputStream in = catalog.openStream()) {
      for (String entry : SpanCatalog.entries(in)) {
        classes.add(SpanCatalog.className(entry));
      }
    } catch (IOException unreadable) {
      // One broken jar must not hide the others, nor fail start-up.
    }
    return classes;
  }
}
