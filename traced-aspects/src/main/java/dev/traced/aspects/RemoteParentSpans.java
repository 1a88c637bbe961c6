package dev.traced.aspects;

import dev.traced.annotations.RemoteParent;
import dev.traced.propagation.HeaderReader;
import dev.traced.propagation.TracedHeaders;
import io.opencensus.common.Scope;
import io.opencensus.trace.AttributeValue;
import io.opencensus.trace.Span;
import io.opencensus.trace.SpanContext;
import io.opencensus.trace.samplers.Samplers;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.reflect.MethodSignature;

/**
 * Starts the span of a {@code @Traced} method with a {@link RemoteParent @RemoteParent} parameter:
 * a child of the caller's span context read from that parameter's headers, or a new trace.
 *
 * <p>The caller's sampling decision is kept (W3C's rule, and OpenTelemetry's parent-based
 * sampler): a sampled parent gives a sampled span, an unsampled one an unsampled span, whatever
 * the local sampler says; without a parent the local sampler decides. Headers that are present
 * but unusable leave a new trace whose span has the annotation {@value #INVALID_PARENT} with the
 * header's name (attribute {@value #HEADER}); the value is not recorded, as it may be anything.
 */
final class RemoteParentSpans {

  /** Annotation on a span whose request carried unusable trace headers. */
  static final String INVALID_PARENT = "Invalid remote parent";

  /** Attribute of {@value #INVALID_PARENT}: the header's name. */
  static final String HEADER = "header";

  // Index of the @RemoteParent parameter per woven method, found once by reflection.
  private static final ConcurrentHashMap<JoinPoint.StaticPart, Integer> INDEXES =
      new ConcurrentHashMap<>();

  private RemoteParentSpans() {}

  /** Starts the span of one call; {@code args} are the call's arguments. */
  static Span start(JoinPoint.StaticPart site, Object[] args) {
    MethodSite method = JoinPointSites.of(site);
    String spanName = method.spanName();
    Object headers = args[indexOf(site)];
    List<String> invalid = new ArrayList<>(0);
    SpanContext parent;
    try {
      parent = TracedHeaders.extract(HeaderReader.of(headers), invalid::add);
    } catch (RuntimeException unreadable) {
      // A parameter of a type the processor would have rejected, in code it did not check.
      invalid.add("(" + headers.getClass().getName() + ")");
      parent = null;
    }
    Span span =
        SpanLifecycle.start(
            spanName,
            method.kind(),
            parent,
            parent == null
                ? null
                : parent.getTraceOptions().isSampled()
                    ? Samplers.alwaysSample()
                    : Samplers.neverSample());
    if (!invalid.isEmpty() && SpanLifecycle.records(span)) {
      for (String header : invalid) {
        span.addAnnotation(
            INVALID_PARENT,
            Collections.singletonMap(HEADER, AttributeValue.stringAttributeValue(header)));
      }
    }
    return span;
  }

  /**
   * Restores the previous span and ends {@code span}: when {@code returned} completes if the method
   * is declared to return a {@code CompletionStage}, at once otherwise. Never throws.
   */
  static void exit(Span span, Scope scope, Object returned, JoinPoint.StaticPart site) {
    boolean async;
    try {
      async =
          CompletionStage.class.isAssignableFrom(
              ((MethodSignature) site.getSignature()).getReturnType());
    } catch (Throwable unreadable) {
      AspectFailures.report(unreadable);
      async = false;
    }
    if (async) {
      StageCompletion.exit(span, scope, site, returned);
    } else {
      SpanLifecycle.recordResult(span, site, returned);
      SpanLifecycle.exit(span, scope);
    }
  }

  private static int indexOf(JoinPoint.StaticPart site) {
    Integer index = INDEXES.get(site);
    return index != null ? index : INDEXES.computeIfAbsent(site, RemoteParentSpans::find);
  }

  private static Integer find(JoinPoint.StaticPart site) {
    Method method = ((MethodSignature) site.getSignature()).getMethod();
    Annotation[][] annotations = method.getParameterAnnotations();
    for (int i = 0; i < annotations.length; i++) {
      for (Annotation annotation : annotations[i]) {
        if (annotation instanceof RemoteParent) {
          return i;
        }
      }
    }
    throw new IllegalStateException("no @RemoteParent parameter on " + method);
  }
}
