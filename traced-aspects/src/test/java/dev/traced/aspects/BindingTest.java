package dev.traced.aspects;

import static dev.traced.testing.ExpectedSpan.span;
import static io.opencensus.trace.Status.CanonicalCode.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.traced.testing.ExpectedSpan;
import dev.traced.testing.LogRecords;
import dev.traced.testing.SpanCapture;
import io.grpc.override.ContextStorageOverride;
import io.opencensus.common.Scope;
import io.opencensus.trace.Span;
import io.opencensus.trace.Tracer;
import io.opencensus.trace.Tracing;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The advice's argument binding, as a table: every advice shape ({@link BindingFixture}: arity
 * 0 to 5, {@code @Traced} alone or with {@code @Annotate}, {@code @Annotate} alone, async) ×
 * sampled / unsampled / user exception / tracing failing to enter / tracing failing to exit. Each
 * row asserts the method's own result and the whole span tree: exactly one span per traced call,
 * its attributes or annotation, its status.
 */
class BindingTest {

  @org.junit.jupiter.api.extension.RegisterExtension
  static final SpanCapture spans = new SpanCapture();

  private static final String TAG = "[TracedInternal]";
  private static final String EXCEPTION = IllegalStateException.class.getName();

  private final BindingFixture fixture = new BindingFixture();
  private final Tracer tracer = Tracing.getTracer();
  private final LogRecords logs = new LogRecords();
  private final Logger logger = Logger.getLogger("dev.traced.aspects");

  /** How a fixture method is woven. */
  enum Shape {
    /** {@code @Traced} alone: attributes on its span. */
    TRACED,
    /** {@code @Traced @Annotate}: attributes on the annotation of its own span. */
    TRACED_ANNOTATED,
    /** {@code @Annotate} alone: an annotation on the caller's span. */
    ANNOTATED
  }

  /** One fixture method: its name, arity, and shape. */
  record Row(String method, int arity, Shape shape) {
    @Override
    public String toString() {
      return method;
    }

    boolean async() {
      return method.startsWith("async");
    }

    Object[] arguments(String first) {
      Object[] args = new Object[arity];
      for (int i = 0; i < arity; i++) {
        args[i] = i == 0 ? first : i;
      }
      return args;
    }

    Class<?>[] parameterTypes() {
      Class<?>[] types = new Class<?>[arity];
      for (int i = 0; i < arity; i++) {
        types[i] = i == 0 ? String.class : int.class;
      }
      return types;
    }

    /** What the method returns for {@code arguments("v")}. */
    String result() {
      StringBuilder text = new StringBuilder(method);
      for (Object arg : arguments("v")) {
        text.append(':').append(arg);
      }
      return text.toString();
    }

    /** The parameter attributes for {@code arguments(first)}, keys p0, p1, ... */
    Map<String, Object> parameterAttributes(String first) {
      Map<String, Object> attributes = new LinkedHashMap<>();
      Object[] args = arguments(first);
      for (int i = 0; i < args.length; i++) {
        attributes.put("p" + i, args[i] instanceof Integer n ? (long) n : args[i]);
      }
      return attributes;
    }

    /** The annotation's attributes: the constant c="k", then the parameters. */
    Map<String, Object> annotationAttributes(String first) {
      Map<String, Object> attributes = new LinkedHashMap<>();
      attributes.put("c", "k");
      attributes.putAll(parameterAttributes(first));
      return attributes;
    }
  }

