package dev.traced.aspects;

import static dev.traced.testing.ExpectedSpan.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.testing.SpanCapture;
import io.opencensus.common.Scope;
import io.opencensus.trace.Annotation;
import io.opencensus.trace.AttributeValue;
import io.opencensus.trace.BlankSpan;
import io.opencensus.trace.EndSpanOptions;
import io.opencensus.trace.Link;
import io.opencensus.trace.Span;
import io.opencensus.trace.Tracer;
import io.opencensus.trace.Tracing;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An exit that runs out of stack (restoring the previous span, or ending the span) is finished by
 * the caller's exit, higher up the stack: the span still ends, in its place in the tree, and the
 * previous span is restored.
 */
class OverflowingExitTest {

  @RegisterExtension static final SpanCapture spans = new SpanCapture();

  private final Tracer tracer = Tracing.getTracer();

  @Test
  void spanWhoseRestoreOverflowsEndsAtTheCallersExit() {
    Span outer = tracer.spanBuilder("outer").startSpan();
    Scope outerScope = SpanLifecycle.enter(outer);
    Span inner = tracer.spanBuilder("inner").startSpan();
    Scope innerScope = SpanLifecycle.enter(inner);

    SpanLifecycle.exit(inner, new OverflowingOnceScope(innerScope));
    SpanLifecycle.exit(outer, outerScope);

    assertThat(tracer.getCurrentSpan()).isSameAs(BlankSpan.INSTANCE);
    spans.assertTrees(span("outer").child(span("inner")));
  }

  @Test
  void spanWhoseEndOverflowsEndsAtTheCallersExit() {
    Span outer = tracer.spanBuilder("outer").startSpan();
    Scope outerScope = SpanLifecycle.enter(outer);
    Span inner = tracer.spanBuilder("inner").startSpan();
    Scope innerScope = SpanLifecycle.enter(inner);

    SpanLifecycle.exit(new OverflowingOnceSpan(inner), innerScope);
    assertThat(tracer.getCurrentSpan()).isSameAs(outer);
    SpanLifecycle.exit(outer, outerScope);

    assertThat(tracer.getCurrentSpan()).isSameAs(BlankSpan.INSTANCE);
    spans.assertTrees(span("outer").child(span("inner")));
  }

  @Test
  void nextTracedCallRestoresTheSpanAnOverflowLeftCurrentBeforeChoosingItsParent() {
    Span outer = tracer.spanBuilder("outer").startSpan();
    Scope outerScope = SpanLifecycle.enter(outer);
    Span inner = tracer.spanBuilder("inner").startSpan();
    Scope innerScope = SpanLifecycle.enter(inner);
    SpanLifecycle.exit(inner, new OverflowingOnceScope(innerScope));

    // The caller goes on to call a traced method before its own exit.
    new TracedFixture().publicMethod("next");
    SpanLifecycle.exit(outer, outerScope);

    spans.assertTrees(
        span("outer").child(span("inner"), span("TracedFixture.publicMethod")));
  }

  /** Throws StackOverflowError at its first close, as at overflow depth; then closes. */
  private static final class OverflowingOnceScope implements Scope {
    private final Scope delegate;
    private boolean overflowed;

    OverflowingOnceScope(Scope delegate) {
      this.delegate = delegate;
    }

    @Override
    public void close() {
      if (!overflowed) {
        overflowed = true;
        throw new StackOverflowError();
      }
      delegate.close();
    }
  }

  /** Throws StackOverflowError at its first end, as at overflow depth; then ends. */
  private static final class OverflowingOnceSpan extends Span {
    private final Span delegate;
    private boolean overflowed;

    OverflowingOnceSpan(Span delegate) {
      super(delegate.getContext(), java.util.EnumSet.copyOf(delegate.getOptions()));
      this.delegate = delegate;
    }

    @Override
    public void end(EndSpanOptions options) {
      if (!overflowed) {
        overflowed = true;
        throw new StackOverflowError();
      }
      delegate.end(options);
    }

    @Override
    public void putAttributes(Map<String, AttributeValue> attributes) {
      delegate.putAttributes(attributes);
    }

    @Override
    public void addAnnotation(String description, Map<String, AttributeValue> attributes) {
      delegate.addAnnotation(description, attributes);
    }

    @Override
    public void addAnnotation(Annotation annotation) {
      delegate.addAnnotation(annotation);
    }

    @Override
    public void addLink(Link link) {
      delegate.addLink(link);
    }
  }
}
