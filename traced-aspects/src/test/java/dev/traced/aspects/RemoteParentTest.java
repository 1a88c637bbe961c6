package dev.traced.aspects;

import static dev.traced.testing.ExpectedSpan.attrs;
import static dev.traced.testing.ExpectedSpan.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.Headers;
import dev.traced.testing.SpanCapture;
import io.opencensus.common.Scope;
import io.opencensus.trace.Span;
import io.opencensus.trace.Status;
import io.opencensus.trace.Tracer;
import io.opencensus.trace.Tracing;
import io.opencensus.trace.export.SpanData;
import io.opencensus.trace.samplers.Samplers;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A @Traced(kind = SERVER) method with a @RemoteParent parameter joins the caller's trace across
 * the "wire" (a header map), starts a new trace without usable headers, and never throws for them.
 * The test JVM runs with traced.propagation=tracecontext,cloudtrace,b3 (see the pom).
 */
class RemoteParentTest {

  @RegisterExtension static final SpanCapture spans = new SpanCapture();

  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String VALID_TRACEPARENT = "00-" + TRACE + "-00f067aa0ba902b7-01";

  private final RemoteParentFixture fixture = new RemoteParentFixture();
  private final Tracer tracer = Tracing.getTracer();

  @Test
  void serverSpanIsAChildOfTheClientSpanAcrossTheWire() {
    Map<String, String> wire = fixture.call();

    assertThat(fixture.serve(wire, "hello")).isEqualTo("HELLO");

    spans.assertTrees(
        span("client").kind(Span.Kind.CLIENT).child(span("serve").kind(Span.Kind.SERVER)));
  }

  @Test
  void eachFormatAloneGivesTheSameParent() {
    Map<String, String> wire = fixture.call();
    SpanData client = spans.finished().get(0);
    for (List<String> fields :
        Arrays.asList(
            Arrays.asList("traceparent", "tracestate"),
            Collections.singletonList("X-Cloud-Trace-Context"),
            Arrays.asList("X-B3-TraceId", "X-B3-SpanId", "X-B3-Sampled"))) {
      Map<String, String> only = new HashMap<>(wire);
      only.keySet().retainAll(fields);
      assertThat(only).as("headers of %s", fields).isNotEmpty();

      fixture.serve(only, "x");

      assertThat(fixture.seen.getTraceId()).as(fields.toString()).isEqualTo(client.getContext().getTraceId());
      SpanData server = spans.finished().get(spans.finished().size() - 1);
      assertThat(server.getParentSpanId()).as(fields.toString()).isEqualTo(client.getContext().getSpanId());
    }
  }

  @Test
  void everyHeaderShapeIsRead() {
    Map<String, String> wire = fixture.call();
    Headers jdk = new Headers();
    wire.forEach(jdk::add);
    fixture.serveJdk(jdk);
    assertChildOfClient("serveJdk");

    wire = fixture.call();
    Map<String, List<String>> lists = new HashMap<>();
    wire.forEach((name, value) -> lists.put(name, Collections.singletonList(value)));
    fixture.serveLists(lists);
    assertChildOfClient("serveLists");

    wire = fixture.call();
    fixture.serveGetter(wire::get);
    assertChildOfClient("serveGetter");

    wire = fixture.call();
    Map<String, String> otherCase = new HashMap<>();
    wire.forEach((name, value) -> otherCase.put(name.toUpperCase(Locale.ROOT), value));
    fixture.serve(otherCase, "x");
    assertChildOfClient("serve");
  }

  private static void assertChildOfClient(String server) {
    spans.assertTrees(
        span("client").kind(Span.Kind.CLIENT).child(span(server).kind(Span.Kind.SERVER)));
    spans.clear();
  }

  @Test
  void unsampledRemoteParentGivesAnUnsampledServerSpan() {
    Map<String, String> wire = headersOf(Samplers.neverSample());

    fixture.serve(wire, "x");

    assertThat(fixture.seen.getTraceOptions().isSampled()).isFalse();
    assertThat(fixture.seen.getTraceId().toLowerBase16()).isEqualTo(traceIdIn(wire));
    spans.assertTrees();
  }

  @Test
  void sampledRemoteParentIsKeptWhenTheLocalSamplerSamplesNothing() {
    Map<String, String> wire = headersOf(Samplers.alwaysSample());
    spans.clear();
    spans.sampleNone();

    fixture.serve(wire, "x");

    assertThat(fixture.seen.getTraceOptions().isSampled()).isTrue();
    assertThat(spans.finished()).extracting(s -> s.getName()).containsExactly("serve");
  }

  @Test
  void withoutHeadersTheServerSpanStartsANewTraceEvenUnderALocalSpan() {
    Span local = tracer.spanBuilder("local").startSpan();
    try (Scope ignored = tracer.withSpan(local)) {
      fixture.serve(new HashMap<>(), "x");
      fixture.serve(null, "y");
    } finally {
      local.end();
    }

    spans.assertTrees(
        span("serve").kind(Span.Kind.SERVER),
        span("serve").kind(Span.Kind.SERVER),
        span("local"));
  }

