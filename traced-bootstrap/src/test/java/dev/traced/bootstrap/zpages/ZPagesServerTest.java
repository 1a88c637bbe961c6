package dev.traced.bootstrap.zpages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.opencensus.trace.Sampler;
import io.opencensus.trace.Tracing;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * zPages answer only read-only requests from this machine: real HTTP requests to the started
 * server, with the Host header and method a web page could send.
 */
class ZPagesServerTest {

  private ZPagesServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Sends {@code request} as it is and returns the whole response. */
  private String raw(InetAddress address, String request) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, server.port()), 5_000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private String get(String path, String host) throws IOException {
    return raw(
        InetAddress.getLoopbackAddress(),
        "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
  }

  @Test
  void tracezAnswersRequestsAddressedToThisMachine() throws IOException {
    server = ZPagesServer.start(0);
    for (String host :
        new String[] {"127.0.0.1:" + server.port(), "localhost:" + server.port(),
            "LocalHost:" + server.port(), "[::1]:" + server.port()}) {
      assertThat(get("/tracez", host)).as(host).startsWith("HTTP/1.1 200 ").contains("TraceZ");
    }
    assertThat(get("/rpcz", "127.0.0.1:" + server.port())).startsWith("HTTP/1.1 200 ");
    assertThat(get("/statsz", "127.0.0.1:" + server.port())).startsWith("HTTP/1.1 200 ");
  }

  @Test
  void otherHostHeadersAreRefusedAsInDnsRebinding() throws IOException {
    server = ZPagesServer.start(0);
    for (String host :
        new String[] {"attacker.example:" + server.port(), "127.0.0.1:1", "127.0.0.1",
            "localhost.attacker.example:" + server.port(), "10.0.0.1:" + server.port()}) {
      String response = get("/tracez?zspanname=x&ztype=0", host);
      assertThat(response).as(host).startsWith("HTTP/1.1 403 ").endsWith(ReadOnlyZPage.FOREIGN_HOST);
    }
    String noHost = raw(InetAddress.getLoopbackAddress(), "GET /tracez HTTP/1.0\r\n\r\n");
    assertThat(noHost).startsWith("HTTP/1.1 403 ");
  }

  @Test
  void theSamplerCannotBeChangedThroughZPages() throws IOException {
    server = ZPagesServer.start(0);
    Sampler before = Tracing.getTraceConfig().getActiveTraceParams().getSampler();

    String response =
        get(
            "/traceconfigz?change=permanently&samplingprobability=0",
            "127.0.0.1:" + server.port());

    assertThat(response).startsWith("HTTP/1.1 404 ");
    assertThat(Tracing.getTraceConfig().getActiveTraceParams().getSampler()).isSameAs(before);
  }

  @Test
  void onlyGetAndHeadAreAnswered() throws IOException {
    server = ZPagesServer.start(0);
    String host = "127.0.0.1:" + server.port();
    String post =
        raw(
            InetAddress.getLoopbackAddress(),
            "POST /tracez HTTP/1.1\r\nHost: " + host
                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    assertThat(post).startsWith("HTTP/1.1 405 ").contains("Allow: GET, HEAD");

    String head =
        raw(
            InetAddress.getLoopbackAddress(),
            "HEAD /tracez HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
    assertThat(head).startsWith("HTTP/1.1 200 ").doesNotContain("TraceZ");
  }

  @Test
  void ipv6AddressIsPrintedInBracketsAndWorks() throws Exception {
    InetAddress ipv6Loopback = InetAddress.getByName("::1");
    assumeTrue(canBind(ipv6Loopback), "no IPv6 loopback on this machine");
    server = ZPagesServer.start(ipv6Loopback, 0);

    assertThat(server.tracezUrl()).isEqualTo("http://[::1]:" + server.port() + "/tracez");
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.tracezUrl())).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("TraceZ");
  }

  @Test
  void ipv4AddressIsPrintedAsItIs() throws IOException {
    server = ZPagesServer.start(InetAddress.getByName("127.0.0.1"), 0);
    assertThat(server.tracezUrl()).isEqualTo("http://127.0.0.1:" + server.port() + "/tracez");
  }

  private static boolean canBind(InetAddress address) {
    try (ServerSocket socket = new ServerSocket(0, 1, address)) {
      return true;
    } catch (IOException unavailable) {
      return false;
    }
  }

  @Test
  void everyAnswerForbidsSniffingAndCaching() throws IOException {
    server = ZPagesServer.start(0);
    String ok = get("/tracez", "127.0.0.1:" + server.port()).toLowerCase(java.util.Locale.ROOT);
    String refused = get("/tracez", "attacker.example:" + server.port()).toLowerCase(java.util.Locale.ROOT);
    assertThat(ok).contains("content-type: text/html; charset=utf-8\r\n");
    assertThat(refused).contains("content-type: text/plain; charset=utf-8\r\n");
    for (String response : new String[] {ok, refused}) {
      assertThat(response)
          .contains("x-content-type-options: nosniff\r\n")
          .contains("cache-control: no-store\r\n");
    }
  }

  @Test
  void queryParametersReachThePage() throws IOException {
    server = ZPagesServer.start(0);
    String response =
        get("/tracez?zspanname=query%2Dspan%2Dname&ztype=1&zsubtype=0", "127.0.0.1:" + server.port());
    assertThat(response).startsWith("HTTP/1.1 200 ").contains("query-span-name");
  }

  @Test
  void closeReleasesThePort() throws IOException {
    server = ZPagesServer.start(0);
    int port = server.port();
    server.close();
    server = null;
    try (java.net.ServerSocket again =
        new java.net.ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }
}
