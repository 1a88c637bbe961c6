package dev.traced.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameter of a {@link Traced @Traced}{@code (kind = SERVER)} method that carries the
 * incoming request's headers: the method's span joins the caller's trace, as a child of the span
 * context those headers carry.
 *
 * <pre>{@code
 * @Traced(name = "processInput", kind = SpanKind.SERVER)
 * String handle(@RemoteParent Headers headers, String body) { ... }   // com.sun.net.httpserver
 * }</pre>
 *
 * <p>The parameter may be a {@code Map<String, String>}, a {@code Map<String, List<String>>} (JDK
 * {@code com.sun.net.httpserver.Headers} is one) or a {@code Function<String, String>} from header
 * name to value. Header names are matched ignoring case. The formats read, in order, are those of
 * the {@code traced.propagation} setting (default W3C {@code traceparent}/{@code tracestate}); the
 * first format whose header is present and valid gives the parent, and its sampling decision is
 * kept: an unsampled caller gives an unsampled span.
 *
 * <p>Without such headers ({@code null} included) the span starts a new trace. Headers that are
 * present but malformed, oversized or duplicated also start a new trace, never an exception, and
 * the span gets the annotation {@code "Invalid remote parent"} naming the header (its value is not
 * recorded). The annotation processor reports a {@code @RemoteParent} on a method that is not
 * {@code @Traced(kind = SERVER)}, on a parameter of another type, and a second one on the same
 * method.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface RemoteParent {}
