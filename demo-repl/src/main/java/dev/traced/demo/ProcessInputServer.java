package dev.traced.demo;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.traced.annotations.RemoteParent;
import dev.traced.annotations.SpanKind;
import dev.traced.annotations.Traced;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The server side of {@code --serve}: answers each {@code POST}ed line upper-cased, on 127.0.0.1
 * only, with JDK's {@code HttpServer}. Its {@code processInput} span is a SERVER span whose parent
 * is the caller's span, read from the request headers ({@link RemoteParent @RemoteParent}).
 */
final class ProcessInputServer {

  /** Longest line accepted, in bytes (the local demo answers 1 MB lines; allow some more). */
  static final int MAX_LINE = 16 << 20;

  private final HttpServer server;

  private ProcessInputServer(HttpServer server) {
    this.server = server;
  }

  /** Listens on 127.0.0.1:{@code port} (0 picks a free port) and starts answering. */
  static ProcessInputServer start(int port) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/", ProcessInputServer::handle);
    server.start();
    return new ProcessInputServer(server);
  }

  /** Stops listening (in-JVM tests; the demo runs until the JVM stops). */
  void stop() {
    server.stop(0);
  }

  /** The address clients use, such as {@code http://127.0.0.1:8080/}. */
  String address() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  private static void handle(HttpExchange exchange) throws IOException {
    try {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body = exchange.getRequestBody().readNBytes(MAX_LINE + 1);
      if (body.length > MAX_LINE) {
        exchange.sendResponseHeaders(413, -1);
        return;
      }
      String answer =
          processInput(exchange.getRequestHeaders(), new String(body, StandardCharsets.UTF_8));
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
    } finally {
      exchange.close();
    }
  }

  @Traced(name = "processInput", kind = SpanKind.SERVER)
  static String processInput(@RemoteParent Headers headers, String line) {
    return line.toUpperCase(Locale.ROOT);
  }
}
