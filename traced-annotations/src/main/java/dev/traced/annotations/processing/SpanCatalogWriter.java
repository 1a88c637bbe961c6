package dev.traced.annotations.processing;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes {@value #PATH} to the class output: one line per traced method,
 * {@code binaryClassName<TAB>methodName<TAB>spanName}, sorted, after a {@code #} comment line.
 *
 * <pre>{@code
 * com.shop.Checkout	pay	Checkout.pay
 * com.shop.Checkout$Money	cents	Money.cents
 * }</pre>
 *
 * <p>The Filer creates a resource once per compilation, so the file is written once, when
 * processing is over. A partial recompilation must not forget the classes it did not compile:
 * lines of the existing catalog are kept unless their class was compiled this time.
 */
final class SpanCatalogWriter {

  /** Where catalogs live in the class output and, later, on the class path. */
  static final String PATH = SpanCatalog.PATH;

  private final Set<String> lines = new TreeSet<>();
  private final Set<String> compiledClasses = new TreeSet<>();

  /** Records a traced method with a body. */
  void add(String binaryClassName, String methodName, String spanName) {
    lines.add(SpanCatalog.entry(binaryClassName, methodName, spanName));
  }

  /** Records that {@code binaryClassName} was compiled now: its old lines are outdated. */
  void compiled(String binaryClassName) {
    compiledClasses.add(binaryClassName);
  }

  /**
   * Writes the catalog, merged with the one already in the class output; writes nothing when both
   * are empty, so modules without traced methods get no file.
   *
   * @throws IOException if the catalog cannot be written
   */
  void write(Filer filer) throws IOException {
    Set<String> merged = new TreeSet<>(lines);
    merged.addAll(keptFromPrevious(filer));
    if (merged.isEmpty()) {
      return;
    }
    FileObject catalog = filer.createResource(StandardLocation.CLASS_OUTPUT, "", PATH);
    try (Writer out = catalog.openWriter()) {
      out.write(SpanCatalog.HEADER);
      out.write('\n');
      for (String line : merged) {
        out.write(line);
        out.write('\n');
      }
    }
  }

  private Set<String> keptFromPrevious(Filer filer) {
    Set<String> kept = new TreeSet<>();
    try {
      FileObject previous = filer.getResource(StandardLocation.CLASS_OUTPUT, "", PATH);
      try (InputStream in = previous.openInputStream()) {
        for (String entry : SpanCatalog.entries(in)) {
          if (!compiledClasses.contains(SpanCatalog.className(entry))) {
            kept.add(entry);
          }
        }
      }
    } catch (IOException | IllegalArgumentException noPreviousCatalog) {
      // A clean build has none; file managers signal that differently (FileNotFound, NoSuchFile).
    }
    return kept;
  }
}
