package dev.traced.bootstrap;

import io.opencensus.trace.Sampler;
import io.opencensus.trace.Span;
import io.opencensus.trace.SpanContext;
import io.opencensus.trace.SpanId;
import io.opencensus.trace.TraceId;
import java.util.List;

/**
 * The configured sampler, except that root spans of Google's HTTP client are never sampled.
 *
 * <p>Google's HTTP client traces each request it sends. With nothing current, such a request is
 * the exporter's own plumbing: the cloud metadata probe when the Stackdriver exporter loads, or a
 * credential refresh during an export. Sampled, each would show up in Cloud Trace as a trace of its
 * own ({@code Sent.com.google.api.client.http.HttpRequest.execute}), and a refresh traced during an
 * export feeds the next export. Requests made inside the application's own spans have a parent and
 * are sampled as usual.
 */
final class PlumbingAwareSampler extends Sampler {

  static final String GOOGLE_HTTP_CLIENT_PREFIX = "Sent.com.google.api.client.http.";

  private final Sampler delegate;

  PlumbingAwareSampler(Sampler delegate) {
    this.delegate = delegate;
  }

  @Override
  public boolean shouldSample(
      SpanContext parentContext,
      Boolean hasRemoteParent,
      TraceId traceId,
      SpanId spanId,
      String name,
      List<Span> parentLinks) {
    boolean root = parentContext == null || !parentContext.isValid();
    if (root && name.startsWith(GOOGLE_HTTP_CLIENT_PREFIX)) {
      return false;
    }
    return delegate.shouldSample(
        parentContext, hasRemoteParent, traceId, spanId, name, parentLinks);
  }

  @Override
  public String getDescription() {
    return delegate.getDescription() + " (without Google HTTP client root spans)";
  }
}
