package dev.traced.propagation;

import io.opencensus.trace.SpanContext;
import io.opencensus.trace.SpanId;
import io.opencensus.trace.TraceId;
import io.opencensus.trace.TraceOptions;
import io.opencensus.trace.Tracestate;
import io.opencensus.trace.propagation.SpanContextParseException;
import io.opencensus.trace.propagation.TextFormat;
import java.util.Collections;
import java.util.List;

/**
 * Google's {@code X-Cloud-Trace-Context: TRACE_ID/SPAN_ID;o=OPTIONS}: 32 lower-case hex digits of
 * trace id, the span id as an unsigned decimal, and {@code o=1} when the trace is sampled
 * (without {@code ;o=}, not sampled), as OpenCensus' {@code CloudTraceFormat} in
 * opencensus-contrib-http-util reads and writes it. Written here because that artifact brings
 * Guava; this one is parsed strictly (no sign, no spaces, at most 20 digits).
 */
final class CloudTraceContextFormat extends TextFormat {

  static final String HEADER = "X-Cloud-Trace-Context";
  static final CloudTraceContextFormat INSTANCE = new CloudTraceContextFormat();

  private static final List<String> FIELDS = Collections.singletonList(HEADER);
  private static final String OPTIONS = ";o=";
  private static final int TRACE_ID_HEX = 32;
  private static final int MAX_SPAN_ID_DIGITS = 20; // 2^64 - 1 has 20 decimal digits
  private static final Tracestate NO_TRACESTATE = Tracestate.builder().build();

  private CloudTraceContextFormat() {}

  @Override
  public List<String> fields() {
    return FIELDS;
  }

  @Override
  public <C> void inject(SpanContext context, C carrier, Setter<C> setter) {
    long spanId = bytesToLong(context.getSpanId().getBytes());
    setter.put(
        carrier,
        HEADER,
        context.getTraceId().toLowerBase16()
            + '/'
            + Long.toUnsignedString(spanId)
            + OPTIONS
            + (context.getTraceOptions().isSampled() ? '1' : '0'));
  }

  @Override
  public <C> SpanContext extract(C carrier, Getter<C> getter) throws SpanContextParseException {
    String header = getter.get(carrier, HEADER);
    if (header == null) {
      throw new SpanContextParseException("no " + HEADER + " header");
    }
    if (header.length() < TRACE_ID_HEX + 2 || header.charAt(TRACE_ID_HEX) != '/') {
      throw new SpanContextParseException(HEADER + " does not start with TRACE_ID/");
    }
    int optionsAt = header.indexOf(OPTIONS, TRACE_ID_HEX);
    String spanId = header.substring(TRACE_ID_HEX + 1, optionsAt < 0 ? header.length() : optionsAt);
    boolean sampled = false;
    if (optionsAt >= 0) {
      String options = header.substring(optionsAt + OPTIONS.length());
      if (!options.equals("0") && !options.equals("1")) {
        throw new SpanContextParseException(HEADER + " options are not o=0 or o=1");
      }
      sampled = options.equals("1");
    }
    try {
      if (!isHex(header, TRACE_ID_HEX) || !isDecimal(spanId)) {
        throw new SpanContextParseException(HEADER + " has a malformed trace or span id");
      }
      return SpanContext.create(
          TraceId.fromLowerBase16(header.subSequence(0, TRACE_ID_HEX)),
          SpanId.fromBytes(longToBytes(Long.parseUnsignedLong(spanId))),
          sampled ? TraceOptions.builder().setIsSampled(true).build() : TraceOptions.DEFAULT,
          NO_TRACESTATE);
    } catch (NumberFormatException tooLarge) {
      throw new SpanContextParseException(HEADER + " span id is over 64 bits");
    }
  }

  private static boolean isHex(String text, int length) {
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDecimal(String text) {
    if (text.isEmpty() || text.length() > MAX_SPAN_ID_DIGITS) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static long bytesToLong(byte[] bytes) {
    long value = 0;
    for (byte b : bytes) {
      value = (value << 8) | (b & 0xff);
    }
    return value;
  }

  private static byte[] longToBytes(long value) {
    byte[] bytes = new byte[SpanId.SIZE];
    for (int i = SpanId.SIZE - 1; i >= 0; i--) {
      bytes[i] = (byte) value;
      value >>>= 8;
    }
    return bytes;
  }
}
