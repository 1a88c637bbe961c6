package dev.traced.bootstrap.zpages;

import com.sun.net.httpserver.HttpServer;
import io.opencensus.contrib.zpages.ZPageHandlers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * OpenCensus zPages on the loopback interface only ({@code ZPageHandlers
 * .startHttpServerAndRegisterAll} would listen on every interface).
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
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    ZPageHandlers.registerAllToHttpServer(server);
    server.start();
    return new ZPagesServer(server);
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The /tracez address. */
  public String tracezUrl() {
    return "http://" + server.getAddress().getHostString() + ":" + port() + "/tracez";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
