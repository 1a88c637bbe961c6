package dev.traced.bootstrap.zpages;

import com.sun.net.httpserver.HttpServer;
import io.opencensus.contrib.zpages.ZPageHandler;
import io.opencensus.contrib.zpages.ZPageHandlers;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * OpenCensus' read-only zPages ({@code /tracez}, {@code /rpcz}, {@code /statsz}) on the loopback
 * interface only ({@code ZPageHandlers.startHttpServerAndRegisterAll} would listen on every
 * interface), answering only local {@code GET} and {@code HEAD} requests ({@link ReadOnlyZPage}).
 * {@code /traceconfigz} is left out: it changes the sampler on a plain {@code GET}, so any web
 * page the user opens could switch tracing off; the sampler is {@code traced.sampler}'s job.
 *
 * <pre>{@code
 * ZPagesServer zpages = ZPagesServer.start(8888);   // http://127.0.0.1:8888/tracez
 * }</pre>
 */
public final class ZPagesServer implements AutoCloseable {

  private final HttpServer server;

  private ZPagesServer(HttpServer server) {
    this.server = server;
  }

  /**
   * Starts the server on 127.0.0.1.
   *
   * @param port the port, or 0 for any free one
   * @throws IOException if the port is taken
   */
  public static ZPagesServer start(int port) throws IOException {
    return start(InetAddress.getLoopbackAddress(), port);
  }

  /** Starts the server on {@code address}; for tests of other loopback addresses. */
  static ZPagesServer start(InetAddress address, int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
    int boundPort = server.getAddress().getPort();
    for (ZPageHandler page :
        List.of(
            ZPageHandlers.getTracezZPageHandler(),
            ZPageHandlers.getRpczZpageHandler(),
            ZPageHandlers.getStatszZPageHandler())) {
      server.createContext(page.getUrlPath(), new ReadOnlyZPage(page, boundPort));
    }
    server.start();
    return new ZPagesServer(server);
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The /tracez address. */
  public String tracezUrl() {
    return "http://" + host(server.getAddress().getAddress()) + ":" + port() + "/tracez";
  }

  /** {@code 127.0.0.1}, or an IPv6 literal in brackets as URLs need: {@code [::1]}. */
  private static String host(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address.getHostAddress();
    }
    return address.isLoopbackAddress() ? "[::1]" : "[" + address.getHostAddress() + "]";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
