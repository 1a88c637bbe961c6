package dev.traced.bootstrap.weaving;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the class names listed in every span catalog a class loader sees. A line is
 * {@code binaryClassName<TAB>methodName<TAB>spanName}; {@code #} lines are comments.
 */
final class SpanCatalogReader {

  private SpanCatalogReader() {}

  /** The distinct classes of all catalogs, sorted; unreadable catalogs are skipped. */
  static Set<String> tracedClasses(ClassLoader loader, String catalog) {
    Set<String> classes = new TreeSet<>();
    Enumeration<URL> catalogs;
    try {
      catalogs = loader.getResources(catalog);
    } catch (IOException unreadable) {
      return classes;
    }
    while (catalogs.hasMoreElements()) {
      readInto(catalogs.nextElement(), classes);
    }
    return classes;
  }

  private static void readInto(URL catalog, Set<String> classes) {
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
  }
}
