package dev.traced.testing;

import com.google.devtools.cloudtrace.v2.BatchWriteSpansRequest;
import com.google.devtools.cloudtrace.v2.Span;
import com.google.devtools.cloudtrace.v2.TraceServiceGrpc;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A Google Cloud Trace v2 {@code TraceService} on 127.0.0.1, for testing exporters without a
 * Google account: it records every {@code BatchWriteSpans} request, and can misbehave the ways a
 * real backend does: answer {@code UNAVAILABLE}, answer late, never answer, answer with a message
 * larger than the client accepts, or die in the middle of a run.
 *
 * <pre>{@code
 * try (FakeCloudTrace cloudTrace = FakeCloudTrace.start().answerAfter(Duration.ofMillis(1900))) {
 *   // export with traced.stackdriver.emulator-host=cloudTrace.hostAndPort()
 *   assertThat(cloudTrace.distinctSpanNames()).hasSize(cloudTrace.spans().size()); // no duplicates
 * }
 * }</pre>
 *
 * <p>A request is recorded as soon as it arrives (before any delay), as a real backend stores a
 * batch whether or not the client is still waiting for the answer. Requests over gRPC's default
 * 4 MB inbound limit are refused by the transport and never recorded.
 */
public final class FakeCloudTrace implements AutoCloseable {

  private static final MethodDescriptor<BatchWriteSpansRequest, byte[]> BATCH_WRITE_SPANS =
      TraceServiceGrpc.getBatchWriteSpansMethod().toBuilder(
              ProtoUtils.marshaller(BatchWriteSpansRequest.getDefaultInstance()), new RawBytes())
          .build();

