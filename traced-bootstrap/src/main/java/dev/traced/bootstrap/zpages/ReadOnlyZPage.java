package dev.traced.bootstrap.zpages;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.opencensus.contrib.zpages.ZPageHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Serves one read-only OpenCensus zPage to local requests only: {@code GET} or {@code HEAD}, with
 * a {@code Host} header naming this machine's loopback address ({@code 127.0.0.1},
 * {@code localhost}, {@code [::1]}) and the server's port.
 *
 * <p>Why the {@code Host} check: the server listens on loopback, but a web page the user opens can
 * still reach it through DNS rebinding (a name of the attacker's that first resolves to the
 * attacker, then to 127.0.0.1); such requests carry the attacker's name as {@code Host}. Any other
 * {@code Host} gets 403, any other method 405.
 */
final class ReadOnlyZPage implements HttpHandler {

  /** Body of the 403 answer to a request whose Host is not this machine's loopback address. */
  static final String FOREIGN_HOST =
      "zPages answer only requests addressed to 127.0.0.1, localhost or [::1] with this port\n";

  /** Body of the 405 answer to a method other than GET or HEAD. */
  static final String READ_ONLY = "zPages are read-only: use GET or HEAD\n";

  private final ZPageHandler page;
  private final int port;

  ReadOnlyZPage(ZPageHandler page, int port) {
    this.page = page;
    this.port = port;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      boolean head = method.equals("HEAD");
      if (!method.equals("GET") && !head) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, READ_ONLY, head);
        return;
      }
      if (!isLoopback(exchange.getRequestHeaders().getFirst("Host"), port)) {
        send(exchange, 403, FOREIGN_HOST, head);
        return;
      }
      ByteArrayOutputStream html = new ByteArrayOutputStream();
      page.emitHtml(query(exchange.getRequestURI().getRawQuery()), html);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      send(exchange, 200, html.toByteArray(), head);
    }
  }

  /** Whether {@code host} (a Host header) is a loopback address or localhost, with {@code port}. */
  static boolean isLoopback(String host, int port) {
    if (host == null) {
      return false;
    }
    String suffix = ":" + port;
    if (!host.endsWith(suffix)) {
      return false;
    }
    String name = host.substring(0, host.length() - suffix.length());
    if (name.equalsIgnoreCase("localhost")) {
      return true;
    }
    // Literals only, so that the check itself never resolves a name.
    boolean ipv6 = name.startsWith("[") && name.endsWith("]") && name.indexOf('%') < 0;
    boolean ipv4 = name.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    if (!ipv6 && !ipv4) {
      return false;
    }
    try {
      return InetAddress.getByName(ipv6 ? name.substring(1, name.length() - 1) : name)
          .isLoopbackAddress();
    } catch (UnknownHostException notALiteral) {
      return false;
    }
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> query = new HashMap<>();
    if (rawQuery == null) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      query.put(decode(key), decode(value));
    }
    return query;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return text;
    }
  }

  private static void send(HttpExchange exchange, int status, String text, boolean head)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    send(exchange, status, text.getBytes(StandardCharsets.UTF_8), head);
  }

  private static void send(HttpExchange exchange, int status, byte[] body, boolean head)
      throws IOException {
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    // HEAD: the headers alone (-1: no body follows).
    exchange.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
