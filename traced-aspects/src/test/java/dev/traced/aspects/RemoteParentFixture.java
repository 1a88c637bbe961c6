package dev.traced.aspects;

import com.sun.net.httpserver.Headers;
import dev.traced.annotations.Annotate;
import dev.traced.annotations.Attr;
import dev.traced.annotations.Attribute;
import dev.traced.annotations.RemoteParent;
import dev.traced.annotations.SpanKind;
import dev.traced.annotations.Traced;
import dev.traced.propagation.TracedHeaders;
import io.opencensus.trace.SpanContext;
import io.opencensus.trace.Tracing;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Both sides of a remote call, woven: a client that injects headers and servers that read them. */
class RemoteParentFixture {

  /** The current span's context inside the last server call. */
  SpanContext seen;

  @Traced(name = "client", kind = SpanKind.CLIENT)
  Map<String, String> call() {
    return TracedHeaders.inject(new HashMap<>());
  }

  @Traced(name = "serve", kind = SpanKind.SERVER)
  String serve(@RemoteParent Map<String, String> headers, String body) {
    seen = Tracing.getTracer().getCurrentSpan().getContext();
    return body.toUpperCase(Locale.ROOT);
  }

  @Traced(name = "serveLists", kind = SpanKind.SERVER)
  String serveLists(@RemoteParent Map<String, List<String>> headers) {
    return "lists";
  }

  @Traced(name = "serveJdk", kind = SpanKind.SERVER)
  String serveJdk(@RemoteParent Headers headers) {
    return "jdk";
  }

  @Traced(name = "serveGetter", kind = SpanKind.SERVER)
  String serveGetter(@RemoteParent Function<String, String> headers) {
    return "getter";
  }

  @Traced(name = "serveAnnotated", kind = SpanKind.SERVER)
  @Annotate(value = "handled", attributes = @Attribute(key = "by", value = "fixture"))
  String serveAnnotated(@Attr("path") String path, @RemoteParent Map<String, String> headers) {
    return path;
  }

  @Traced(name = "servePlainAnnotate", kind = SpanKind.SERVER)
  @Annotate("handled")
  String servePlainAnnotate(@RemoteParent Map<String, String> headers) {
    return "plain";
  }

  @Traced(name = "serveThrows", kind = SpanKind.SERVER)
  String serveThrows(@RemoteParent Map<String, String> headers, RuntimeException toThrow) {
    throw toThrow;
  }

  @Traced(name = "serveAsync", kind = SpanKind.SERVER)
  CompletableFuture<String> serveAsync(
      @RemoteParent Map<String, String> headers, CompletableFuture<String> stage) {
    return stage;
  }
}
