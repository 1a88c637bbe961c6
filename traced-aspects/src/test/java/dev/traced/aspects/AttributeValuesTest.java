package dev.traced.aspects;

import static org.assertj.core.api.Assertions.assertThat;

import io.opencensus.trace.AttributeValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Attribute values as Cloud Trace accepts them: at most 256 UTF-8 bytes, never cut inside a
 * character (a surrogate pair is one 4-byte character); and each Java type mapped to its own.
 */
class AttributeValuesTest {

  private static int utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * {@code count} copies of the character {@code hex} (a code point) after {@code ascii} ASCII
   * letters, cut: the expected kept count of those characters.
   */
  @ParameterizedTest(name = "{0} x U+{1} after {2} ASCII keeps {3}")
  @CsvSource({
    // 85 chars of 3 bytes = 255 bytes: short strings are never counted, and fit.
    "85, 6771, 0, 85",
    // 86 chars of 3 bytes = 258 bytes: the first string that is counted, cut to 85.
    "86, 6771, 0, 85",
    "256, 61, 0, 256",
    "257, 61, 0, 256",
    // 2-byte characters at both ends of the 2-byte range.
    "129, 80, 0, 128",
    "129, 7ff, 0, 128",
    // 3-byte at the start of its range: 0x800.
    "86, 800, 0, 85",
    // 1-byte at the top of ASCII.
    "257, 7f, 0, 256",
    // A surrogate pair is one 4-byte character: 252 + 4 fits, 253 + 4 does not (never half).
    "1, 1f600, 252, 1",
    "1, 1f600, 253, 0",
    "64, 1f600, 0, 64",
    "65, 1f600, 0, 64",
  })
  void cutsAt256Utf8BytesOnCharacterBoundaries(int count, String hex, int ascii, int kept) {
    String character = Character.toString(Integer.parseInt(hex, 16));
    String text = "a".repeat(ascii) + character.repeat(count);
    String cut = AttributeValues.truncate(text);
    assertThat(cut).isEqualTo("a".repeat(ascii) + character.repeat(kept));
    assertThat(utf8(cut)).isLessThanOrEqualTo(AttributeValues.MAX_STRING_BYTES);
  }

  @Test
  void loneSurrogatesCountAsThreeBytes() {
    // Encoded as '?' (1 byte) by Java, but counted as 3 to stay on the safe side.
    String text = "\ud83d".repeat(86);
    assertThat(AttributeValues.truncate(text)).hasSize(85);
    String highThenAscii = "a".repeat(253) + "\ud83d" + "b";
    assertThat(AttributeValues.truncate(highThenAscii)).isEqualTo("a".repeat(253) + "\ud83d");
  }

  @ParameterizedTest
  @ValueSource(strings = {"int", "long", "short", "byte"})
  void integralNumbersAreLongAttributes(String type) {
    Object value =
        switch (type) {
          case "int" -> Integer.valueOf(-3);
          case "long" -> Long.valueOf(-3);
          case "short" -> Short.valueOf((short) -3);
          default -> Byte.valueOf((byte) -3);
        };
    assertThat(AttributeValues.of(value)).isEqualTo(AttributeValue.longAttributeValue(-3));
  }

  @Test
  void otherTypesKeepTheirOwnOrBecomeText() {
    assertThat(AttributeValues.of(0.5f)).isEqualTo(AttributeValue.doubleAttributeValue(0.5));
    assertThat(AttributeValues.of(0.25)).isEqualTo(AttributeValue.doubleAttributeValue(0.25));
    assertThat(AttributeValues.of(Boolean.FALSE)).isEqualTo(AttributeValue.booleanAttributeValue(false));
    assertThat(AttributeValues.of(null)).isNull();
    assertThat(AttributeValues.of('c')).isEqualTo(AttributeValue.stringAttributeValue("c"));
    assertThat(AttributeValues.of(new StringBuilder("sb"))).isEqualTo(AttributeValue.stringAttributeValue("sb"));
    assertThat(AttributeValues.of("x".repeat(300)))
        .isEqualTo(AttributeValue.stringAttributeValue("x".repeat(256)));
  }
}
