/**
 * The annotations that turn methods into OpenCensus spans and span annotations.
 *
 * <p>Put them on methods of your own code and weave the code with the aspectj-maven-plugin and
 * the {@code traced-aspects} library; every call of a marked method is then traced, with no
 * agent and no proxies, so private, static and self-invoked methods work too.
 *
 * <pre>{@code
 * @Traced(name = "repl")
 * boolean readEvaluateProcess() throws IOException {
 *   String line = in.readLine();
 *   return line != null && print(evaluate(line, line.length()));
 * }
 *
 * @Annotate(value = "Invoking processLine", attributes = @Attribute(key = "use", value = "repl"))
 * String evaluate(String line, @Attr("len") int length) {
 *   return processInput(line);
 * }
 *
 * @Traced(name = "processInput")
 * String processInput(String line) {
 *   return line.toUpperCase(Locale.ROOT);
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link dev.traced.annotations.Traced}: a span around each execution of the method (or of
 *       each method of a class), with options for expected exceptions, the result and new traces.
 *   <li>{@link dev.traced.annotations.NotTraced}: leaves one method of a {@code @Traced} class out.
 *   <li>{@link dev.traced.annotations.Annotate}: an annotation (a timed event with a description
 *       and attributes) on the span that is current when the method starts.
 *   <li>{@link dev.traced.annotations.Attribute}: a constant attribute of an {@code @Annotate}.
 *   <li>{@link dev.traced.annotations.Attr}: a parameter whose value becomes an attribute.
 *   <li>{@link dev.traced.annotations.RemoteParent}: the parameter of a {@code @Traced(kind =
 *       SERVER)} method that carries the request's headers, whose span then joins the caller's
 *       trace.
 * </ul>
 */
package dev.traced.annotations;
