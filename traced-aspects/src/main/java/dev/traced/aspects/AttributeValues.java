package dev.traced.aspects;

import io.opencensus.trace.AttributeValue;
import java.nio.charset.StandardCharsets;

/**
 * Maps Java values to OpenCensus attribute values: strings, integral numbers, floating point
 * numbers and booleans keep their type, {@code null} becomes no attribute, and anything else
 * becomes text as {@link AttributeText} makes it (bounded, never failing).
 */
final class AttributeValues {

  /** Cloud Trace keeps at most 256 bytes of an attribute value; longer ones are rejected. */
  static final int MAX_STRING_BYTES = 256;

  private AttributeValues() {}

  /** The attribute value for {@code value}, or {@code null} to leave the attribute out. */
  static AttributeValue of(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String) {
      return AttributeValue.stringAttributeValue(truncate((String) value));
    }
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      return AttributeValue.longAttributeValue(((Number) value).longValue());
    }
    if (value instanceof Double || value instanceof Float) {
      return AttributeValue.doubleAttributeValue(((Number) value).doubleValue());
    }
    if (value instanceof Boolean) {
      return AttributeValue.booleanAttributeValue((Boolean) value);
    }
    return AttributeValue.stringAttributeValue(AttributeText.of(value));
  }

  /** Cuts {@code text} to at most {@link #MAX_STRING_BYTES} UTF-8 bytes, never inside a character. */
  static String truncate(String text) {
    // A char is at most 3 UTF-8 bytes: short strings need no counting.
    if (text.length() <= MAX_STRING_BYTES / 3) {
      return text;
    }
    int bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int width;
      if (c < 0x80) {
        width = 1;
      } else if (c < 0x800) {
        width = 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        width = 4;
      } else {
        width = 3;
      }
      if (bytes + width > MAX_STRING_BYTES) {
        return text.substring(0, i);
      }
      bytes += width;
      if (width == 4) {
        i++;
      }
    }
    return text;
  }

  /** The UTF-8 length of {@code text}; for tests and checks. */
  static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
