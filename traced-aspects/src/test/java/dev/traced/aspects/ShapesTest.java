package dev.traced.aspects;

import static dev.traced.testing.ExpectedSpan.attrs;
import static dev.traced.testing.ExpectedSpan.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.aspects.ShapesFixture.Direction;
import dev.traced.aspects.ShapesFixture.Greeter;
import dev.traced.aspects.ShapesFixture.Point;
import dev.traced.aspects.ShapesFixture.PoliteGreeter;
import dev.traced.testing.SpanCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Interfaces, records and enums load and are traced (class-file rules differ for them). */
class ShapesTest {

  @RegisterExtension static final SpanCapture spans = new SpanCapture();

  @Test
  void interfaceDefaultAndStaticMethodsAreTraced() {
    Greeter greeter = new PoliteGreeter();
    assertThat(greeter.greet("ada")).isEqualTo("hello ada");
    assertThat(Greeter.shout("hey")).isEqualTo("hey!");
    spans.assertTrees(span("Greeter.greet"), span("Greeter.shout"));
  }

  @Test
  void interfaceDefaultMethodCanAnnotate() {
    Greeter greeter = new PoliteGreeter();
    new TracedFixture().genericMethod(greeter); // no span current here: nothing recorded
    io.opencensus.trace.Tracer tracer = io.opencensus.trace.Tracing.getTracer();
    io.opencensus.trace.Span manual = tracer.spanBuilder("manual").startSpan();
    try (io.opencensus.common.Scope ignored = tracer.withSpan(manual)) {
      greeter.annotate("bob");
    } finally {
      manual.end();
    }
    spans.assertTrees(
        span("TracedFixture.genericMethod"),
        span("manual").annotation("greeting", attrs("who", "bob")));
  }

  @Test
  void interfaceMethodsWithAttrParametersAreTraced() {
    assertThat(new PoliteGreeter().greetWith("ada", 2)).isEqualTo("hi ada hi ada");
    assertThat(Greeter.shoutWith("bob")).isEqualTo("bob!!");
    spans.assertTrees(
        span("Greeter.greetWith").attribute("who", "ada").attribute("times", 2),
        span("Greeter.shoutWith").attribute("who", "bob"));
  }

  @Test
  void recordMethodsAreTraced() {
    assertThat(new Point(2, 3).sum()).isEqualTo(5);
    assertThat(Point.origin()).isEqualTo(new Point(0, 0));
    spans.assertTrees(span("Point.sum"), span("Point.origin"));
  }

  @Test
  void enumMethodsAndConstantBodiesAreTraced() {
    assertThat(Direction.SOUTH.arrow()).isEqualTo("v");
    assertThat(Direction.NORTH.arrow()).isEqualTo("^");
    assertThat(Direction.flip(Direction.NORTH)).isEqualTo(Direction.SOUTH);
    spans.assertTrees(
        span("Direction.arrow"), span("ShapesFixture$Direction$1.arrow"), span("Direction.flip"));
  }
}
