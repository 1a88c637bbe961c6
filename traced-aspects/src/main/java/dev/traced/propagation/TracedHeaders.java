package dev.traced.propagation;

import io.opencensus.trace.SpanContext;
import io.opencensus.trace.Tracing;
import io.opencensus.trace.propagation.TextFormat;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Puts the current span's context into outgoing request headers, and reads a caller's from
 * incoming ones, in the formats of the {@code traced.propagation} setting.
 *
 * <pre>{@code
 * HttpRequest request = TracedHeaders.inject(HttpRequest.newBuilder(uri)).POST(body).build();
 * TracedHeaders.inject(headerMap);                 // Map<String, String>
 * TracedHeaders.inject(connection::setRequestProperty);   // any (name, value) setter
 * }</pre>
 *
 * <p>Every configured format is injected (default: W3C {@code traceparent}, plus {@code
 * tracestate} when the trace has one). Without a current span nothing is added. With {@code
 * opencensus-api} alone (no implementation on the class path) the W3C and B3 formats add nothing.
 * Exceptions thrown by your map or setter pass through unchanged.
 *
 * <p>On the server side, mark the headers parameter of a {@code @Traced(kind = SERVER)} method
 * {@code @RemoteParent} instead of calling {@link #extract(Function, Consumer)} by hand.
 */
public final class TracedHeaders {

  private static final TextFormat.Setter<Map<String, String>> MAP_SETTER =
      new TextFormat.Setter<Map<String, String>>() {
        @Override
        public void put(Map<String, String> carrier, String key, String value) {
          carrier.put(key, value);
        }
      };

  private static final TextFormat.Setter<BiConsumer<String, String>> CONSUMER_SETTER =
      new TextFormat.Setter<BiConsumer<String, String>>() {
        @Override
        public void put(BiConsumer<String, String> carrier, String key, String value) {
          carrier.accept(key, value);
        }
      };

  // setHeader, not header: a request builder reused for a retry must not carry two parents.
  private static final TextFormat.Setter<HttpRequest.Builder> REQUEST_SETTER =
      new TextFormat.Setter<HttpRequest.Builder>() {
        @Override
        public void put(HttpRequest.Builder carrier, String key, String value) {
          carrier.setHeader(key, value);
        }
      };

  private static final TextFormat.Getter<HeaderReader.Reading> READING_GETTER =
      new TextFormat.Getter<HeaderReader.Reading>() {
        @Override
        public String get(HeaderReader.Reading carrier, String key) {
          return carrier.get(key);
        }
      };

  private TracedHeaders() {}

  /** Adds the current span's context to {@code headers}; returns {@code headers}. */
  public static Map<String, String> inject(Map<String, String> headers) {
    inject(headers, MAP_SETTER);
    return headers;
  }

  /** Passes each header of the current span's context to {@code setter} as (name, value). */
  public static void inject(BiConsumer<String, String> setter) {
    inject(setter, CONSUMER_SETTER);
  }

  /** Sets the current span's context headers on {@code request}; returns it for chaining. */
  public static HttpRequest.Builder inject(HttpRequest.Builder request) {
    inject(request, REQUEST_SETTER);
    return request;
  }

  private static <C> void inject(C carrier, TextFormat.Setter<C> setter) {
    SpanContext context = Tracing.getTracer().getCurrentSpan().getContext();
    if (!context.isValid()) {
      return;
    }
    List<PropagationFormat> formats = PropagationFormat.configured();
    for (int i = 0; i < formats.size(); i++) {
      formats.get(i).textFormat().inject(context, carrier, setter);
    }
  }

  /**
   * The caller's span context from request headers, or {@code null} when they carry none that is
   * valid. Formats are tried in the setting's order; the first one whose header is present and
   * valid wins. Never throws: a header that is present but malformed, longer than {@value
   * HeaderReader#MAX_LENGTH} characters, or that {@code headers} fails to read, is passed by name
   * (never its value) to {@code invalid}, and the next format is tried. An over-long {@code
   * tracestate} is dropped and its {@code traceparent} kept.
   *
   * @param headers header name to value ({@code null} when absent); see {@link
   *     HeaderReader#of(Object)} for maps
   * @param invalid told the name of each header that was present but unusable
   */
  public static SpanContext extract(Function<String, String> headers, Consumer<String> invalid) {
    List<PropagationFormat> formats = PropagationFormat.configured();
    for (int i = 0; i < formats.size(); i++) {
      PropagationFormat format = formats.get(i);
      try {
        String main = headers.apply(format.mainHeader());
        if (main == null) {
          continue;
        }
        if (main.length() <= HeaderReader.MAX_LENGTH) {
          SpanContext context =
              format
                  .textFormat()
                  .extract(
                      new HeaderReader.Reading(headers, format.mainHeader(), main),
                      READING_GETTER);
          if (context.isValid()) {
            return context;
          }
        }
        invalid.accept(format.mainHeader());
      } catch (Exception | LinkageError unusable) {
        // SpanContextParseException, the reader's own failure, or a format that cannot load:
        // the caller's program goes on, as a new trace.
        invalid.accept(format.mainHeader());
      }
    }
    return null;
  }
}
