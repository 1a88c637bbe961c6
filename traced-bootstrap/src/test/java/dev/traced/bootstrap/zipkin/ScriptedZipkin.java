package dev.traced.bootstrap.zipkin;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Zipkin collector on 127.0.0.1 that answers from a script, one answer per call ({@link
 * #then}), then 202 to every call: an HTTP status with a body, no answer at all ({@link #STALL}),
 * or a connection closed after reading the request ({@link #HANG_UP}). Keeps the bodies it
 * accepted (202), in arrival order.
 */
final class ScriptedZipkin implements AutoCloseable {

  /** Reads the request and never answers (until close). */
  static final int STALL = -1;

  /** Reads the request and closes the connection without an answer. */
  static final int HANG_UP = -2;

  private record Answer(int status, String body) {}

  private final HttpServer server;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "scripted-zipkin");
            t.setDaemon(true);
            return t;
          });
  private final Deque<Answer> script = new ConcurrentLinkedDeque<>();
  private final List<String> accepted = new ArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile Answer always;

  ScriptedZipkin() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/api/v2/spans", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        calls.incrementAndGet();
        Answer answer = script.poll();
        if (answer == null) {
          answer = always != null ? always : new Answer(202, "");
        }
        if (answer.status() == STALL) {
          released.await();
          exchange.close();
          return;
        }
        if (answer.status() == HANG_UP) {
          // No response headers sent: the server closes the connection.
          exchange.close();
          return;
        }
        if (answer.status() == 202) {
          synchronized (accepted) {
            accepted.add(body);
          }
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
      } catch (InterruptedException stopped) {
        Thread.currentThread().interrupt();
      }
    });
    server.start();
  }

  /** The next call (after those scripted before) gets {@code status} with {@code body}. */
  ScriptedZipkin then(int status, String body) {
    script.add(new Answer(status, body));
    return this;
  }

  /** Every call not scripted gets {@code status} with {@code body} (instead of 202). */
  ScriptedZipkin always(int status, String body) {
    always = new Answer(status, body);
    return this;
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2/spans";
  }

  int calls() {
    return calls.get();
  }

  /** The bodies answered with 202, in arrival order. */
  List<String> accepted() {
    synchronized (accepted) {
      return List.copyOf(accepted);
    }
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
