package dev.traced.annotations.processing;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.traced.annotations.processing.Sources.compile;
import static dev.traced.annotations.processing.Sources.source;

import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** @RemoteParent: on a @Traced(kind = SERVER) method, a Map or Function, once per method. */
class RemoteParentRuleTest {

  @Test
  void headersParameterOfAServerMethodCompilesWithoutWarnings() {
    JavaFileObject shop =
        source(
            "Shop",
            "import java.util.*;",
            "import java.util.function.Function;",
            "import com.sun.net.httpserver.Headers;",
            "class Shop {",
            "  @Traced(kind = SpanKind.SERVER) void a(@RemoteParent Map<String, String> h) {}",
            "  @Traced(kind = SpanKind.SERVER) void b(@RemoteParent Map<String, List<String>> h) {}",
            "  @Traced(kind = SpanKind.SERVER) void c(@RemoteParent Headers h) {}",
            "  @Traced(kind = SpanKind.SERVER) void d(@RemoteParent Function<String, String> h) {}",
            "  @Traced(kind = SpanKind.SERVER) void e(@RemoteParent TreeMap<String, String> h) {}",
            "}");

    assertThat(compile(shop)).succeededWithoutWarnings();
  }

  @Test
  void onAMethodThatIsNotTracedItIsAnError() {
    JavaFileObject shop =
        source(
            "Shop",
            "import java.util.Map;",
            "class Shop {",
            "  void handle(@RemoteParent Map<String, String> headers) {}",
            "}");

    assertThat(compile(shop))
        .hadErrorContaining(
            String.format(Messages.REMOTE_PARENT_NOT_TRACED, "headers", "Shop.handle(Map)"))
        .inFile(shop)
        .onLineContaining("void handle(");
  }

  @Test
  void onAConstructorItIsAnError() {
    JavaFileObject shop =
        source(
            "Shop",
            "import java.util.Map;",
            "class Shop {",
            "  Shop(@RemoteParent Map<String, String> headers) {}",
            "}");

    assertThat(compile(shop))
        .hadErrorContaining(String.format(Messages.REMOTE_PARENT_NOT_TRACED, "headers", "Shop(Map)"))
        .inFile(shop)
        .onLineContaining("Shop(@RemoteParent");
  }

  @Test
  void onAMethodWithoutKindServerItIsAnError() {
    JavaFileObject shop =
        source(
            "Shop",
            "import java.util.Map;",
            "class Shop {",
            "  @Traced(kind = SpanKind.CLIENT) void call(@RemoteParent Map<String, String> headers) {}",
            "  @Traced void handle(@RemoteParent Map<String, String> headers) {}",
            "}");

    assertThat(compile(shop))
        .hadErrorContaining(
            String.format(Messages.REMOTE_PARENT_NOT_SERVER, "headers", "Shop.call(Map)", "CLIENT"))
        .inFile(shop)
        .onLineContaining("void call(");
    assertThat(compile(shop))
        .hadErrorContaining(
            String.format(
                Messages.REMOTE_PARENT_NOT_SERVER, "headers", "Shop.handle(Map)", "UNSPECIFIED"))
        .inFile(shop)
        .onLineContaining("void handle(");
  }

  @Test
  void aParameterOfAnotherTypeIsAnError() {
    JavaFileObject shop =
        source(
            "Shop",
            "class Shop {",
            "  @Traced(kind = SpanKind.SERVER) void handle(@RemoteParent String traceparent) {}",
            "}");

    assertThat(compile(shop))
        .hadErrorContaining(
            String.format(
                Messages.REMOTE_PARENT_TYPE,
                "traceparent",
                "Shop.handle(String)",
                "java.lang.String"))
        .inFile(shop)
        .onLineContaining("void handle(");
  }

  @Test
  void aSecondHeadersParameterIsAnError() {
    JavaFileObject shop =
        source(
            "Shop",
            "import java.util.Map;",
            "class Shop {",
            "  @Traced(kind = SpanKind.SERVER) void handle(@RemoteParent Map<String, String> a,",
            "      @RemoteParent Map<String, String> b) {}",
            "}");

    assertThat(compile(shop))
        .hadErrorContaining(
            String.format(Messages.REMOTE_PARENT_TWICE, "b", "Shop.handle(Map, Map)", "a"))
        .inFile(shop)
        .onLineContaining("Map<String, String> b)");
  }
}
