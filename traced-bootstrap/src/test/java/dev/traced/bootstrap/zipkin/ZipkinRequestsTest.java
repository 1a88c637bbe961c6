package dev.traced.bootstrap.zipkin;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.traced.bootstrap.DeliveryLedger;
import dev.traced.bootstrap.ExporterKind;
import dev.traced.bootstrap.TracedSettings;
import io.opencensus.common.Timestamp;
import io.opencensus.trace.Annotation;
import io.opencensus.trace.SpanContext;
import io.opencensus.trace.SpanId;
import io.opencensus.trace.Status;
import io.opencensus.trace.TraceId;
import io.opencensus.trace.TraceOptions;
import io.opencensus.trace.Tracestate;
import io.opencensus.trace.export.SpanData;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import zipkin2.Endpoint;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;

/**
 * README, "See traces in Zipkin": a request carries at most 500 spans, and a duration is in
 * microseconds, at least 1.
 */
class ZipkinRequestsTest {

  private final Random random = new Random(7);
  private final List<Integer> spansPerRequest = Collections.synchronizedList(new ArrayList<>());
  private HttpServer server;

  @BeforeEach
  void startCollector() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/v2/spans", exchange -> {
      try (exchange; InputStream body = exchange.getRequestBody()) {
        spansPerRequest.add(SpanBytesDecoder.JSON_V2.decodeList(body.readAllBytes()).size());
        exchange.sendResponseHeaders(202, -1);
      }
    });
    server.start();
  }

  @AfterEach
  void stopCollector() {
    server.stop(0);
  }

  private SpanData span(String name, long startMicros, long endMicros) {
    byte[] trace = new byte[16];
    byte[] id = new byte[8];
    random.nextBytes(trace);
    random.nextBytes(id);
    return SpanData.create(
        SpanContext.create(
            TraceId.fromBytes(trace),
            SpanId.fromBytes(id),
            TraceOptions.builder().setIsSampled(true).build(),
            Tracestate.builder().build()),
        null,
        false,
        name,
        null,
        timestamp(startMicros),
        SpanData.Attributes.create(Collections.emptyMap(), 0),
        SpanData.TimedEvents.<Annotation>create(Collections.emptyList(), 0),
        SpanData.TimedEvents.create(Collections.emptyList(), 0),
        SpanData.Links.create(Collections.emptyList(), 0),
        0,
        Status.OK,
        timestamp(endMicros));
  }

  private static Timestamp timestamp(long micros) {
    return Timestamp.create(micros / 1_000_000, (int) (micros % 1_000_000) * 1_000);
  }

  @Test
  void aBatchOfTwelveHundredSpansIsSentInRequestsOfAtMostFiveHundred() {
    TracedSettings settings =
        TracedSettings.builder()
            .exporters(ExporterKind.ZIPKIN)
            .zipkinEndpoint(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2/spans")
            .zipkinServiceName("shop")
            .exportTimeout(Duration.ofSeconds(5))
            .build();
    DeliveryLedger ledger = new DeliveryLedger();
    ZipkinExporter exporter = ZipkinExporter.register(settings, ledger);
    // Handed over directly, as OpenCensus' export thread hands over up to 2,500 at a time.
    exporter.close();
    List<SpanData> batch = new ArrayList<>();
    for (int i = 0; i < 1_200; i++) {
      batch.add(span("s" + i, 1_000_000L + i, 1_000_010L + i));
    }

    exporter.export(batch);

    assertThat(spansPerRequest).containsExactly(500, 500, 200);
    assertThat(ledger.delivered()).isEqualTo(1_200);
  }

  @Test
  void aSpanShorterThanAMicrosecondLastsOneMicrosecond() {
    Endpoint shop = Endpoint.newBuilder().serviceName("shop").build();

    Span instant = ZipkinSpans.of(span("instant", 1_700_000_000_000_001L, 1_700_000_000_000_001L), shop);
    Span longer = ZipkinSpans.of(span("longer", 1_700_000_000_000_001L, 1_700_000_000_250_001L), shop);

    assertThat(instant.timestampAsLong()).isEqualTo(1_700_000_000_000_001L);
    assertThat(instant.durationAsLong()).isEqualTo(1);
    assertThat(longer.durationAsLong()).isEqualTo(250_000);
  }
}
