package dev.traced.demo;

import dev.traced.annotations.SpanKind;
import dev.traced.annotations.Traced;
import dev.traced.propagation.TracedHeaders;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The client side of {@code --remote}: sends a line to a {@code --serve} process and returns its
 * answer, in a CLIENT span whose context travels in the request headers, so that the server's
 * span joins the same trace.
 */
final class RemoteProcessor {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(TIMEOUT).proxy(HttpClient.Builder.NO_PROXY).build();
  private final URI server;

  RemoteProcessor(URI server) {
    this.server = server;
  }

  /**
   * The server's answer to {@code line}.
   *
   * @throws RemoteFailure if the server cannot be reached or does not answer 200
   */
  @Traced(name = "processInput", kind = SpanKind.CLIENT)
  String processInput(String line) {
    HttpRequest request =
        TracedHeaders.inject(HttpRequest.newBuilder(server))
            .timeout(TIMEOUT)
            .POST(HttpRequest.BodyPublishers.ofString(line, StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException unreachable) {
      throw new RemoteFailure(
          "cannot reach " + server + " (" + unreachable.getClass().getSimpleName() + "); is"
              + " `java -jar demo-repl.jar --serve PORT` running?");
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new RemoteFailure("interrupted while waiting for " + server);
    }
    if (response.statusCode() != 200) {
      throw new RemoteFailure(server + " answered HTTP " + response.statusCode());
    }
    return response.body();
  }

  /** The remote call failed; the message is one line for the user. */
  static final class RemoteFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RemoteFailure(String message) {
      super(message);
    }
  }
}
