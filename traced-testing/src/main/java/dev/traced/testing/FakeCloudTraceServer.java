package dev.traced.testing;

import com.google.devtools.cloudtrace.v2.Span;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs {@link FakeCloudTrace} from the command line and prints every span it receives, to try
 * Traced's Cloud Trace path without a Google account.
 *
 * <pre>
 * java -jar traced-testing/target/fake-cloud-trace.jar 8085
 * GCP_PROJECT_ID=demo-project TRACED_STACKDRIVER_EMULATOR_HOST=127.0.0.1:8085 java -jar demo-repl/target/demo-repl.jar
 * </pre>
 *
 * <p>The port defaults to 8085 ({@code 0} picks a free one); the server listens on 127.0.0.1 only
 * and runs until the process is stopped (Ctrl-C).
 */
public final class FakeCloudTraceServer {

  /** Port when none is given, the Cloud emulators' customary one. */
  static final int DEFAULT_PORT = 8085;

  static final String USAGE =
      "usage: java -jar fake-cloud-trace.jar [PORT]   (PORT from 0 to 65535, default 8085)";

  private static final long POLL_MILLIS = 100;

  private FakeCloudTraceServer() {}

  /** Starts the server on the port in {@code args[0]} (or 8085) and prints what arrives. */
  public static void main(String[] args) throws IOException, InterruptedException {
    Integer port = port(args);
    if (port == null) {
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    try (FakeCloudTrace server = FakeCloudTrace.start(port)) {
      System.out.println(startLine(server));
      System.out.flush();
      printArrivals(server, System.out, new CountDownLatch(1));
    }
  }

  static String startLine(FakeCloudTrace server) {
    return "Fake Cloud Trace v2 on " + server.hostAndPort() + "; send spans to it with:\n"
        + "  GCP_PROJECT_ID=demo-project TRACED_STACKDRIVER_EMULATOR_HOST=" + server.hostAndPort()
        + " java -jar demo-repl/target/demo-repl.jar";
  }

  /** The port argument, or {@code null} if it is not one. */
  static Integer port(String[] args) {
    if (args.length == 0) {
      return DEFAULT_PORT;
    }
    if (args.length > 1) {
      return null;
    }
    try {
      int port = Integer.parseInt(args[0]);
      return port >= 0 && port <= 65535 ? port : null;
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  /** Prints each span as it arrives, until {@code stop} opens. */
  static void printArrivals(FakeCloudTrace server, PrintStream out, CountDownLatch stop)
      throws InterruptedException {
    int printed = 0;
    do {
      List<Span> spans = server.spans();
      for (; printed < spans.size(); printed++) {
        out.print(CloudTraceSpanText.of(spans.get(printed)));
      }
      out.flush();
    } while (!stop.await(POLL_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS));
  }
}
