package dev.traced.aspects;

import dev.traced.annotations.Annotate;
import dev.traced.annotations.Attr;
import dev.traced.annotations.Attribute;
import io.opencensus.common.Scope;
import io.opencensus.trace.Span;
import io.opencensus.trace.Tracer;
import io.opencensus.trace.Tracing;
import io.opencensus.trace.samplers.Samplers;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import org.aspectj.lang.JoinPoint;
import org.aspectj.runtime.internal.Conversions;
import org.aspectj.runtime.reflect.Factory;

/**
 * Loads and initialises everything the aspect uses per traced call, before the first one: its
 * helper classes, and the OpenCensus and JDK classes of a span's start, annotation, attributes,
 * failure, restore and end.
 *
 * <pre>{@code
 * Warmup.inBackground();   // at application start: the first traced call then finds all ready
 * }</pre>
 *
 * <p>Why: done lazily, this work ran inside the program's first traced call, on the user's stack.
 * It made that call 35–95 ms slower, and if that call was a recursion overflowing the stack, a
 * class initialised at overflow depth failed for good and tracing was off for the rest of the JVM.
 * The aspect runs this itself when it initialises (the program's first traced call, normally at a
 * shallow depth); {@code TracedBootstrap.start()} runs it earlier, on a thread of its own. Idempotent
 * and cheap once done; never throws (a failure is reported once, like any tracing failure).
 *
 * <p>It starts and ends one span, {@value #SPAN_NAME}, that records events but is never sampled:
 * no exporter ever sees it.
 */
public final class Warmup {

  /** Name of the one span the warm-up creates (recording, never sampled, never exported). */
  public static final String SPAN_NAME = "traced.warmup";

  private static volatile boolean done;

  private Warmup() {}

  /** Warms up on a new daemon thread, {@code traced-warmup}, and returns that thread. */
  public static Thread inBackground() {
    Thread thread = new Thread(Warmup::run, "traced-warmup");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** Warms up on the calling thread, once per JVM; later calls return at once. */
  public static void run() {
    if (done) {
      return;
    }
    synchronized (Warmup.class) {
      if (done) {
        return;
      }
      try {
        initialiseHelpers();
        resolveSite();
        exerciseSpanPath();
      } catch (Throwable failure) {
        AspectFailures.report(failure);
      }
      done = true;
    }
  }

  private static void initialiseHelpers() throws IllegalAccessException {
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    for (Class<?> helper :
        List.of(
            AspectFailures.class,
            LocalSpanStore.class,
            PendingExits.class,
            JoinPointSites.class,
            MethodSite.class,
            TracedOptions.class,
            NewTrace.class,
            AttributeValues.class,
            AttributeText.class,
            Rethrow.class,
            SpanLifecycle.class,
            StageCompletion.class,
            ContextCarrier.class,
            Conversions.class)) {
      lookup.ensureInitialized(helper);
    }
    // The JDK's table of its own modules (StackTraceElement$HashedModules) initialises when a
    // stack trace with a java.base frame is first filled in, as when one is logged; at overflow
    // depth that failed and later stack traces threw. Iterable.forEach puts a java.base frame on
    // the stack whichever thread runs this.
    List.<Runnable>of(() -> new Throwable().getStackTrace()).forEach(Runnable::run);
  }

  /**
   * Reads a method's site as the aspect does for each woven method: the first time, the JDK
   * generates the proxy classes of our annotations and loads its reflection machinery (tens of
   * milliseconds in a cold JVM), which then serve every woven method.
   */
  private static void resolveSite() {
    Factory factory = new Factory("Warmup.java", Site.class);
    JoinPoint.StaticPart site =
        factory.makeSJP(
            JoinPoint.METHOD_EXECUTION,
            factory.makeMethodSig(
                Modifier.PRIVATE | Modifier.STATIC,
                "site",
                Site.class,
                new Class<?>[] {int.class},
                new String[] {"value"},
                new Class<?>[0],
                void.class),
            0);
    JoinPointSites.of(site).attributes(Factory.makeJP(site, null, null, 1).getArgs());
  }

  /**
   * Holds a method that is never called, only read by resolveSite(): it carries every annotation
   * the aspect reads. In a class of its own, so that compiling against Warmup does not need the
   * annotations on the class path.
   */
  private static final class Site {
    private Site() {}

    @Annotate(value = SPAN_NAME, attributes = @Attribute(key = "key", value = "value"))
    private static void site(@Attr("value") int value) {}
  }

  /** Runs every step of a traced call once, on a span no exporter sees. */
  private static void exerciseSpanPath() {
    Tracer tracer = Tracing.getTracer();
    Span span =
        tracer
            .spanBuilder(SPAN_NAME)
            .setSampler(Samplers.neverSample())
            .setRecordEvents(true)
            .startSpan();
    Scope scope = SpanLifecycle.enter(span);
    try {
      SpanLifecycle.currentSpanRecords();
      span.addAnnotation(
          SPAN_NAME,
          Map.of(
              "string", AttributeValues.of("text"),
              "long", AttributeValues.of(1L),
              "double", AttributeValues.of(1.5),
              "boolean", AttributeValues.of(true),
              "array", AttributeValues.of(new int[] {1}),
              "object", AttributeValues.of(List.of("x"))));
      SpanLifecycle.recordFailure(span, new IllegalStateException(SPAN_NAME));
    } finally {
      // Not SpanLifecycle.exit: that would also finish exits an overflow left waiting on this
      // thread, out of their order, if the warm-up runs inside a traced call.
      scope.close();
      span.end(LocalSpanStore.endOptions());
    }
  }
}
