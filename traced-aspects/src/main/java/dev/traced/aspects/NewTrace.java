package dev.traced.aspects;

import io.opencensus.trace.Span;
import io.opencensus.trace.SpanBuilder;
import io.opencensus.trace.Tracer;
import java.util.Collections;

/**
 * Starts the span of a {@code @Traced(newTrace = true)} method: the root of a new trace, linked to
 * the span that was current at the call (if any) through OpenCensus' parent links, which add a
 * {@code PARENT_LINKED_SPAN} link to the new span and a {@code CHILD_LINKED_SPAN} link to the
 * current one.
 */
final class NewTrace {

  private NewTrace() {}

  /** Starts a root span named {@code name}, linked to the current span when there is one. */
  static Span start(Tracer tracer, String name, Span.Kind kind) {
    Span current = tracer.getCurrentSpan();
    SpanBuilder builder =
        tracer.spanBuilderWithExplicitParent(name, null).setSpanKind(kind);
    // BlankSpan (no current span) has an invalid context: nothing to link to.
    if (current != null && current.getContext().isValid()) {
      builder.setParentLinks(Collections.singletonList(current));
    }
    return builder.startSpan();
  }
}
