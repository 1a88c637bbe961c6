package dev.traced.aspects;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * The text of an {@code @Attr} value that has no attribute type of its own: bounded in cost and
 * never failing. Arrays, and the JDK's own collections and maps, are listed element by element
 * only as far as the text fits in {@value AttributeValues#MAX_STRING_BYTES} UTF-8 bytes, then end
 * with their size, e.g. {@code [0, 0, 0, … (20000000 elements)]}; anything else is its
 * {@code toString()}. A {@code toString()} that returns {@code null} or throws anything becomes a
 * readable placeholder ({@value #RETURNED_NULL}, {@code <toString() failed: java.io.IOException>}),
 * so that a hostile argument can never cost the span, its children or its annotation.
 *
 * <p>A {@link VirtualMachineError} other than {@link StackOverflowError} thrown by a
 * {@code toString()} (an {@link OutOfMemoryError}, say) also becomes a placeholder, since the
 * traced method has to run either way; but it says something about the whole JVM, so it is also
 * logged, once ({@link AspectFailures#reportAttribute}).
 */
final class AttributeText {

  /** The text of a value whose {@code toString()} returned {@code null}. */
  static final String RETURNED_NULL = "<toString() returned null>";

  /** Prefix of the text of a value whose {@code toString()} threw; the class name follows. */
  static final String FAILED = "<toString() failed: ";

  /** Marks elements left out of an array's or collection's text; its size follows. */
  static final String MORE = "…";

  // Arrays and collections nested deeper than this (or containing themselves) are not opened.
  private static final int MAX_NESTING = 8;

  private AttributeText() {}

  /** The text of {@code value}, at most {@value AttributeValues#MAX_STRING_BYTES} UTF-8 bytes. */
  static String of(Object value) {
    return AttributeValues.truncate(text(value, 0));
  }

  private static String text(Object value, int depth) {
    try {
      if (value == null) {
        return "null";
      }
      if (value.getClass().isArray()) {
        return depth >= MAX_NESTING ? "[" + MORE + "]" : array(value, depth);
      }
      if (value instanceof Collection<?> collection && isJdkType(value)) {
        return depth >= MAX_NESTING
            ? "[" + MORE + "]"
            : elements("[", collection.iterator(), collection.size(), "]", depth);
      }
      if (value instanceof CharSequence chars && isJdkType(value)) {
        // A StringBuilder's toString() would copy it whole; more chars than bytes are never kept.
        return chars.subSequence(0, Math.min(chars.length(), AttributeValues.MAX_STRING_BYTES))
            .toString();
      }
      if (value instanceof Map<?, ?> map && isJdkType(value)) {
        return depth >= MAX_NESTING
            ? "{" + MORE + "}"
            : elements("{", map.entrySet().iterator(), map.size(), "}", depth);
      }
      String text = value.toString();
      return text == null ? RETURNED_NULL : text;
    } catch (StackOverflowError tooDeep) {
      return FAILED + tooDeep.getClass().getName() + ">";
    } catch (VirtualMachineError jvmInTrouble) {
      AspectFailures.reportAttribute(jvmInTrouble);
      return FAILED + jvmInTrouble.getClass().getName() + ">";
    } catch (Throwable failure) {
      // Also checked exceptions, which a toString() can throw by sneaking them past javac.
      return FAILED + failure.getClass().getName() + ">";
    }
  }

  /**
   * Only the JDK's collections and maps are listed here: their toString() would list every
   * element. A user's collection keeps its own toString(), whatever it says.
   */
  private static boolean isJdkType(Object value) {
    return value.getClass().getName().startsWith("java.");
  }

  private static String array(Object array, int depth) {
    int length = Array.getLength(array);
    return elements("[", new ArrayElements(array, length), length, "]", depth);
  }

  /**
   * {@code open e0, e1, close} if every element fits in the byte limit; else as many as fit with
   * the count after them: {@code [1, 2, … (1000 elements)]}. Reads at most one element past the
   * limit.
   */
  private static String elements(
      String open, Iterator<?> elements, int size, String close, int depth) {
    String cut = MORE + " (" + size + " elements)" + close;
    int cutBytes = AttributeValues.utf8Length(cut) + 2; // with its ", "
    StringBuilder text = new StringBuilder(open);
    int bytes = open.length();
    // The longest prefix of the text that still leaves room for the cut mark.
    int cutAt = text.length();
    boolean first = true;
    while (elements.hasNext()) {
      String element = element(elements.next(), depth);
      int elementBytes = AttributeValues.utf8Length(element) + (first ? 0 : 2);
      if (bytes + elementBytes + close.length() > AttributeValues.MAX_STRING_BYTES) {
        text.setLength(cutAt);
        return text.append(cutAt == open.length() ? "" : ", ").append(cut).toString();
      }
      text.append(first ? "" : ", ").append(element);
      bytes += elementBytes;
      first = false;
      if (bytes + cutBytes <= AttributeValues.MAX_STRING_BYTES) {
        cutAt = text.length();
      }
    }
    return text.append(close).toString();
  }

  private static String element(Object element, int depth) {
    if (element instanceof Map.Entry<?, ?> entry) {
      return element(entry.getKey(), depth) + "=" + element(entry.getValue(), depth);
    }
    // Cut long element texts first: one huge string must not be copied whole.
    return AttributeValues.truncate(text(element, depth + 1));
  }

  /** The elements of any array, boxed one at a time, as they are read. */
  private static final class ArrayElements implements Iterator<Object> {
    private final Object array;
    private final int length;
    private int next;

    ArrayElements(Object array, int length) {
      this.array = array;
      this.length = length;
    }

    @Override
    public boolean hasNext() {
      return next < length;
    }

    @Override
    public Object next() {
      return Array.get(array, next++);
    }
  }
}
