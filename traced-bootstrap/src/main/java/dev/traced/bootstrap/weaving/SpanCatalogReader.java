package dev.traced.bootstrap.weaving;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the class names listed in span catalogs. A line is
 * {@code binaryClassName<TAB>methodName<TAB>spanName}; {@code #} lines are comments.
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
    try (InputStream in = catalog.openStream();
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        int tab = line.indexOf('\t');
        if (tab > 0 && !line.startsWith("#")) {
          classes.add(line.substring(0, tab));
        }
      }
    } catch (IOException unreadable) {
      // One broken jar must not hide the others, nor fail start-up.
    }
    return classes;
  }
}
