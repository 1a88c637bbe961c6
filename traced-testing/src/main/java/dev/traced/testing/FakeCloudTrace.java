package dev.traced.testing;

import com.google.devtools.cloudtrace.v2.BatchWriteSpansRequest;
import com.google.devtools.cloudtrace.v2.Span;
import com.google.devtools.cloudtrace.v2.TraceServiceGrpc;
import com.google.protobuf.Empty;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Google Cloud Trace v2 {@code TraceService} on 127.0.0.1, for testing exporters without a
 * Google account: it records every {@code BatchWriteSpans} request, and can answer
 * {@code UNAVAILABLE} to the first calls or never answer at all.
 *
 * <pre>{@code
 * try (FakeCloudTrace cloudTrace = FakeCloudTrace.start()) {
 *   // export with traced.stackdriver.emulator-host=cloudTrace.hostAndPort()
 *   assertThat(cloudTrace.spans()).extracting(s -> s.getDisplayName().getValue()) ...
 * }
 * }</pre>
 */
public final class FakeCloudTrace implements AutoCloseable {

  private final List<BatchWriteSpansRequest> requests = new CopyOnWriteArrayList<>();
  private final List<StreamObserver<Empty>> unanswered = new CopyOnWriteArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger unavailableLeft = new AtomicInteger();
  private volatile boolean neverAnswer;
  private final Server server;

  private FakeCloudTrace(int port) throws IOException {
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
            .addService(new Service())
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
    unavailableLeft.set(count);
    return this;
  }

  /** Accepts calls but never answers them, like a hung backend. */
  public FakeCloudTrace neverAnswer() {
    neverAnswer = true;
    return this;
  }

  /** Every call received, answered or not. */
  public int calls() {
    return calls.get();
  }

  /** The requests accepted (answered OK), in arrival order. */
  public List<BatchWriteSpansRequest> requests() {
    return List.copyOf(requests);
  }

  /** Every span of every accepted request, in arrival order. */
  public List<Span> spans() {
    List<Span> spans = new ArrayList<>();
    for (BatchWriteSpansRequest request : requests) {
      spans.addAll(request.getSpansList());
    }
    return spans;
  }

  /** Stops the server at once. */
  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class Service extends TraceServiceGrpc.TraceServiceImplBase {
    @Override
    public void batchWriteSpans(BatchWriteSpansRequest request, StreamObserver<Empty> response) {
      calls.incrementAndGet();
      if (neverAnswer) {
        unanswered.add(response); // keep the call open until the client gives up
        return;
      }
      if (unavailableLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        response.onError(Status.UNAVAILABLE.withDescription("fake outage").asRuntimeException());
        return;
      }
      requests.add(request);
      response.onNext(Empty.getDefaultInstance());
      response.onCompleted();
    }
  }
}
