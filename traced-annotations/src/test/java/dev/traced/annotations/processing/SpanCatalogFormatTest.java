package dev.traced.annotations.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The one parser of span catalogs, as the processor and the bootstrap's self-check read them. */
class SpanCatalogFormatTest {

  @Test
  void entriesAreTheLinesThatNameAClassInFileOrder() throws IOException {
    String catalog =
        SpanCatalog.HEADER + "\n"
            + SpanCatalog.entry("com.shop.Checkout", "pay", "Checkout.pay") + "\n"
            + "#com.shop.Commented\tpay\tx\n"
            + "\tno-class\tx\n"
            + "no tab at all\n"
            + "\n"
            + SpanCatalog.entry("com.shop.Cart$Line", "add", "Line.add") + "\n";
    assertThat(SpanCatalog.entries(new ByteArrayInputStream(catalog.getBytes(StandardCharsets.UTF_8))))
        .containsExactly("com.shop.Checkout\tpay\tCheckout.pay", "com.shop.Cart$Line\tadd\tLine.add");
  }

  @Test
  void classNameIsTheTextBeforeTheFirstTab() {
    assertThat(SpanCatalog.className("com.shop.Cart$Line\tadd\tLine.add")).isEqualTo("com.shop.Cart$Line");
  }

  @Test
  void entriesAreUtf8() throws IOException {
    String catalog = "com.shop.Kasse\tzähle\tKasse.zähle\n";
    assertThat(SpanCatalog.entries(new ByteArrayInputStream(catalog.getBytes(StandardCharsets.UTF_8))))
        .containsExactly(catalog.strip());
  }
}
