package dev.traced.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.bootstrap.weaving.WeavingSelfCheck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The recommended build layout, as this module uses it: javac ran the Traced processor (the
 * catalog is there) and ajc wove the classes (the start-up self-check is silent).
 */
class BuildLayoutTest {

  @Test
  void processorWroteTheCatalogOfThisModulesTracedMethods() throws IOException {
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream(WeavingSelfCheck.CATALOG)) {
      assertThat(in).as("catalog written by javac -proc:only").isNotNull();
      String catalog = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(catalog.lines().filter(line -> !line.startsWith("#")).collect(Collectors.toList()))
          .containsExactly(
              "dev.traced.consumer.Checkout\tcheckout\tcheckout",
              "dev.traced.consumer.Checkout\tpay\tCheckout.pay",
              "dev.traced.consumer.Checkout\treserve\tCheckout.reserve",
              "dev.traced.consumer.Checkout$Money\tcents\tMoney.cents",
              "dev.traced.consumer.Inventory\tavailable\tInventory.available",
              "dev.traced.consumer.Inventory\tof\tinventory.create",
              "dev.traced.consumer.PriceRules\tprice\tprice",
              "dev.traced.consumer.PriceRules$Discount\tapply\tDiscount.apply",
              "dev.traced.consumer.PriceRules$Region\ttax\tRegion.tax",
              "dev.traced.consumer.Shipping\tlookUp\tshipping.lookUp",
              "dev.traced.consumer.Shipping\tquote\tshipping.quote",
              "dev.traced.consumer.Shipping\tquoteNowhere\tshipping.quoteNowhere",
              "dev.traced.consumer.Shipping\trate\tshipping.rate",
            "dev.traced.consumer.Warehouse\tcheck\tWarehouse.check",
            "dev.traced.consumer.Warehouse\treserve\tWarehouse.reserve",
            "dev.traced.consumer.Warehouse\treserveLater\tWarehouse.reserveLater");
    }
  }

  @Test
  void selfCheckFindsEveryCatalogedClassWoven() {
    assertThat(WeavingSelfCheck.check(getClass().getClassLoader())).isEmpty();
  }
}
