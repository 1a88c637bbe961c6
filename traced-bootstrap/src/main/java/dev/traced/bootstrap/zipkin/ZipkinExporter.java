package dev.traced.bootstrap.zipkin;

import com.google.common.collect.Lists;
import dev.traced.bootstrap.DeliveryLedger;
import dev.traced.bootstrap.TracedSettings;
import io.opencensus.trace.Tracing;
import io.opencensus.trace.export.SpanData;
import io.opencensus.trace.export.SpanExporter;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import zipkin2.Endpoint;
import zipkin2.Span;
import zipkin2.codec.SpanBytesEncoder;

/**
 * Sends every ended span to a Zipkin server (its v2 JSON API at {@code traced.zipkin.endpoint}),
 * counting each in the {@link DeliveryLedger}.
 *
 * <pre>{@code
 * ZipkinExporter exporter = ZipkinExporter.register(settings, ledger);
 * ...
 * exporter.close();   // after the last flush
 * }</pre>
 *
 * <p>Why not OpenCensus' own Zipkin exporter: its handler starts a non-daemon thread per export
 * and never stops it (the JVM then never exits by itself), retries nothing and reports failures as
 * a stack trace per batch. This one posts on OpenCensus' export thread (so a flush waits for the
 * answer, and the count is exact), retries what certainly did not arrive (see {@link
 * ZipkinSender}), and starts no thread of its own that could hold the JVM.
 */
public final class ZipkinExporter extends SpanExporter.Handler implements AutoCloseable {

  /** The backend's name in the loss line. */
  public static final String BACKEND = "Zipkin";

  /**
   * Spans per request: OpenCensus hands over up to 2,500 at a time; Zipkin servers behind a proxy
   * often accept only a few MB per request, and 500 of our spans are about 0.2 MB.
   */
  static final int MAX_SPANS_PER_REQUEST = 500;

  private final Endpoint local;
  private final ZipkinSender sender;

  private ZipkinExporter(Endpoint local, ZipkinSender sender) {
    this.local = local;
    this.sender = sender;
  }

  /** Registers the exporter with OpenCensus; spans ended from now on are sent to Zipkin. */
  public static ZipkinExporter register(TracedSettings settings, DeliveryLedger ledger) {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.exportTimeout())
            // The JVM's proxy settings apply (loopback is never proxied by default).
            .proxy(ProxySelector.getDefault())
            .build();
    ZipkinSender sender =
        new ZipkinSender(
            client,
            settings.zipkinEndpoint(),
            ledger,
            settings.exportTimeout(),
            settings.retryBudget());
    ZipkinExporter exporter =
        new ZipkinExporter(
            Endpoint.newBuilder().serviceName(settings.zipkinServiceName()).build(), sender);
    Tracing.getExportComponent().getSpanExporter().registerHandler(handlerName(), exporter);
    return exporter;
  }

  private static String handlerName() {
    return ZipkinExporter.class.getName();
  }

  @Override
  public void export(Collection<SpanData> spanData) {
    List<Span> spans = new ArrayList<>(spanData.size());
    for (SpanData data : spanData) {
      spans.add(ZipkinSpans.of(data, local));
    }
    for (List<Span> part : Lists.partition(spans, MAX_SPANS_PER_REQUEST)) {
      sender.send(part.size(), SpanBytesEncoder.JSON_V2.encodeList(part));
    }
  }

  /** Unregisters the handler: spans ended later are not sent (the loss line counts them). */
  @Override
  public void close() {
    Tracing.getExportComponent().getSpanExporter().unregisterHandler(handlerName());
  }
}
