package dev.traced.bootstrap.stackdriver;

import com.google.devtools.cloudtrace.v2.BatchWriteSpansRequest;
import com.google.devtools.cloudtrace.v2.Span;
import com.google.protobuf.UnknownFieldSet;

/**
 * Sets Cloud Trace v2's {@code span_kind} on the spans OpenCensus' Stackdriver handler built.
 *
 * <p>Why: the handler (0.31.1) never sets that field; it only prefixes the display name of a span
 * with a kind ({@code Recv.} for SERVER, {@code Sent.} for CLIENT), so Cloud Trace shows every span
 * as unspecified. The prefix is the only trace of the kind left in the request, so it decides the
 * field here; the display name keeps its prefix, as for every other OpenCensus-instrumented
 * service writing to the same project. The v2 protos the exporter depends on predate the field, so
 * it is written as field 14 on the wire, exactly as a newer proto would write it.
 */
final class SpanKindField {

  /** {@code google.devtools.cloudtrace.v2.Span.span_kind}. */
  static final int FIELD_NUMBER = 14;

  /** {@code Span.SpanKind.SERVER} of Cloud Trace v2. */
  static final int SERVER = 2;

  /** {@code Span.SpanKind.CLIENT} of Cloud Trace v2. */
  static final int CLIENT = 3;

  // The prefixes OpenCensus' StackdriverV2ExporterHandler puts before the names of such spans.
  private static final String SERVER_PREFIX = "Recv.";
  private static final String CLIENT_PREFIX = "Sent.";

  private SpanKindField() {}

  /** {@code request} with the span kind set on each span that has one; the same if none has. */
  static BatchWriteSpansRequest addTo(BatchWriteSpansRequest request) {
    BatchWriteSpansRequest.Builder builder = null;
    for (int i = 0; i < request.getSpansCount(); i++) {
      Span span = request.getSpans(i);
      int kind = kindOf(span.getDisplayName().getValue());
      if (kind != 0) {
        if (builder == null) {
          builder = request.toBuilder();
        }
        builder.setSpans(i, withKind(span, kind));
      }
    }
    return builder == null ? request : builder.build();
  }

  private static int kindOf(String displayName) {
    if (displayName.startsWith(SERVER_PREFIX)) {
      return SERVER;
    }
    return displayName.startsWith(CLIENT_PREFIX) ? CLIENT : 0;
  }

  private static Span withKind(Span span, int kind) {
    UnknownFieldSet fields =
        UnknownFieldSet.newBuilder(span.getUnknownFields())
            .addField(FIELD_NUMBER, UnknownFieldSet.Field.newBuilder().addVarint(kind).build())
            .build();
    return span.toBuilder().setUnknownFields(fields).build();
  }
}