  static Stream<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (int arity = 0; arity <= 5; arity++) {
      rows.add(new Row("t" + arity, arity, Shape.TRACED));
      rows.add(new Row("ta" + arity, arity, Shape.TRACED_ANNOTATED));
    }
    rows.add(new Row("a0", 0, Shape.ANNOTATED));
    rows.add(new Row("a1", 1, Shape.ANNOTATED));
    rows.add(new Row("a5", 5, Shape.ANNOTATED));
    rows.add(new Row("async0", 0, Shape.TRACED));
    rows.add(new Row("async2", 2, Shape.TRACED));
    rows.add(new Row("asyncAnnotated2", 2, Shape.TRACED_ANNOTATED));
    return rows.stream();
  }

  static Stream<Row> tracedRows() {
    return rows().filter(row -> row.shape() != Shape.ANNOTATED);
  }

  static Stream<Row> rowsWithArguments() {
    return rows().filter(row -> row.arity() > 0);
  }

  @BeforeEach
  void freshSitesAndLog() {
    // Sites are resolved again by the code under test, not reused from earlier tests.
    JoinPointSites.clearForTests();
    AspectFailures.resetForTests();
    logger.addHandler(logs);
    // The injected failures are logged on purpose; keep them out of the build log.
    logger.setUseParentHandlers(false);
  }

  @AfterEach
  void restoreLogging() {
    ContextStorageOverride.disarm();
    logger.removeHandler(logs);
    logger.setUseParentHandlers(true);
  }

  private Object call(Row row, String first) throws Throwable {
    Method method = BindingFixture.class.getDeclaredMethod(row.method(), row.parameterTypes());
    try {
      Object result = method.invoke(fixture, row.arguments(first));
      return row.async() ? ((CompletionStage<?>) result).toCompletableFuture().join() : result;
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** Calls {@code row}'s method, under a span named "caller" if it is {@code @Annotate} alone. */
  private Object callInShape(Row row, String first) throws Throwable {
    if (row.shape() != Shape.ANNOTATED) {
      return call(row, first);
    }
    Span caller = tracer.spanBuilder("caller").startSpan();
    try (Scope ignored = tracer.withSpan(caller)) {
      return call(row, first);
    } finally {
      caller.end();
    }
  }

  private static String spanName(Row row) {
    return "BindingFixture." + row.method();
  }

  /** The tree of one successful (or, with the failure added, failed) call with first argument. */
  private static ExpectedSpan expected(Row row, String first) {
    return switch (row.shape()) {
      case TRACED -> {
        ExpectedSpan span = span(spanName(row));
        row.parameterAttributes(first).forEach(span::attribute);
        yield span;
      }
      case TRACED_ANNOTATED ->
          span(spanName(row)).annotation(BindingFixture.DESCRIPTION, row.annotationAttributes(first));
      case ANNOTATED ->
          span("caller").annotation(BindingFixture.DESCRIPTION, row.annotationAttributes(first));
    };
  }

  private List<String> loggedMessages() {
    return logs.records().stream().map(LogRecord::getMessage).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void sampledCallRecordsItsArgumentsAndReturnsTheResult(Row row) throws Throwable {
    assertThat(callInShape(row, "v")).isEqualTo(row.result());
    spans.assertTrees(expected(row, "v"));
    assertThat(loggedMessages()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void eachCallMakesExactlyOneSpanOrAnnotation(Row row) throws Throwable {
    if (row.shape() == Shape.ANNOTATED) {
      Span caller = tracer.spanBuilder("caller").startSpan();
      try (Scope ignored = tracer.withSpan(caller)) {
        call(row, "v");
        call(row, "v");
      } finally {
        caller.end();
      }
      Map<String, Object> attributes = row.annotationAttributes("v");
      spans.assertTrees(
          span("caller")
              .annotation(BindingFixture.DESCRIPTION, attributes)
              .annotation(BindingFixture.DESCRIPTION, attributes));
    } else {
      call(row, "v");
      call(row, "v");
      spans.assertTrees(expected(row, "v"), expected(row, "v"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void unsampledCallReturnsTheResultAndRecordsNothing(Row row) throws Throwable {
    spans.sampleNone();
    assertThat(callInShape(row, "v")).isEqualTo(row.result());
    assertThat(spans.finished()).isEmpty();
    assertThat(tracer.getCurrentSpan().getContext().isValid()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rowsWithArguments")
  void userExceptionPassesThroughAndMarksTheSpan(Row row) {
    assertThatThrownBy(() -> callInShape(row, BindingFixture.FAIL))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage(BindingFixture.FAIL);
    ExpectedSpan tree = expected(row, BindingFixture.FAIL);
    if (row.shape() != Shape.ANNOTATED) {
      tree.annotation(
              EXCEPTION,
              Map.of("exception.type", EXCEPTION, "exception.message", BindingFixture.FAIL))
          .status(UNKNOWN, EXCEPTION + ": " + BindingFixture.FAIL);
    }
    spans.assertTrees(tree);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tracedRows")
  void failureToEnterEndsTheStartedSpanAndRunsTheMethod(Row row) throws Throwable {
    ContextStorageOverride.failNextAttach();
    assertThat(call(row, "v")).isEqualTo(row.result());
    // Started, with its span attributes, never current (so no annotation), and ended.
    ExpectedSpan started = span(spanName(row));
    if (row.shape() == Shape.TRACED) {
      row.parameterAttributes("v").forEach(started::attribute);
    }
    spans.assertTrees(started);
    assertThat(loggedMessages()).hasSize(1).allSatisfy(m -> assertThat(m).startsWith(TAG));
    assertThat(logs.records().get(0).getThrown()).hasMessage(ContextStorageOverride.FAULT);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tracedRows")
  void failureToExitStillEndsTheSpan(Row row) throws Throwable {
    ContextStorageOverride.failNextDetach();
    assertThat(call(row, "v")).isEqualTo(row.result());
    spans.assertTrees(expected(row, "v"));
    assertThat(loggedMessages()).hasSize(1).allSatisfy(m -> assertThat(m).startsWith(TAG));
  }

  @org.junit.jupiter.api.Test
  void emptyAttrKeyMeansTheParameterName() {
    assertThat(fixture.emptyKey("ann", 7L)).isEqualTo("ann7");
    spans.assertTrees(
        span("BindingFixture.emptyKey").attribute("customer", "ann").attribute("orderId", 7L));
  }

  /** Counts how often its text is read. */
  private static final class Counted {
    final java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public String toString() {
      reads.incrementAndGet();
      return "counted";
    }
  }

  private void callEveryObjectMethod(Counted argument) {
    assertThat(fixture.annotatedObject(argument)).isEqualTo("annotatedObject");
    assertThat(fixture.tracedObject(argument)).isEqualTo("tracedObject");
    assertThat(fixture.tracedObject5(argument, 1, 2, 3, 4)).isEqualTo("tracedObject5");
    assertThat(fixture.tracedAnnotatedObject(argument)).isEqualTo("tracedAnnotatedObject");
    assertThat(fixture.asyncObject(argument).join()).isEqualTo("asyncObject");
  }

  @org.junit.jupiter.api.Test
  void unsampledCallsNeverReadTheirArguments() {
    spans.sampleNone();
    Counted argument = new Counted();
    callEveryObjectMethod(argument);
    Span unsampled = tracer.spanBuilder("unsampled").startSpan();
    try (Scope ignored = tracer.withSpan(unsampled)) {
      callEveryObjectMethod(argument);
    } finally {
      unsampled.end();
    }
    assertThat(argument.reads).hasValue(0);
    assertThat(spans.finished()).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void sampledCallsReadEachArgumentOnce() {
    Counted argument = new Counted();
    Span caller = tracer.spanBuilder("caller").startSpan();
    try (Scope ignored = tracer.withSpan(caller)) {
      callEveryObjectMethod(argument);
    } finally {
      caller.end();
    }
    assertThat(argument.reads).hasValue(5);
  }
}
