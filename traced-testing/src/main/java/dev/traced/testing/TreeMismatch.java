package dev.traced.testing;

import org.opentest4j.AssertionFailedError;

/**
 * The failure of a span-tree comparison: an opentest4j {@link AssertionFailedError} carrying both
 * rendered trees, so IDEs offer their side-by-side diff, with a message that points at the first
 * line where the trees part and then shows both in full.
 *
 * <pre>
 * span trees differ at line 2:
 *   expected: "  @ "Invoking processLine" {len=6, use="repl"}"
 *   actual:   "  @ "Invoking processLine" {len=5, use="repl"}"
 * --- expected ---
 * ...
 * </pre>
 */
final class TreeMismatch {

  /** Start of the message; the line number and both versions of that line follow. */
  static final String HEADER = "span trees differ at line ";

  private TreeMismatch() {}

  /** The failure for two different renderings (one span or annotation per line). */
  static AssertionFailedError of(String expected, String actual) {
    String[] expectedLines = expected.split("\n", -1);
    String[] actualLines = actual.split("\n", -1);
    int line = 0;
    while (line < expectedLines.length
        && line < actualLines.length
        && expectedLines[line].equals(actualLines[line])) {
      line++;
    }
    String message =
        HEADER + (line + 1) + ":\n"
            + "  expected: " + lineOrEnd(expectedLines, line) + "\n"
            + "  actual:   " + lineOrEnd(actualLines, line) + "\n"
            + "--- expected ---\n" + expected
            + "--- actual ---\n" + actual;
    return new AssertionFailedError(message, expected, actual);
  }

  // A rendering ends with "\n", so its last split element is empty: that is the end of the trees.
  private static String lineOrEnd(String[] lines, int index) {
    boolean end = index >= lines.length || (index == lines.length - 1 && lines[index].isEmpty());
    return end ? "(no more spans)" : "\"" + lines[index] + "\"";
  }
}
