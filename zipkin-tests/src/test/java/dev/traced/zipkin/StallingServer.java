package dev.traced.zipkin;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server on 127.0.0.1 that accepts connections, reads what is sent, and never answers: a
 * Zipkin that hangs. Counts the connections it accepted.
 */
final class StallingServer implements AutoCloseable {

  private final ServerSocket socket;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();

  StallingServer() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptForever, "stalling-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void acceptForever() {
    try {
      while (true) {
        Socket client = socket.accept();
        connections.incrementAndGet();
        accepted.add(client);
        Thread reader = new Thread(() -> drain(client), "stalling-server-read");
        reader.setDaemon(true);
        reader.start();
      }
    } catch (IOException closed) {
      // close() ends the loop
    }
  }

  private static void drain(Socket client) {
    try (InputStream in = client.getInputStream()) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException closed) {
      // the client gave up
    }
  }

  String spansEndpoint() {
    return "http://127.0.0.1:" + socket.getLocalPort() + "/api/v2/spans";
  }

  int connections() {
    return connections.get();
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket client : accepted) {
      client.close();
    }
  }
}
