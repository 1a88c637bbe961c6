package dev.traced.demo;

import static dev.traced.testing.ExpectedSpan.attrs;
import static dev.traced.testing.ExpectedSpan.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.testing.ExpectedSpan;
import dev.traced.testing.SpanCapture;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The woven demo in-process: output, and the quickstart's span tree for every line. */
class ReplTest {

  @RegisterExtension static final SpanCapture spans = new SpanCapture();

  private String run(byte[] input, boolean prompt) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BufferedReader in =
        new BufferedReader(
            new InputStreamReader(new ByteArrayInputStream(input), StandardCharsets.UTF_8));
    new Repl(in, new PrintStream(out, true, StandardCharsets.UTF_8), prompt).run();
    return out.toString(StandardCharsets.UTF_8);
  }

  private static ExpectedSpan replSpan(int len) {
    return span("repl")
        .annotation("Invoking processLine", attrs("len", len, "use", "repl"))
        .child(span("processInput"));
  }

  @Test
  void eachLineIsAnsweredUpperCasedWithTheQuickstartTree() throws Exception {
    String output = run("hello\nWorld 42\n".getBytes(StandardCharsets.UTF_8), false);
    assertThat(output).isEqualTo("< HELLO\n< WORLD 42\n".replace("\n", System.lineSeparator()));
    spans.assertTrees(replSpan(5), replSpan(8));
  }

  @Test
  void promptIsShownOnlyWhenAskedFor() throws Exception {
    assertThat(run("a\n".getBytes(StandardCharsets.UTF_8), true))
        .isEqualTo("> < A" + System.lineSeparator() + "> ");
    spans.assertTrees(replSpan(1));
  }

  @Test
  void emptyLineIsAnsweredAndTraced() throws Exception {
    assertThat(run("\n".getBytes(StandardCharsets.UTF_8), false))
        .isEqualTo("< " + System.lineSeparator());
    spans.assertTrees(replSpan(0));
  }

  @Test
  void endOfInputWithoutNewlineStillAnswersTheLastLineAndMakesNoEmptySpan() throws Exception {
    assertThat(run("last".getBytes(StandardCharsets.UTF_8), false))
        .isEqualTo("< LAST" + System.lineSeparator());
    spans.assertTrees(replSpan(4));
  }

  @Test
  void oneMegabyteLineIsAnsweredWhole() throws Exception {
    String big = "x".repeat(1 << 20);
    String output = run((big + "\n").getBytes(StandardCharsets.UTF_8), false);
    assertThat(output).isEqualTo("< " + "X".repeat(1 << 20) + System.lineSeparator());
    spans.assertTrees(replSpan(1 << 20));
  }

  @Test
  void invalidUtf8BecomesReplacementCharactersNotACrash() throws Exception {
    byte[] input = {'o', 'k', (byte) 0xff, (byte) 0xfe, '!', '\n', 'n', 'e', 'x', 't', '\n'};
    String output = run(input, false);
    assertThat(output)
        .isEqualTo("< OK\uFFFD\uFFFD!" + System.lineSeparator() + "< NEXT" + System.lineSeparator());
    spans.assertTrees(replSpan(5), replSpan(4));
  }

  @Test
  void lengthCountsCharactersNotUtf16Units() throws Exception {
    run("é😀\n".getBytes(StandardCharsets.UTF_8), false);
    List<ExpectedSpan> expected = new ArrayList<>();
    expected.add(replSpan(2));
    spans.assertTrees(expected);
  }
}
