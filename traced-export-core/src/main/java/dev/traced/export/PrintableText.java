package dev.traced.export;

import java.util.Locale;

/**
 * Makes user text safe to print on a terminal: every character that could move the cursor,
 * clear or recolour the screen, or reorder what is shown becomes a visible escape such as
 * &#92;u001b.
 *
 * <pre>
 * PrintableText.escape(span.getName())   // ESC [ 2 J prints as &#92;u001b[2J, not a cleared screen
 * </pre>
 *
 * <p>Escaped: C0 controls (U+0000–U+001F), DEL (U+007F), C1 controls (U+0080–U+009F, among them
 * U+009B, a one-character escape sequence introducer), the line and paragraph separators
 * (U+2028, U+2029), and the bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E,
 * U+2066–U+2069), which can make a line read differently from what it contains.
 */
public final class PrintableText {

  private PrintableText() {}

  /** Whether {@code c} is printed as an escape. */
  public static boolean needsEscape(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || c == 0x061c
        || c == 0x200e
        || c == 0x200f
        || c == 0x2028
        || c == 0x2029
        || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069);
  }

  /** {@code text} with every character that {@link #needsEscape needs it} as {@code \}{@code uXXXX}. */
  public static String escape(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (needsEscape(c)) {
        if (out == null) {
          out = new StringBuilder(text.length() + 8).append(text, 0, i);
        }
        appendEscape(out, c);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  /** Appends {@code c} as {@code \}{@code uXXXX} (lower-case hex). */
  static void appendEscape(StringBuilder out, char c) {
    out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
  }
}
