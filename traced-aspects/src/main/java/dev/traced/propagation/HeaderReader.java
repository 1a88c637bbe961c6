package dev.traced.propagation;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads request headers by name, ignoring case, from the shapes a server hands them over in:
 * {@code Map<String, String>}, {@code Map<String, List<String>>} (JDK {@code
 * com.sun.net.httpserver.Headers}) or a {@code Function<String, String>}.
 *
 * <pre>{@code
 * SpanContext parent = TracedHeaders.extract(HeaderReader.of(exchange.getRequestHeaders()), h -> {});
 * }</pre>
 *
 * <p>A header given more than once is read as its values joined by commas (HTTP's rule), so a
 * duplicated {@code traceparent} is malformed and a split {@code tracestate} is whole again.
 */
public final class HeaderReader {

  /**
   * Longest header value read, in characters: W3C's {@code tracestate} may have 512; anything far
   * longer is not a trace header but an attack or a mistake, and is not parsed.
   */
  public static final int MAX_LENGTH = 1024;

  private HeaderReader() {}

  /**
   * A reader of {@code headers}: a {@code Map} (values {@code String} or collections of them) or a
   * {@code Function<String, String>}; {@code null} reads as no headers.
   *
   * @throws IllegalArgumentException for any other type (the annotation processor rejects such a
   *     {@code @RemoteParent} parameter at compile time)
   */
  @SuppressWarnings("unchecked")
  public static Function<String, String> of(Object headers) {
    if (headers == null) {
      return name -> null;
    }
    if (headers instanceof Map) {
      Map<?, ?> map = (Map<?, ?>) headers;
      return name -> text(lookUp(map, name));
    }
    if (headers instanceof Function) {
      Function<Object, ?> function = (Function<Object, ?>) headers;
      return name -> text(function.apply(name));
    }
    throw new IllegalArgumentException(
        "headers of type " + headers.getClass().getName() + " cannot be read");
  }

  /**
   * The headers of one extraction in one format: the main header, already read, is not looked up
   * again; values over {@link #MAX_LENGTH} characters of the other headers ({@code tracestate})
   * read as absent, as W3C asks (drop a bad {@code tracestate}, keep the {@code traceparent}).
   */
  static final class Reading {
    private final Function<String, String> headers;
    private final String mainHeader;
    private final String mainValue;

    Reading(Function<String, String> headers, String mainHeader, String mainValue) {
      this.headers = headers;
      this.mainHeader = mainHeader;
      this.mainValue = mainValue;
    }

    String get(String name) {
      if (name.equals(mainHeader)) {
        return mainValue;
      }
      String value = headers.apply(name);
      return value == null || value.length() <= MAX_LENGTH ? value : null;
    }
  }

  private static Object lookUp(Map<?, ?> map, String name) {
    Object value = map.get(name); // exact, or a case-insensitive map's own rule (Headers)
    if (value != null) {
      return value;
    }
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (entry.getKey() instanceof String && name.equalsIgnoreCase((String) entry.getKey())) {
        return entry.getValue();
      }
    }
    return null;
  }

  private static String text(Object value) {
    if (value == null || value instanceof String) {
      return (String) value;
    }
    if (value instanceof Collection) {
      Collection<?> values = (Collection<?>) value;
      if (values.isEmpty()) {
        return null;
      }
      Iterator<?> each = values.iterator();
      StringBuilder joined = new StringBuilder(String.valueOf(each.next()));
      while (each.hasNext() && joined.length() <= MAX_LENGTH) {
        joined.append(',').append(each.next());
      }
      return joined.toString();
    }
    throw new IllegalArgumentException("header value of type " + value.getClass().getName());
  }
}
