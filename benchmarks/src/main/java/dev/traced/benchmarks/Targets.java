package dev.traced.benchmarks;

import dev.traced.annotations.Annotate;
import dev.traced.annotations.Attr;
import dev.traced.annotations.Attribute;
import dev.traced.annotations.Traced;
import io.opencensus.common.Scope;
import io.opencensus.trace.AttributeValue;
import io.opencensus.trace.EndSpanOptions;
import io.opencensus.trace.Span;
import io.opencensus.trace.Tracer;
import io.opencensus.trace.Tracing;
import java.util.HashMap;
import java.util.Map;

/** The traced methods under test, one class per way of tracing. */
final class Targets {

  private Targets() {}

  /** Annotation description and attributes shared by the hand-written and the woven variant. */
  static final String DESCRIPTION = "Invoking work";

  static final String USE_KEY = "use";
  static final String USE_VALUE = "primary";
  static final String LEN_KEY = "len";

  /** No tracing at all. */
  static final class Plain {
    String work(String text) {
      return Body.work(text);
    }
  }

  /** The OpenCensus quickstart, written by hand. */
  static final class HandWritten {
    private static final Tracer TRACER = Tracing.getTracer();
    private static final EndSpanOptions LOCAL_STORE =
        EndSpanOptions.builder().setSampleToLocalSpanStore(true).build();

    String work(String text) {
      try (Scope ignored = TRACER.spanBuilder("HandWritten.work").startScopedSpan()) {
        return Body.work(text);
      }
    }

    /**
     * The same span ended with {@code sampleToLocalSpanStore}, as the aspect ends its spans while
     * the bootstrap's zPages exporter is on (so zPages lists them): isolates what that option
     * costs, mostly on OpenCensus' export thread.
     */
    String workLocalStore(String text) {
      Span span = TRACER.spanBuilder("HandWritten.workLocalStore").startSpan();
      try (Scope ignored = TRACER.withSpan(span)) {
        return Body.work(text);
      } finally {
        span.end(LOCAL_STORE);
      }
    }

    /** The quickstart's annotation: it builds the attribute map whether or not the span records. */
    String workAnnotated(String text) {
      try (Scope ignored = TRACER.spanBuilder("HandWritten.workAnnotated").startScopedSpan()) {
        Map<String, AttributeValue> attributes = new HashMap<>();
        attributes.put(LEN_KEY, AttributeValue.longAttributeValue(text.length()));
        attributes.put(USE_KEY, AttributeValue.stringAttributeValue(USE_VALUE));
        TRACER.getCurrentSpan().addAnnotation(DESCRIPTION, attributes);
        return Body.work(text);
      }
    }
  }

  /** Ours: woven at build time by traced-aspects from aspectLibraries. */
  static final class Woven {
    /** Default span name ("Woven.work"), the way most users write it. */
    @Traced
    String work(String text) {
      return Body.work(text);
    }

    /** An explicit name: no per-call lookup of the default name. */
    @Traced(name = "Woven.workNamed")
    String workNamed(String text) {
      return Body.work(text);
    }

    @Traced
    @Annotate(value = DESCRIPTION, attributes = @Attribute(key = USE_KEY, value = USE_VALUE))
    String workAnnotated(String text, @Attr(LEN_KEY) int length) {
      return Body.work(text);
    }

    /** Setup check that weaving happened: inside, a span with a valid context is current. */
    @Traced
    Span probe() {
      return Tracing.getTracer().getCurrentSpan();
    }
  }
}
