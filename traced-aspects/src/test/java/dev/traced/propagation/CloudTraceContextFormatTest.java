package dev.traced.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opencensus.trace.SpanContext;
import io.opencensus.trace.SpanId;
import io.opencensus.trace.TraceId;
import io.opencensus.trace.TraceOptions;
import io.opencensus.trace.Tracestate;
import io.opencensus.trace.propagation.SpanContextParseException;
import io.opencensus.trace.propagation.TextFormat;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** X-Cloud-Trace-Context as Google documents it: TRACE_ID/SPAN_ID;o=OPTIONS, span id decimal. */
class CloudTraceContextFormatTest {

  private static final TextFormat.Getter<Map<String, String>> GET =
      new TextFormat.Getter<Map<String, String>>() {
        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier.get(key);
        }
      };

  private static final TextFormat.Setter<Map<String, String>> PUT =
      new TextFormat.Setter<Map<String, String>>() {
        @Override
        public void put(Map<String, String> carrier, String key, String value) {
          carrier.put(key, value);
        }
      };

  private final CloudTraceContextFormat format = CloudTraceContextFormat.INSTANCE;

  @Test
  void readsGooglesExample() throws SpanContextParseException {
    SpanContext context = format.extract(header("105445aa7843bc8bf206b12000100000/1;o=1"), GET);

    assertThat(context.getTraceId().toLowerBase16()).isEqualTo("105445aa7843bc8bf206b12000100000");
    assertThat(context.getSpanId().toLowerBase16()).isEqualTo("0000000000000001");
    assertThat(context.getTraceOptions().isSampled()).isTrue();
  }

  @Test
  void withoutOptionsTheTraceIsNotSampled() throws SpanContextParseException {
    assertThat(
            format.extract(header("105445aa7843bc8bf206b12000100000/1"), GET)
                .getTraceOptions()
                .isSampled())
        .isFalse();
  }

  @Test
  void writesTheSpanIdAsAnUnsignedDecimal() {
    SpanContext context =
        SpanContext.create(
            TraceId.fromLowerBase16("105445aa7843bc8bf206b12000100000"),
            SpanId.fromLowerBase16("ffffffffffffffff"),
            TraceOptions.DEFAULT,
            Tracestate.builder().build());
    Map<String, String> headers = new HashMap<>();

    format.inject(context, headers, PUT);

    assertThat(headers)
        .containsExactly(
            Map.entry(
                "X-Cloud-Trace-Context",
                "105445aa7843bc8bf206b12000100000/18446744073709551615;o=0"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "105445aa7843bc8bf206b12000100000",
        "105445aa7843bc8bf206b12000100000/",
        "105445AA7843BC8BF206B12000100000/1;o=1",
        "105445aa7843bc8bf206b1200010000/1;o=1",
        "105445aa7843bc8bf206b12000100000/-1;o=1",
        "105445aa7843bc8bf206b12000100000/+1;o=1",
        "105445aa7843bc8bf206b12000100000/ 1;o=1",
        "105445aa7843bc8bf206b12000100000/18446744073709551616;o=1",
        "105445aa7843bc8bf206b12000100000/1;o=2",
        "105445aa7843bc8bf206b12000100000/1;o=",
        "105445aa7843bc8bf206b12000100000/1,105445aa7843bc8bf206b12000100000/1"
      })
  void rejectsMalformedValues(String value) {
    assertThatThrownBy(() -> format.extract(header(value), GET))
        .isInstanceOf(SpanContextParseException.class);
  }

  private static Map<String, String> header(String value) {
    Map<String, String> headers = new HashMap<>();
    headers.put("X-Cloud-Trace-Context", value);
    return headers;
  }
}
