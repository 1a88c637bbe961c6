package dev.traced.zipkin;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;

/**
 * The real Zipkin server (the exec jar from Maven Central, in-memory storage) on 127.0.0.1 and a
 * free port, with a 256 MB heap; its log goes to {@code target/zipkin-server.log}. Stopped by its
 * own pid on close, and if it does not become healthy.
 */
final class ZipkinServer implements AutoCloseable {

  static final Path JAR =
      Paths.get(System.getProperty("zipkin.server.jar", "target/zipkin-server.jar"));
  /** Measured 14–17 s on an idle 2-core machine; a loaded one needs more. */
  private static final Duration STARTUP_LIMIT = Duration.ofSeconds(120);

  private static final Pattern TRACE_ID = Pattern.compile("\"traceId\":\"([0-9a-f]{16,32})\"");

  private final Process process;
  private final int port;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private ZipkinServer(Process process, int port) {
    this.process = process;
    this.port = port;
    // Should the test JVM end without closing it (a crash, Ctrl-C), Zipkin still goes with it.
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "stop-zipkin"));
  }

  static ZipkinServer start() throws Exception {
    int port = freePort();
    Path log = Paths.get("target", "zipkin-server-" + port + ".log");
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(
            Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            // A test server lives a minute: C1 alone and the serial collector brought its start
            // from 59 s to 20 s on this 2-core machine under load (one run each, load 20).
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-jar", JAR.toString(),
            // --server.address does not bind it to loopback; Armeria's own port settings do.
            "--armeria.ports[0].ip=127.0.0.1",
            "--armeria.ports[0].port=" + port,
            "--armeria.ports[0].protocols[0]=http")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // Zipkin would read these as its own settings.
    builder.environment().keySet().removeIf(k -> k.startsWith("ARMERIA_") || k.startsWith("QUERY_")
        || k.startsWith("STORAGE_") || k.startsWith("COLLECTOR_"));
    ZipkinServer server = new ZipkinServer(builder.start(), port);
    try {
      server.awaitHealthy(log);
      return server;
    } catch (Throwable failed) {
      server.close();
      throw failed;
    }
  }

  private void awaitHealthy(Path log) throws Exception {
    long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("Zipkin exited with " + process.exitValue() + " at start; log: "
            + Files.readString(log, StandardCharsets.UTF_8));
      }
      try {
        if (get("/health").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError("Zipkin not healthy within " + STARTUP_LIMIT + "; log: " + log);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** Where the exporter posts spans. */
  String spansEndpoint() {
    return baseUrl() + "/api/v2/spans";
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** The spans Zipkin holds for {@code traceId}, none if unknown. */
  List<Span> trace(String traceId) throws IOException, InterruptedException {
    HttpResponse<String> response = get("/api/v2/trace/" + traceId);
    if (response.statusCode() == 404) {
      return List.of();
    }
    if (response.statusCode() != 200) {
      throw new AssertionError("GET /api/v2/trace/" + traceId + ": " + response.statusCode());
    }
    return SpanBytesDecoder.JSON_V2.decodeList(response.body().getBytes(StandardCharsets.UTF_8));
  }

  /** The traces Zipkin holds for a service: each a list of spans. */
  List<List<Span>> traces(String serviceName) throws IOException, InterruptedException {
    HttpResponse<String> response =
        get("/api/v2/traces?serviceName=" + serviceName + "&lookback=3600000&limit=100");
    if (response.statusCode() != 200) {
      throw new AssertionError("GET /api/v2/traces: " + response.statusCode());
    }
    // The answer is a list of traces; zipkin2's decoder reads one trace, so fetch each by id.
    Set<String> ids = new LinkedHashSet<>();
    Matcher traceId = TRACE_ID.matcher(response.body());
    while (traceId.find()) {
      ids.add(traceId.group(1));
    }
    List<List<Span>> traces = new ArrayList<>();
    for (String id : ids) {
      traces.add(trace(id));
    }
    return traces;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
