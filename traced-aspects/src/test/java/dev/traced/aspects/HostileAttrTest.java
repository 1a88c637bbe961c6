package dev.traced.aspects;

import static dev.traced.testing.ExpectedSpan.attrs;
import static dev.traced.testing.ExpectedSpan.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.testing.ExpectedSpan;
import dev.traced.testing.LogRecords;
import dev.traced.testing.SpanCapture;
import io.opencensus.common.Scope;
import io.opencensus.trace.Span;
import io.opencensus.trace.Tracer;
import io.opencensus.trace.Tracing;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An @Attr argument that cannot be turned into text, or only at great cost, becomes a readable,
 * bounded attribute; the span, its children and its annotation are unaffected.
 */
class HostileAttrTest {

  @RegisterExtension static final SpanCapture spans = new SpanCapture();

  private final HostileFixture fixture = new HostileFixture();
  private final Tracer tracer = Tracing.getTracer();

  /** An object whose toString() does what {@code body} does. */
  private static Object textOf(Supplier<String> body) {
    return new Object() {
      @Override
      public String toString() {
        return body.get();
      }
    };
  }

  static Stream<Arguments> hostileValues() {
    return Stream.of(
        Arguments.of("returns null", textOf(() -> null), AttributeText.RETURNED_NULL),
        Arguments.of(
            "throws an Error",
            textOf(
                () -> {
                  throw new AssertionError("no text");
                }),
            "<toString() failed: java.lang.AssertionError>"),
        Arguments.of(
            "sneaks a checked exception",
            textOf(() -> Rethrow.<RuntimeException>unchanged(new IOException("no text")) + ""),
            "<toString() failed: java.io.IOException>"));
  }

  @ParameterizedTest(name = "toString() {0}: span attribute")
  @MethodSource("hostileValues")
  void spanAttributeBecomesAPlaceholder(String what, Object value, String placeholder) {
    assertThat(fixture.traced(value)).isEqualTo("child");
    spans.assertTrees(
        span("HostileFixture.traced").attribute("value", placeholder).child(childSpan()));
  }

  @ParameterizedTest(name = "toString() {0}: annotation of a traced method")
  @MethodSource("hostileValues")
  void annotationAttributeBecomesAPlaceholder(String what, Object value, String placeholder) {
    assertThat(fixture.tracedAndAnnotated(value)).isEqualTo("child");
    spans.assertTrees(
        span("HostileFixture.tracedAndAnnotated")
            .annotation("annotated", attrs("value", placeholder))
            .child(childSpan()));
  }

  @ParameterizedTest(name = "toString() {0}: more than four parameters")
  @MethodSource("hostileValues")
  void joinPointArgumentBecomesAPlaceholder(String what, Object value, String placeholder) {
    assertThat(fixture.fiveParameters(value, 2, 3, 4, 5)).isEqualTo("child");
    spans.assertTrees(
        span("HostileFixture.fiveParameters").attribute("value", placeholder).child(childSpan()));
  }

  @ParameterizedTest(name = "toString() {0}: annotation on the caller's span")
  @MethodSource("hostileValues")
  void callersAnnotationAttributeBecomesAPlaceholder(
      String what, Object value, String placeholder) {
    Span manual = tracer.spanBuilder("manual").startSpan();
    try (Scope ignored = tracer.withSpan(manual)) {
      assertThat(fixture.annotatedOnly(value)).isEqualTo("child");
    } finally {
      manual.end();
    }
    spans.assertTrees(
        span("manual")
            .annotation("annotated only", attrs("value", placeholder))
            .child(childSpan()));
  }

  @Test
  void outOfMemoryInToStringKeepsTheSpanAndIsLoggedOnce() {
    Object exhausting =
        textOf(
            () -> {
              throw new OutOfMemoryError("simulated");
            });
    List<LogRecord> records = captureLog(() -> {
      fixture.traced(exhausting);
      fixture.traced(exhausting);
    });
    String placeholder = "<toString() failed: java.lang.OutOfMemoryError>";
    spans.assertTrees(
        span("HostileFixture.traced").attribute("value", placeholder).child(childSpan()),
        span("HostileFixture.traced").attribute("value", placeholder).child(childSpan()));
    assertThat(records).hasSize(1);
    assertThat(records.get(0).getMessage())
        .isEqualTo(String.format(AspectFailures.ATTRIBUTE_FAILED, "java.lang.OutOfMemoryError"));
  }

  @Test
  void hugeArrayCostsNeitherTimeNorMemory() {
    int[] huge = new int[20_000_000];
    long start = System.nanoTime();
    fixture.traced(huge);
    long millis = (System.nanoTime() - start) / 1_000_000;
    // Listing every element took 1-3 s; the bound makes it microseconds. A second is slack
    // for a loaded machine, not a target.
    assertThat(millis).isLessThan(1_000);
    // 256 bytes exactly: one more "0, " would not fit.
    String expected = "[" + "0, ".repeat(77) + "… (20000000 elements)]";
    assertThat(AttributeValues.utf8Length(expected)).isEqualTo(256);
    spans.assertTrees(
        span("HostileFixture.traced").attribute("value", expected).child(childSpan()));
  }

  @Test
  void listsMapsAndStringBuildersOfTheJdkAreCutLikeArrays() {
    List<Integer> numbers = new ArrayList<>(Collections.nCopies(1_000_000, 7));
    fixture.traced(numbers);
    fixture.traced(Map.of("k", "v"));
    fixture.traced(List.of("a", "b"));
    fixture.traced(new StringBuilder("x".repeat(10_000_000)));
    spans.assertTrees(
        span("HostileFixture.traced")
            .attribute("value", "[" + "7, ".repeat(77) + "… (1000000 elements)]")
            .child(childSpan()),
        span("HostileFixture.traced").attribute("value", "{k=v}").child(childSpan()),
        span("HostileFixture.traced").attribute("value", "[a, b]").child(childSpan()),
        span("HostileFixture.traced").attribute("value", "x".repeat(256)).child(childSpan()));
  }

  @Test
  void arraysAreListedWholeWhenTheyFitAndCutToTheLimitWhenNot() {
    // "[é, é]": 4 bytes per two-byte element, so 64 elements fit in 256 bytes and 65 do not.
    for (int length = 0; length <= 200; length++) {
      String[] words = IntStream.range(0, length).mapToObj(i -> "é").toArray(String[]::new);
      String text = AttributeText.of(words);
      assertThat(AttributeValues.utf8Length(text)).as(text).isLessThanOrEqualTo(256);
      if (length <= 64) {
        assertThat(text).isEqualTo(Arrays.toString(words));
      } else {
        assertThat(text).endsWith(", … (" + length + " elements)]");
        int listed = text.split("é", -1).length - 1;
        // One more element (4 bytes with its separator) would not have fitted.
        assertThat(AttributeValues.utf8Length(text) + 4).as(text).isGreaterThan(256);
        assertThat(listed).isLessThan(length);
      }
    }
  }

  private static ExpectedSpan childSpan() {
    return span("HostileFixture.child");
  }

  private static List<LogRecord> captureLog(Runnable body) {
    LogRecords handler = new LogRecords();
    List<LogRecord> records = handler.records();
    AspectFailures.resetForTests();
    Logger logger = Logger.getLogger("dev.traced.aspects");
    logger.addHandler(handler);
    logger.setUseParentHandlers(false);
    try {
      body.run();
    } finally {
      logger.removeHandler(handler);
      logger.setUseParentHandlers(true);
    }
    return records;
  }
}
