/**
 * Test support for traced code: {@link dev.traced.testing.SpanCapture}, a JUnit 5 extension that
 * captures ended spans synchronously, and {@link dev.traced.testing.ExpectedSpan}, the expected
 * shape of a span tree.
 *
 * <pre>{@code
 * @RegisterExtension static final SpanCapture spans = new SpanCapture();
 *
 * @Test
 * void childSpanHasCallerAsParent() {
 *   new Repl().readEvaluateProcess("hello");
 *   spans.assertTrees(
 *       span("repl")
 *           .annotation("Invoking processLine", attrs("len", 5L, "use", "repl"))
 *           .child(span("processInput")));
 * }
 * }</pre>
 */
package dev.traced.testing;
