package dev.traced.annotations.processing;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.traced.annotations.processing.Sources.compile;
import static dev.traced.annotations.processing.Sources.source;

import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Parameter shapes the other processor tests do not use: {@code @Attr("")} and arrays. */
class ParameterShapesTest {

  @Test
  void emptyAttrKeyMeansTheParameterNameAndCompilesWithoutWarnings() {
    JavaFileObject shop =
        source("Shop", "class Shop {", "  @Traced void pay(@Attr(\"\") long orderId) {}", "}");
    assertThat(compile(shop)).succeededWithoutWarnings();
  }

  @Test
  void arrayParametersAreNamedWithBracketsInMessages() {
    JavaFileObject shop =
        source(
            "Shop",
            "abstract class Shop {",
            "  @Traced abstract void pay(String[] ids, int[][] grid);",
            "}");
    assertThat(compile(shop))
        .hadErrorContaining(
            String.format(
                Messages.ABSTRACT_METHOD, "Traced", "Shop.pay(String[], int[][])", "Traced"))
        .inFile(shop)
        .onLineContaining("@Traced abstract void pay(String[] ids, int[][] grid);");
  }
}
