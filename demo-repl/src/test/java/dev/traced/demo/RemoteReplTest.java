package dev.traced.demo;

import static dev.traced.testing.ExpectedSpan.attrs;
import static dev.traced.testing.ExpectedSpan.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.testing.ExpectedSpan;
import dev.traced.testing.SpanCapture;
import io.opencensus.trace.Span;
import io.opencensus.trace.Status;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * --remote and --serve in one JVM, over real HTTP on 127.0.0.1: each line's trace goes repl →
 * processInput (CLIENT) → processInput (SERVER), the server's parent read from the headers.
 */
class RemoteReplTest {

  @RegisterExtension static final SpanCapture spans = new SpanCapture();

  private static String run(String input, URI server) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new Repl(
            new BufferedReader(new StringReader(input)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            false,
            new RemoteProcessor(server))
        .run();
    return out.toString(StandardCharsets.UTF_8);
  }

  private static ExpectedSpan remoteReplSpan(int len) {
    return span("repl")
        .annotation("Invoking processLine", attrs("len", len, "use", "repl"))
        .child(
            span("processInput")
                .kind(Span.Kind.CLIENT)
                .child(span("processInput").kind(Span.Kind.SERVER)));
  }

  @Test
  void eachLineIsAnsweredByTheServerInOneTraceAcrossTheWire() throws Exception {
    ProcessInputServer server = ProcessInputServer.start(0);
    try {
      assertThat(run("hello\nWorld 42\n", URI.create(server.address())))
          .isEqualTo("< HELLO\n< WORLD 42\n".replace("\n", System.lineSeparator()));
    } finally {
      server.stop();
    }
    spans.assertTrees(remoteReplSpan(5), remoteReplSpan(8));
  }

  @Test
  void serverDownStillAnswersTheLineAndTheClientSpanFails() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    URI server = URI.create("http://127.0.0.1:" + closedPort + "/");
    String error =
        "cannot reach " + server + " (ConnectException); is `java -jar demo-repl.jar --serve PORT`"
            + " running?";

    assertThat(run("hello\n", server)).isEqualTo("! " + error + System.lineSeparator());

    String type = RemoteProcessor.RemoteFailure.class.getName();
    spans.assertTrees(
        span("repl")
            .status(Status.CanonicalCode.UNKNOWN, type + ": " + error)
            .annotation("Invoking processLine", attrs("len", 5, "use", "repl"))
            .annotation(type, attrs("exception.type", type, "exception.message", error))
            .child(
                span("processInput")
                    .kind(Span.Kind.CLIENT)
                    .status(Status.CanonicalCode.UNKNOWN, type + ": " + error)
                    .annotation(type, attrs("exception.type", type, "exception.message", error))));
  }
}
