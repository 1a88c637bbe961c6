package dev.traced.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which characters print as escapes: each range's first and last member, and its neighbours. */
class PrintableTextTest {

  @ParameterizedTest(name = "U+{0}: escaped {1}")
  @CsvSource({
    "0000, true", "001f, true", "0020, false",
    "007e, false", "007f, true", "009f, true", "00a0, false",
    "061b, false", "061c, true", "061d, false",
    "200d, false", "200e, true", "200f, true", "2010, false",
    "2027, false", "2028, true", "2029, true",
    "202a, true", "202e, true", "202f, false",
    "2065, false", "2066, true", "2069, true", "206a, false",
  })
  void escapesExactlyTheListedRanges(String hex, boolean escaped) {
    char c = (char) Integer.parseInt(hex, 16);
    assertThat(PrintableText.needsEscape(c)).isEqualTo(escaped);
    assertThat(PrintableText.escape("a" + c + "b"))
        .isEqualTo(escaped ? "a\\u" + hex + "b" : "a" + c + "b");
  }
}
