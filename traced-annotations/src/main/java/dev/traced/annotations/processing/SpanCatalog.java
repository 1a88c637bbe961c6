package dev.traced.annotations.processing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The span catalog format, in one place for its writer (the Traced processor) and its reader (the
 * bootstrap's start-up weaving check): a UTF-8 text file at {@value #PATH}, one line per traced
 * method, {@code binaryClassName<TAB>methodName<TAB>spanName}; lines starting with {@code #} are
 * comments.
 *
 * <pre>{@code
 * for (String line : SpanCatalog.entries(in)) {
 *   String tracedClass = SpanCatalog.className(line);   // com.shop.Checkout
 * }
 * }</pre>
 *
 * <p>Not an API for applications; public only so that traced-bootstrap reads what this module
 * writes with the same code.
 */
public final class SpanCatalog {

  /** Where catalogs live in the class output and, later, on the class path. */
  public static final String PATH = "META-INF/traced/spans.catalog";

  /** The first line of every catalog. */
  static final String HEADER =
      "# Traced span catalog: class<TAB>method<TAB>span name. Written by the Traced annotation"
          + " processor; read at start-up to check that these classes were woven.";

  private SpanCatalog() {}

  /** The line of one traced method. */
  static String entry(String binaryClassName, String methodName, String spanName) {
    return binaryClassName + '\t' + methodName + '\t' + spanName;
  }

  /**
   * The entries of the catalog {@code in}, in file order: every line that names a class, without
   * comments and lines without a class. Does not close {@code in}.
   *
   * @throws IOException if {@code in} cannot be read
   */
  public static List<String> entries(InputStream in) throws IOException {
    List<String> entries = new ArrayList<>();
    BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      if (!line.startsWith("#") && line.indexOf('\t') > 0) {
        entries.add(line);
      }
    }
    return entries;
  }

  /** The binary class name of an entry from {@link #entries}: {@code com.shop.Checkout}. */
  public static String className(String entry) {
    return entry.substring(0, entry.indexOf('\t'));
  }
}