  private final List<BatchWriteSpansRequest> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile Status failure = Status.UNAVAILABLE;
  private final ScheduledExecutorService answers =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "fake-cloud-trace-answers");
            thread.setDaemon(true);
            return thread;
          });
  private volatile boolean neverAnswer;
  private volatile long answerDelayMillis;
  private volatile int answerBytes;
  private volatile int dieAtCall = Integer.MAX_VALUE;
  private final Server server;

  private FakeCloudTrace(int port) throws IOException {
    ServerServiceDefinition service =
        ServerServiceDefinition.builder(TraceServiceGrpc.SERVICE_NAME)
            .addMethod(BATCH_WRITE_SPANS, ServerCalls.asyncUnaryCall(this::batchWriteSpans))
            .build();
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
            .addService(service)
            .build()
            .start();
  }

  /** Starts a server on a free port of 127.0.0.1. */
  public static FakeCloudTrace start() throws IOException {
    return new FakeCloudTrace(0);
  }

  /** Starts a server on {@code port} of 127.0.0.1 ({@code 0}: a free one). */
  public static FakeCloudTrace start(int port) throws IOException {
    return new FakeCloudTrace(port);
  }

  /** {@code 127.0.0.1:port}, for {@code traced.stackdriver.emulator-host}. */
  public String hostAndPort() {
    return "127.0.0.1:" + server.getPort();
  }

  /** The port. */
  public int port() {
    return server.getPort();
  }

  /** Answers the next {@code count} calls with {@code UNAVAILABLE} (recording nothing). */
  public FakeCloudTrace failNextCalls(int count) {
    return failNextCalls(count, Status.Code.UNAVAILABLE);
  }

  /**
   * Answers the next {@code count} calls with {@code code} (recording nothing), e.g. {@code
   * RESOURCE_EXHAUSTED} for a quota, {@code INVALID_ARGUMENT} for a refused batch; the description
   * is {@code fake outage}, as for {@link #failNextCalls(int)}.
   */
  public FakeCloudTrace failNextCalls(int count, Status.Code code) {
    failure = code.toStatus();
    failuresLeft.set(count);
    return this;
  }

  /** Accepts calls but never answers them, like a hung backend (requests are still recorded). */
  public FakeCloudTrace neverAnswer() {
    neverAnswer = true;
    return this;
  }

  /** Records each request at once but answers it only after {@code delay}, like a slow backend. */
  public FakeCloudTrace answerAfter(Duration delay) {
    answerDelayMillis = delay.toMillis();
    return this;
  }

  /**
   * Answers with a message of {@code bytes} bytes (an {@code Empty} padded with an unknown field),
   * e.g. more than the client's 4 MB inbound limit.
   */
  public FakeCloudTrace answerWithBytes(int bytes) {
    answerBytes = bytes;
    return this;
  }

  /**
   * Answers the first {@code calls} calls normally, then dies: the next call is not recorded and
   * the server shuts down at once, cutting every open connection, like a killed process.
   */
  public FakeCloudTrace dieAfterCalls(int calls) {
    dieAtCall = calls + 1;
    return this;
  }

  /** Every call received, answered or not. */
  public int calls() {
    return calls.get();
  }

  /** The requests recorded, in arrival order. */
  public List<BatchWriteSpansRequest> requests() {
    return List.copyOf(requests);
  }

  /** Every span of every recorded request, in arrival order, duplicates included. */
  public List<Span> spans() {
    List<Span> spans = new ArrayList<>();
    for (BatchWriteSpansRequest request : requests) {
      spans.addAll(request.getSpansList());
    }
    return spans;
  }

  /**
   * The Cloud Trace v2 {@code span_kind} of {@code span}: {@code SERVER}, {@code CLIENT}, other
   * names of the v2 enum, or {@code UNSPECIFIED} when the field is absent. The v2 protos on our
   * class path predate that field (number 14), so it arrives as an unknown field.
   */
  public static String spanKind(Span span) {
    UnknownFieldSet.Field field = span.getUnknownFields().getField(SPAN_KIND_FIELD);
    if (field.getVarintList().isEmpty()) {
      return "UNSPECIFIED";
    }
    long value = field.getVarintList().get(field.getVarintList().size() - 1);
    return value >= 0 && value < SPAN_KINDS.length ? SPAN_KINDS[(int) value] : "#" + value;
  }

  private static final int SPAN_KIND_FIELD = 14;
  private static final String[] SPAN_KINDS = {
    "UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"
  };

  /** The distinct span resource names ({@code projects/p/traces/t/spans/s}) recorded. */
  public Set<String> distinctSpanNames() {
    return spans().stream().map(Span::getName).collect(Collectors.toSet());
  }

  /** Stops the server at once. */
  @Override
  public void close() {
    answers.shutdownNow();
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void batchWriteSpans(BatchWriteSpansRequest request, StreamObserver<byte[]> response) {
    int call = calls.incrementAndGet();
    if (call >= dieAtCall) {
      server.shutdownNow();
      return;
    }
    if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      response.onError(failure.withDescription("fake outage").asRuntimeException());
      return;
    }
    requests.add(request);
    if (neverAnswer) {
      // No answer at all: gRPC keeps the call open until the client's deadline or cancellation.
      return;
    }
    long delay = answerDelayMillis;
    if (delay > 0) {
      answers.schedule(() -> answer(response), delay, TimeUnit.MILLISECONDS);
    } else {
      answer(response);
    }
  }

  private void answer(StreamObserver<byte[]> response) {
    if (response instanceof ServerCallStreamObserver<byte[]> call && call.isCancelled()) {
      return; // the client gave up (deadline) before this late answer
    }
    try {
      response.onNext(answerPayload(answerBytes));
      response.onCompleted();
    } catch (RuntimeException clientGone) {
      // The client cancelled (deadline) before the late answer: nothing to answer any more.
    }
  }

  /** An {@code Empty} message of about {@code bytes} bytes: one unknown length-delimited field. */
  private static byte[] answerPayload(int bytes) {
    if (bytes <= 0) {
      return new byte[0];
    }
    ByteString padding = ByteString.copyFrom(new byte[bytes]);
    return UnknownFieldSet.newBuilder()
        .addField(
            1000,
            UnknownFieldSet.Field.newBuilder()
                .addLengthDelimited(padding)
                .build())
        .build()
        .toByteArray();
  }

  /** Passes answer bytes through as they are, so that an answer can be any size. */
  private static final class RawBytes implements MethodDescriptor.Marshaller<byte[]> {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
