package dev.traced.demo;

import dev.traced.annotations.Annotate;
import dev.traced.annotations.Attr;
import dev.traced.annotations.Attribute;
import dev.traced.annotations.Traced;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The quickstart's read-evaluate-print loop: each line read is printed back upper-cased after
 * {@code "< "}, and each step is traced: span {@code repl} with the annotation {@code Invoking
 * processLine} ({@code len}, {@code use}) and the child span {@code processInput}.
 *
 * <p>Unlike the quickstart, the line is read before the {@code repl} span starts and the answer is
 * printed after it ends, so the span measures the work and not the time a person takes to type,
 * the end of input makes no empty span, and an answered line always has a complete trace.
 */
public final class Repl {

  private final BufferedReader in;
  private final PrintStream out;
  private final boolean prompt;
  private final RemoteProcessor remote;

  /**
   * A loop over {@code in} writing to {@code out}.
   *
   * @param prompt whether to show {@code "> "} before each line (only on a terminal, so that piped
   *     output stays clean)
   */
  public Repl(BufferedReader in, PrintStream out, boolean prompt) {
    this(in, out, prompt, null);
  }

  /** As above, sending each line to {@code remote} ({@code --remote}) unless it is null. */
  Repl(BufferedReader in, PrintStream out, boolean prompt, RemoteProcessor remote) {
    this.in = in;
    this.out = out;
    this.prompt = prompt;
    this.remote = remote;
  }

  /** Reads and answers lines until the end of input. */
  public void run() throws IOException {
    while (true) {
      if (prompt) {
        out.print("> ");
        out.flush();
      }
      String line = in.readLine();
      if (line == null) {
        return;
      }
      // Printed after the span ends: once a line is answered, its trace is complete.
      String answer;
      try {
        answer = readEvaluateProcess(line);
      } catch (RemoteProcessor.RemoteFailure failed) {
        // The line is still answered: one line saying why, and the loop goes on.
        answer = "! " + failed.getMessage();
      }
      out.println(answer);
      out.flush();
    }
  }

  @Traced(name = "repl")
  String readEvaluateProcess(String line) {
    return "< " + evaluate(line, line.codePointCount(0, line.length()));
  }

  /** Announces the processing on the {@code repl} span, as the quickstart's annotation does. */
  @Annotate(value = "Invoking processLine", attributes = @Attribute(key = "use", value = "repl"))
  private String evaluate(String line, @Attr("len") int length) {
    return remote == null ? processInput(line) : remote.processInput(line);
  }

  @Traced(name = "processInput")
  private static String processInput(String line) {
    return line.toUpperCase(Locale.ROOT);
  }
}
