package dev.traced.demo;

import dev.traced.bootstrap.SettingsException;
import dev.traced.bootstrap.TracedBootstrap;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

/**
 * Starts tracing from the {@code traced.*} settings (console trees on stderr by default, Cloud
 * Trace with {@code GCP_PROJECT_ID}, Zipkin with {@code TRACED_EXPORTER=zipkin} as service
 * {@code traced-demo}), runs the {@link Repl} on standard input, and exits 0 at the
 * end of input once every span is flushed. Exit code 2 means a bad setting or flag (the reason is
 * the one line on stderr). With {@code --serve PORT} it answers lines over HTTP on 127.0.0.1
 * instead, until stopped; with {@code --remote URL} the REPL sends each line to such a server, and
 * each line's trace spans both processes.
 *
 * <pre>
 * echo hello | java -jar demo-repl/target/demo-repl.jar
 * &lt; HELLO
 * </pre>
 */
public final class ReplMain {

  private ReplMain() {}

  /** The demo's spans are listed under this name in Zipkin unless the user names it otherwise. */
  static final String SERVICE_NAME = "traced-demo";

  /** Runs the REPL; see the class comment. */
  public static void main(String[] args) throws IOException, InterruptedException {
    if (isBlank(System.getProperty("traced.zipkin.service-name"))
        && isBlank(System.getenv("TRACED_ZIPKIN_SERVICE_NAME"))) {
      System.setProperty("traced.zipkin.service-name", SERVICE_NAME);
    }
    DemoFlags flags;
    try {
      flags = DemoFlags.parse(args);
    } catch (IllegalArgumentException badFlags) {
      System.err.println(badFlags.getMessage());
      System.exit(2);
      return;
    }
    TracedBootstrap tracing;
    try {
      tracing = TracedBootstrap.start();
    } catch (SettingsException badSetting) {
      System.err.println(badSetting.getMessage());
      System.exit(2);
      return;
    }
    // Malformed UTF-8 becomes U+FFFD instead of an exception: odd input must not end the REPL.
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    try (tracing) {
      if (flags.servePort >= 0) {
        serve(flags.servePort);
      } else {
        new Repl(in, out, onTerminal(), flags.remote == null ? null : new RemoteProcessor(flags.remote))
            .run();
      }
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  /** Answers lines over HTTP until the JVM is stopped; the bootstrap's hook flushes the spans. */
  private static void serve(int port) throws IOException, InterruptedException {
    ProcessInputServer server;
    try {
      server = ProcessInputServer.start(port);
    } catch (java.net.BindException taken) {
      System.err.println("[demo] --serve " + port + ": the port is taken (" + taken.getMessage()
          + "); pick another, or 0 for a free one");
      System.exit(2);
      return;
    }
    System.err.println("[demo] serving processInput on " + server.address() + " (Ctrl-C stops)");
    System.err.flush();
    new java.util.concurrent.CountDownLatch(1).await();
  }

  /** Whether standard input and output are a terminal; on JDK 22+ System.console() is not enough. */
  static boolean onTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException beforeJdk22) {
      return true; // before JDK 22, a console exists only on a terminal
    }
  }
}