  static Stream<Arguments> unusableHeaders() {
    String zeros = "00-00000000000000000000000000000000-00f067aa0ba902b7-01";
    char[] huge = new char[5000];
    Arrays.fill(huge, 'a');
    return Stream.of(
        Arguments.of("garbage traceparent", map("traceparent", "not-a-traceparent"), "traceparent"),
        Arguments.of("zero trace id", map("traceparent", zeros), "traceparent"),
        Arguments.of("oversized traceparent", map("traceparent", new String(huge)), "traceparent"),
        Arguments.of(
            "garbage cloud trace",
            map("X-Cloud-Trace-Context", TRACE + "/-5;o=1"),
            "X-Cloud-Trace-Context"),
        Arguments.of("garbage b3", map("X-B3-TraceId", "xyz", "X-B3-SpanId", "1"), "X-B3-TraceId"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unusableHeaders")
  void unusableHeadersStartANewTraceNotedOnTheSpan(
      String what, Map<String, String> headers, String header) {
    assertThat(fixture.serve(headers, "ok")).isEqualTo("OK");

    spans.assertTrees(
        span("serve")
            .kind(Span.Kind.SERVER)
            .annotation(RemoteParentSpans.INVALID_PARENT, attrs(RemoteParentSpans.HEADER, header)));
  }

  @Test
  void anOversizedTracestateIsDroppedAndTheTraceparentKept() {
    char[] huge = new char[5000];
    Arrays.fill(huge, 'a');

    fixture.serve(map("traceparent", VALID_TRACEPARENT, "tracestate", "k=" + new String(huge)), "x");

    assertThat(fixture.seen.getTraceId().toLowerBase16()).isEqualTo(TRACE);
    assertThat(fixture.seen.getTracestate().getEntries()).isEmpty();
  }

  @Test
  void duplicatedTraceparentHeadersStartANewTrace() {
    Map<String, List<String>> headers = new HashMap<>();
    headers.put("traceparent", Arrays.asList(VALID_TRACEPARENT, VALID_TRACEPARENT));

    assertThat(fixture.serveLists(headers)).isEqualTo("lists");

    spans.assertTrees(
        span("serveLists")
            .kind(Span.Kind.SERVER)
            .annotation(
                RemoteParentSpans.INVALID_PARENT, attrs(RemoteParentSpans.HEADER, "traceparent")));
  }

  @Test
  void keysDifferingOnlyInCaseAreReadFromACaseInsensitiveMap() {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.put("TRACEPARENT", VALID_TRACEPARENT);

    fixture.serve(headers, "x");

    assertThat(fixture.seen.getTraceId().toLowerBase16()).isEqualTo(TRACE);
  }

  @Test
  void aFailingHeaderGetterStartsANewTraceAndTheMethodRuns() {
    assertThat(
            fixture.serveGetter(
                name -> {
                  throw new IllegalStateException("broken request");
                }))
        .isEqualTo("getter");

    spans.assertTrees(
        span("serveGetter")
            .kind(Span.Kind.SERVER)
            .annotation(
                RemoteParentSpans.INVALID_PARENT, attrs(RemoteParentSpans.HEADER, "traceparent"))
            .annotation(
                RemoteParentSpans.INVALID_PARENT,
                attrs(RemoteParentSpans.HEADER, "X-Cloud-Trace-Context"))
            .annotation(
                RemoteParentSpans.INVALID_PARENT,
                attrs(RemoteParentSpans.HEADER, "X-B3-TraceId")));
  }

  @Test
  void attrAndAnnotateLandOnTheServerSpanOnce() {
    fixture.serveAnnotated("/a", fixture.call());
    spans.assertTrees(
        span("client")
            .kind(Span.Kind.CLIENT)
            .child(
                span("serveAnnotated")
                    .kind(Span.Kind.SERVER)
                    .annotation("handled", attrs("by", "fixture", "path", "/a"))));
    spans.clear();

    fixture.servePlainAnnotate(fixture.call());
    spans.assertTrees(
        span("client")
            .kind(Span.Kind.CLIENT)
            .child(span("servePlainAnnotate").kind(Span.Kind.SERVER).annotation("handled")));
  }

  @Test
  void userExceptionPassesThroughUnchangedAndTheSpanEndsWithError() {
    IllegalArgumentException thrown = new IllegalArgumentException("bad request");

    assertThatThrownBy(() -> fixture.serveThrows(new HashMap<>(), thrown)).isSameAs(thrown);

    spans.assertTrees(
        span("serveThrows")
            .kind(Span.Kind.SERVER)
            .status(Status.CanonicalCode.UNKNOWN, "java.lang.IllegalArgumentException: bad request")
            .annotation(
                "java.lang.IllegalArgumentException",
                attrs(
                    "exception.type", "java.lang.IllegalArgumentException",
                    "exception.message", "bad request")));
  }

  @Test
  void asyncServerSpanEndsWhenItsStageCompletes() {
    Map<String, String> wire = fixture.call();
    CompletableFuture<String> stage = new CompletableFuture<>();

    fixture.serveAsync(wire, stage);
    assertThat(spans.finished()).extracting(s -> s.getName()).containsExactly("client");
    stage.complete("done");

    spans.assertTrees(
        span("client").kind(Span.Kind.CLIENT).child(span("serveAsync").kind(Span.Kind.SERVER)));
  }

  private Map<String, String> headersOf(io.opencensus.trace.Sampler sampler) {
    Span remote = tracer.spanBuilderWithExplicitParent("remote", null).setSampler(sampler).startSpan();
    try (Scope ignored = tracer.withSpan(remote)) {
      return dev.traced.propagation.TracedHeaders.inject(new HashMap<>());
    } finally {
      remote.end();
    }
  }

  private static String traceIdIn(Map<String, String> wire) {
    return wire.get("traceparent").substring(3, 35);
  }

  private static Map<String, String> map(String... keysAndValues) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

}
