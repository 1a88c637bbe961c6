package dev.traced.aspects;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.testing.LogRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The text of values without an attribute type of their own: nesting opened exactly eight levels
 * deep, a user's collection keeps its own toString(), and a JVM error in a toString() is logged
 * once however often it happens.
 */
class AttributeTextTest {

  private static Object nestedLists(int levels) {
    Object value = "x";
    for (int i = 0; i < levels; i++) {
      value = List.of(value);
    }
    return value;
  }

  private static Object nestedMaps(int levels) {
    Object value = "x";
    for (int i = 0; i < levels; i++) {
      value = Map.of("k", value);
    }
    return value;
  }

  private static Object nestedArrays(int levels) {
    Object value = "x";
    for (int i = 0; i < levels; i++) {
      value = new Object[] {value};
    }
    return value;
  }

  @Test
  void eightLevelsOfNestingAreOpenedAndTheNinthIsNot() {
    assertThat(AttributeText.of(nestedLists(8))).isEqualTo("[".repeat(8) + "x" + "]".repeat(8));
    assertThat(AttributeText.of(nestedLists(9)))
        .isEqualTo("[".repeat(8) + "[" + AttributeText.MORE + "]" + "]".repeat(8));
    assertThat(AttributeText.of(nestedArrays(8))).isEqualTo("[".repeat(8) + "x" + "]".repeat(8));
    assertThat(AttributeText.of(nestedArrays(9)))
        .isEqualTo("[".repeat(8) + "[" + AttributeText.MORE + "]" + "]".repeat(8));
    assertThat(AttributeText.of(nestedMaps(8))).isEqualTo("{k=".repeat(8) + "x" + "}".repeat(8));
    assertThat(AttributeText.of(nestedMaps(9)))
        .isEqualTo("{k=".repeat(8) + "{" + AttributeText.MORE + "}" + "}".repeat(8));
  }

  /** A user's list: its own toString() is its text, whatever it holds. */
  private static final class Basket extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String toString() {
      return "basket of " + size();
    }
  }

  @Test
  void aUsersCollectionKeepsItsOwnToString() {
    Basket basket = new Basket();
    basket.add("apple");
    assertThat(AttributeText.of(basket)).isEqualTo("basket of 1");
  }

  @Test
  void longCharSequencesAreCutWithoutCopyingThemWhole() {
    StringBuilder text = new StringBuilder("y".repeat(10_000));
    assertThat(AttributeText.of(text)).isEqualTo("y".repeat(AttributeValues.MAX_STRING_BYTES));
  }

  @Test
  void aJvmErrorInToStringIsLoggedOnceHoweverOftenItHappens() {
    Object exhausted =
        new Object() {
          @Override
          public String toString() {
            throw new OutOfMemoryError("no heap");
          }
        };
    LogRecords logs = new LogRecords();
    Logger logger = Logger.getLogger("dev.traced.aspects");
    AspectFailures.resetForTests();
    logger.addHandler(logs);
    logger.setUseParentHandlers(false);
    try {
      assertThat(AttributeText.of(exhausted))
          .isEqualTo(AttributeText.FAILED + "java.lang.OutOfMemoryError>");
      assertThat(logs.records()).as("the first time").hasSize(1);
      assertThat(AttributeText.of(exhausted))
          .isEqualTo(AttributeText.FAILED + "java.lang.OutOfMemoryError>");
    } finally {
      logger.removeHandler(logs);
      logger.setUseParentHandlers(true);
    }
    assertThat(logs.records()).hasSize(1);
    assertThat(logs.records().get(0).getMessage())
        .isEqualTo(AspectFailures.ATTRIBUTE_FAILED.replace("%s", "java.lang.OutOfMemoryError"));
  }

  @Test
  void anElementThatLeavesNoRoomForTheClosingBracketIsCounted() {
    // "[" + 255 bytes = 256: the "]" would be byte 257.
    assertThat(AttributeText.of(List.of("x".repeat(255))))
        .isEqualTo("[" + AttributeText.MORE + " (1 elements)]");
    assertThat(AttributeText.of(List.of("x".repeat(254)))).isEqualTo("[" + "x".repeat(254) + "]");
  }
}
