package dev.traced.bootstrap.stackdriver;

import com.google.devtools.cloudtrace.v2.BatchWriteSpansRequest;
import com.google.devtools.cloudtrace.v2.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a {@code BatchWriteSpans} request into requests of at most {@link #MAX_REQUEST_BYTES}
 * serialized bytes each, keeping span order.
 *
 * <p>Why: OpenCensus hands over batches of up to 2,500 spans whatever their size, and a request
 * larger than the server accepts (gRPC's default inbound limit is 4 MiB) fails as a whole,
 * {@code CANCELLED}, without retry: 300 spans with 30 long annotations each already exceed it.
 * Cloud Trace's quota page gives no per-request byte limit, only per-span ones (32 attributes,
 * 128-byte keys, 256-byte values), so we stay well below gRPC's default. A single span larger than
 * the limit goes alone (and fails alone).
 */
final class RequestSplitter {

  /** 3 MiB: below gRPC's default 4 MiB inbound limit, with room for framing and headers. */
  static final int MAX_REQUEST_BYTES = 3 * 1024 * 1024;

  /** Per span, the tag and length prefix around it in the request (at most 1 + 5 bytes). */
  private static final int PER_SPAN_OVERHEAD = 6;

  private RequestSplitter() {}

  static List<BatchWriteSpansRequest> split(BatchWriteSpansRequest request, int maxBytes) {
    if (request.getSerializedSize() <= maxBytes) {
      return List.of(request);
    }
    List<BatchWriteSpansRequest> parts = new ArrayList<>();
    int header = request.toBuilder().clearSpans().build().getSerializedSize();
    BatchWriteSpansRequest.Builder part = request.toBuilder().clearSpans();
    long size = header;
    for (Span span : request.getSpansList()) {
      int spanBytes = span.getSerializedSize() + PER_SPAN_OVERHEAD;
      if (part.getSpansCount() > 0 && size + spanBytes > maxBytes) {
        parts.add(part.build());
        part = request.toBuilder().clearSpans();
        size = header;
      }
      part.addSpans(span);
      size += spanBytes;
    }
    parts.add(part.build());
    return parts;
  }
}
