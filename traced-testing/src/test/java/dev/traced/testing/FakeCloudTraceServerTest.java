package dev.traced.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.devtools.cloudtrace.v2.AttributeValue;
import com.google.devtools.cloudtrace.v2.BatchWriteSpansRequest;
import com.google.devtools.cloudtrace.v2.Span;
import com.google.devtools.cloudtrace.v2.TraceServiceGrpc;
import com.google.devtools.cloudtrace.v2.TruncatableString;
import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The command-line server prints what a Cloud Trace client sends it, readably and safely. */
class FakeCloudTraceServerTest {

  private static final String TRACE = "4737461a3cd947b0eb9e72b748c0f41a";

  @Test
  void printsEachSpanAClientSends() throws Exception {
    try (FakeCloudTrace server = FakeCloudTrace.start(0)) {
      send(server, span("0a1b2c3d4e5f6a7b", "", "repl\u001b[2J", 1_204_000));
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CountDownLatch stop = new CountDownLatch(1);
      Thread printer = new Thread(() -> {
        try {
          FakeCloudTraceServer.printArrivals(
              server, new PrintStream(bytes, true, StandardCharsets.UTF_8), stop);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      printer.start();
      send(server, span("1b2c3d4e5f6a7b8c", "0a1b2c3d4e5f6a7b", "processInput", 32_000));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (bytes.toString(StandardCharsets.UTF_8).lines().count() < 2
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      stop.countDown();
      printer.join(5_000);

      assertThat(bytes.toString(StandardCharsets.UTF_8))
          .isEqualTo(
              "span \"repl\\u001b[2J\" 1.204 ms  trace " + TRACE + "  id 0a1b2c3d4e5f6a7b  (root)"
                  + "  {len=5, use=\"repl\"}\n"
                  + "span \"processInput\" 0.032 ms  trace " + TRACE
                  + "  id 1b2c3d4e5f6a7b8c  parent 0a1b2c3d4e5f6a7b  {len=5, use=\"repl\"}\n");
    }
  }

  @Test
  void thePortArgumentIsCheckedAndDefaultsTo8085() {
    assertThat(FakeCloudTraceServer.port(new String[0])).isEqualTo(8085);
    assertThat(FakeCloudTraceServer.port(new String[] {"0"})).isZero();
    assertThat(FakeCloudTraceServer.port(new String[] {"65535"})).isEqualTo(65535);
    assertThat(FakeCloudTraceServer.port(new String[] {"65536"})).isNull();
    assertThat(FakeCloudTraceServer.port(new String[] {"-1"})).isNull();
    assertThat(FakeCloudTraceServer.port(new String[] {"http"})).isNull();
    assertThat(FakeCloudTraceServer.port(new String[] {"1", "2"})).isNull();
  }

  @Test
  void theStartLineSaysHowToSendSpans() throws Exception {
    try (FakeCloudTrace server = FakeCloudTrace.start(0)) {
      assertThat(FakeCloudTraceServer.startLine(server))
          .contains("TRACED_STACKDRIVER_EMULATOR_HOST=127.0.0.1:" + server.port());
    }
  }

  private static Span span(String id, String parent, String name, long durationNanos) {
    return Span.newBuilder()
        .setName("projects/demo/traces/" + TRACE + "/spans/" + id)
        .setSpanId(id)
        .setParentSpanId(parent)
        .setDisplayName(TruncatableString.newBuilder().setValue(name))
        .setStartTime(Timestamp.newBuilder().setSeconds(100))
        .setEndTime(Timestamp.newBuilder().setSeconds(100).setNanos((int) durationNanos))
        .setAttributes(Span.Attributes.newBuilder()
            .putAttributeMap("use", AttributeValue.newBuilder()
                .setStringValue(TruncatableString.newBuilder().setValue("repl")).build())
            .putAttributeMap("len", AttributeValue.newBuilder().setIntValue(5).build()))
        .build();
  }

  private static void send(FakeCloudTrace server, Span span) {
    ManagedChannel channel =
        ManagedChannelBuilder.forTarget(server.hostAndPort()).usePlaintext().build();
    try {
      TraceServiceGrpc.newBlockingStub(channel)
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .batchWriteSpans(
              BatchWriteSpansRequest.newBuilder().setName("projects/demo").addSpans(span).build());
    } finally {
      channel.shutdownNow();
    }
  }
}
