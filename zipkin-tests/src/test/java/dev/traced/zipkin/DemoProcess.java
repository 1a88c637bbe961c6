package dev.traced.zipkin;

import dev.traced.testing.JvmWarnings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged demo jar as its own process, as a user runs it: settings through environment
 * variables, lines on stdin; stdout and stderr collected. Stopped by its own pid in every case.
 */
final class DemoProcess implements AutoCloseable {

  static final Path JAR =
      Paths.get(System.getProperty("demo.jar", "../demo-repl/target/demo-repl.jar"));

  /** What a finished demo left behind; {@code took} runs from the end of its input to its exit. */
  record Result(int exitCode, String stdout, String stderr, Duration took) {}

  private final Process process;
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final Thread stdoutReader;
  private final Thread stderrReader;

  private DemoProcess(Process process) {
    this.process = process;
    this.stdoutReader = copy(process.getInputStream(), stdout);
    this.stderrReader = copy(process.getErrorStream(), stderr);
  }

  /** Starts the demo with these environment variables (any other TRACED_* removed). */
  static DemoProcess start(Map<String, String> env) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    // Nothing may leave loopback (the same properties as every JVM of this build).
    command.addAll(List.of("-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=9",
        "-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=9"));
    command.addAll(List.of("-jar", JAR.toString()));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet()
        .removeIf(k -> k.startsWith("TRACED_") || k.equals("GCP_PROJECT_ID"));
    builder.environment().putAll(env);
    return new DemoProcess(builder.start());
  }

  /**
   * Runs the demo on {@code input} to its end: types it, waits until every line is answered (so
   * that {@link Result#took} is the time from the end of input to exit: the flush and JVM exit,
   * not the JVM's start), then closes stdin. Fails if it does not exit within a minute.
   */
  static Result run(String input, Map<String, String> env) throws Exception {
    try (DemoProcess demo = start(env)) {
      demo.type(input);
      demo.awaitAnswers(input.split("\n", -1).length - 1);
      return demo.endInput();
    }
  }

  /** Waits (at most a minute) until stdout holds {@code lines} lines. */
  void awaitAnswers(int lines) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      String out;
      synchronized (stdout) {
        out = stdout.toString(StandardCharsets.UTF_8);
      }
      if (out.chars().filter(c -> c == '\n').count() >= lines) {
        return;
      }
      if (System.nanoTime() > deadline || !process.isAlive()) {
        throw new AssertionError("the demo answered " + out + " instead of " + lines
            + " lines; stderr: " + stderrSoFar());
      }
      Thread.sleep(20);
    }
  }

  /** Writes {@code lines} to the demo's stdin, which stays open. */
  void type(String lines) throws IOException {
    OutputStream stdin = process.getOutputStream();
    stdin.write(lines.getBytes(StandardCharsets.UTF_8));
    stdin.flush();
  }

  /** stderr so far. */
  String stderrSoFar() {
    synchronized (stderr) {
      return stderr.toString(StandardCharsets.UTF_8);
    }
  }

  /** Closes stdin (Ctrl-D) and waits for the exit. */
  Result endInput() throws Exception {
    process.getOutputStream().close();
    long ended = System.nanoTime();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("the demo did not exit within 60 s of its input's end");
    }
    Duration took = Duration.ofNanos(System.nanoTime() - ended);
    stdoutReader.join(5_000);
    stderrReader.join(5_000);
    String err;
    synchronized (stderr) {
      err = stderr.toString(StandardCharsets.UTF_8);
    }
    String out;
    synchronized (stdout) {
      out = stdout.toString(StandardCharsets.UTF_8);
    }
    return new Result(
        process.exitValue(),
        out,
        // Only OpenCensus' Disruptor (com.lmax) may make the JVM warn, on JDK 24+.
        JvmWarnings.withoutUnsafeWarnings(err, "com.lmax."),
        took);
  }

  private static Thread copy(InputStream from, ByteArrayOutputStream to) {
    Thread reader = new Thread(() -> {
      byte[] buffer = new byte[8192];
      try (from) {
        for (int n; (n = from.read(buffer)) >= 0; ) {
          synchronized (to) {
            to.write(buffer, 0, n);
          }
        }
      } catch (IOException closed) {
        // the process ended
      }
    }, "demo-output");
    reader.setDaemon(true);
    reader.start();
    return reader;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
