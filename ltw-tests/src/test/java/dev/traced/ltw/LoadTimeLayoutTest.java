package dev.traced.ltw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.bootstrap.weaving.WeavingSelfCheck;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Member;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layout of a user without a build plugin, as this module uses it: javac ran the Traced
 * processor (the catalog is there), the class files on disk are plain, and the classes the JVM
 * defines are woven by the agent (the start-up self-check is silent).
 */
class LoadTimeLayoutTest {

  @Test
  void processorWroteTheCatalogOfThisModulesTracedMethods() throws IOException {
    assertThat(resource(WeavingSelfCheck.CATALOG).lines().filter(line -> !line.startsWith("#")))
        .containsExactly(
            "dev.traced.ltw.Checkout\tcheckout\tcheckout",
            "dev.traced.ltw.Checkout\tpay\tCheckout.pay",
            "dev.traced.ltw.Checkout\treserve\tCheckout.reserve",
            "dev.traced.ltw.Checkout$Money\tcents\tMoney.cents",
            "dev.traced.ltw.Inventory\tavailable\tInventory.available",
            "dev.traced.ltw.Inventory\tof\tinventory.create",
            "dev.traced.ltw.PriceRules\tprice\tprice",
            "dev.traced.ltw.PriceRules$Discount\tapply\tDiscount.apply",
            "dev.traced.ltw.PriceRules$Region\ttax\tRegion.tax",
            "dev.traced.ltw.Shipping\tlookUp\tshipping.lookUp",
            "dev.traced.ltw.Shipping\tquote\tshipping.quote",
            "dev.traced.ltw.Shipping\tquoteNowhere\tshipping.quoteNowhere",
            "dev.traced.ltw.Shipping\trate\tshipping.rate",
            "dev.traced.ltw.Warehouse\tcheck\tWarehouse.check",
            "dev.traced.ltw.Warehouse\treserve\tWarehouse.reserve",
            "dev.traced.ltw.Warehouse\treserveLater\tWarehouse.reserveLater");
  }

  @Test
  void classFilesOnDiskAreNotWovenButTheLoadedClassesAre() throws IOException {
    for (Class<?> type : new Class<?>[] {Checkout.class, Inventory.class, PriceRules.Discount.class, Warehouse.class}) {
      String classFile = resource(type.getName().replace('.', '/') + ".class");
      assertThat(classFile).as(type + " on disk").doesNotContain("org/aspectj").doesNotContain("ajc$");
      assertThat(memberNames(type)).as(type + " as loaded").anyMatch(name -> name.startsWith("ajc$"));
    }
  }

  @Test
  void selfCheckIsSilentUnderTheAgent() {
    assertThat(WeavingSelfCheck.check(getClass().getClassLoader())).isEmpty();
  }

  private static Stream<String> memberNames(Class<?> type) {
    return Stream.concat(Arrays.stream(type.getDeclaredFields()), Arrays.stream(type.getDeclaredMethods()))
        .map(Member::getName)
        .collect(Collectors.toList())
        .stream();
  }

  private String resource(String name) throws IOException {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
