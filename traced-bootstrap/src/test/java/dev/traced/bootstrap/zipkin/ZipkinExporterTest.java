package dev.traced.bootstrap.zipkin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.bootstrap.DeliveryLedger;
import dev.traced.bootstrap.ExporterKind;
import dev.traced.bootstrap.TracedSettings;
import dev.traced.export.ExportPipeline;
import io.opencensus.common.Timestamp;
import io.opencensus.trace.SpanContext;
import io.opencensus.trace.SpanId;
import io.opencensus.trace.Status;
import io.opencensus.trace.TraceId;
import io.opencensus.trace.TraceOptions;
import io.opencensus.trace.Tracestate;
import io.opencensus.trace.Tracing;
import io.opencensus.trace.export.SpanData;
import io.opencensus.trace.samplers.Samplers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;

/**
 * The exporter's handler: a large export arrives in requests of at most 500 spans, each span once
 * and in order, with the service name; after close, ended spans are no longer sent.
 */
class ZipkinExporterTest {

  private final DeliveryLedger ledger = new DeliveryLedger();
  private ScriptedZipkin zipkin;
  private ZipkinExporter exporter;

  @BeforeEach
  void start() throws Exception {
    ExportPipeline.deliverEnded(Duration.ofSeconds(10)); // earlier tests' spans: dropped
    zipkin = new ScriptedZipkin();
    exporter =
        ZipkinExporter.register(
            TracedSettings.builder()
                .exporters(ExporterKind.ZIPKIN)
                .zipkinEndpoint(zipkin.endpoint())
                .zipkinServiceName("shop")
                .build(),
            ledger);
  }

  @AfterEach
  void stop() {
    exporter.close();
    zipkin.close();
  }

  private static SpanData ended(int i) {
    Timestamp start = Timestamp.create(1_700_000_000L, 0);
    return SpanData.create(
        SpanContext.create(
            TraceId.fromLowerBase16("0af7651916cd43dd8448eb211c80319c"),
            SpanId.fromLowerBase16(String.format("%016x", i + 1)),
            TraceOptions.DEFAULT,
            Tracestate.builder().build()),
        null,
        null,
        "s" + i,
        null,
        start,
        SpanData.Attributes.create(Map.of(), 0),
        SpanData.TimedEvents.create(List.of(), 0),
        SpanData.TimedEvents.create(List.of(), 0),
        SpanData.Links.create(List.of(), 0),
        null,
        Status.OK,
        start.addNanos(1_000_000));
  }

  private List<List<Span>> requests() {
    List<List<Span>> requests = new ArrayList<>();
    for (String body : zipkin.accepted()) {
      requests.add(SpanBytesDecoder.JSON_V2.decodeList(body.getBytes(StandardCharsets.UTF_8)));
    }
    return requests;
  }

  @Test
  void aLargeExportArrivesInRequestsOfAtMost500SpansEachSpanOnceInOrder() {
    List<SpanData> spans = new ArrayList<>();
    for (int i = 0; i < 1_001; i++) {
      spans.add(ended(i));
    }

    exporter.export(spans);

    List<List<Span>> requests = requests();
    assertThat(requests).extracting(List::size).containsExactly(500, 500, 1);
    List<String> names = new ArrayList<>();
    for (List<Span> request : requests) {
      for (Span span : request) {
        names.add(span.name());
        assertThat(span.localServiceName()).isEqualTo("shop");
      }
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 1_001; i++) {
      expected.add("s" + i);
    }
    assertThat(names).isEqualTo(expected);
    assertThat(ledger.delivered()).isEqualTo(1_001);
  }

  @Test
  void exactly500SpansGoInOneRequest() {
    List<SpanData> spans = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      spans.add(ended(i));
    }

    exporter.export(spans);

    assertThat(requests()).extracting(List::size).containsExactly(500);
  }

  @Test
  void spansEndedAfterCloseAreNotSent() throws Exception {
    Tracing.getTracer().spanBuilder("before").setSampler(Samplers.alwaysSample()).startSpan().end();
    ExportPipeline.deliverEnded(Duration.ofSeconds(10));
    assertThat(requests()).flatExtracting(r -> r).extracting(Span::name).containsExactly("before");

    exporter.close();
    Tracing.getTracer().spanBuilder("after").setSampler(Samplers.alwaysSample()).startSpan().end();
    ExportPipeline.deliverEnded(Duration.ofSeconds(10));

    assertThat(requests()).flatExtracting(r -> r).extracting(Span::name).containsExactly("before");
  }
}
