package dev.traced.bootstrap;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;

/**
 * A Zipkin v2 collector on 127.0.0.1 for tests: {@code POST /api/v2/spans} answers 202 and keeps
 * the spans; it can fail on purpose ({@link #failNextCalls}, {@link #refuseWith}, {@link
 * #neverAnswer}).
 */
final class FakeZipkin implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fake-zipkin");
    t.setDaemon(true);
    return t;
  });
  private final List<Span> spans = new ArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile int refusal;
  private volatile boolean stall;

  private FakeZipkin(HttpServer server) {
    this.server = server;
  }

  static FakeZipkin start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    FakeZipkin fake = new FakeZipkin(server);
    server.setExecutor(fake.threads);
    server.createContext("/api/v2/spans", exchange -> {
      try (exchange; InputStream body = exchange.getRequestBody()) {
        byte[] json = body.readAllBytes();
        fake.calls.incrementAndGet();
        if (fake.stall) {
          fake.released.await();
          return;
        }
        int status = 202;
        if (fake.failuresLeft.getAndDecrement() > 0) {
          status = 503;
        } else if (fake.refusal != 0) {
          status = fake.refusal;
        } else {
          synchronized (fake.spans) {
            fake.spans.addAll(SpanBytesDecoder.JSON_V2.decodeList(json));
          }
        }
        byte[] answer = status == 202 ? new byte[0] : ("failed on purpose\nsecond line").getBytes();
        exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
        exchange.getResponseBody().write(answer);
      } catch (InterruptedException stopped) {
        Thread.currentThread().interrupt();
      }
    });
    server.start();
    return fake;
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2/spans";
  }

  void failNextCalls(int n) {
    failuresLeft.set(n);
  }

  void refuseWith(int status) {
    refusal = status;
  }

  void neverAnswer() {
    stall = true;
  }

  int calls() {
    return calls.get();
  }

  List<Span> spans() {
    synchronized (spans) {
      return List.copyOf(spans);
    }
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
