package dev.traced.aspects;

import static dev.traced.testing.ExpectedSpan.span;

import dev.traced.testing.SpanCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Virtual and platform threads made with the JDK 21 thread builders carry the span. */
class VirtualThreadsTest {

  @RegisterExtension static final SpanCapture spans = new SpanCapture();

  @Test
  void threadsFromBuildersAndVirtualExecutorsAreChildrenOfTheHandingSpan() throws Exception {
    new VirtualThreadFixture().threadBuilders(new HandOffFixture());
    spans.assertTrees(
        span("threadBuilders")
            .child(
                span("task").attribute("n", 1),
                span("task").attribute("n", 2),
                span("task").attribute("n", 3),
                span("task").attribute("n", 4),
                span("task").attribute("n", 5)));
  }
}
