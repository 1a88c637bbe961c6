package dev.traced.aspects;

import dev.traced.annotations.Annotate;
import dev.traced.annotations.Attr;
import dev.traced.annotations.Traced;

/** Type shapes with special class-file rules: interfaces, records, enums. */
final class ShapesFixture {

  private ShapesFixture() {}

  /** Traced default and static interface methods (ajc must add no illegal field here). */
  interface Greeter {
    @Traced
    default String greet(String name) {
      return "hello " + name;
    }

    @Traced
    static String shout(String name) {
      return name + "!";
    }

    @Annotate("greeting")
    default void annotate(@Attr("who") String who) {}

    @Traced
    default String greetWith(@Attr("who") String who, @Attr("times") int times) {
      return ("hi " + who + " ").repeat(times).trim();
    }

    @Traced
    static String shoutWith(@Attr("who") String who) {
      return who + "!!";
    }
  }

  static final class PoliteGreeter implements Greeter {}

  /** A record: its accessor-like methods and compact logic are ordinary methods. */
  record Point(int x, int y) {
    @Traced
    int sum() {
      return x + y;
    }

    @Traced
    static Point origin() {
      return new Point(0, 0);
    }
  }

  enum Direction {
    NORTH {
      @Traced
      @Override
      String arrow() {
        return "^";
      }
    },
    SOUTH;

    @Traced
    String arrow() {
      return "v";
    }

    @Traced
    static Direction flip(Direction direction) {
      return direction == NORTH ? SOUTH : NORTH;
    }
  }
}
