package dev.traced.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** README, Settings: traced.zipkin.service-name takes "up to 128 printable characters". */
class ZipkinServiceNameLengthTest {

  private final Map<String, String> environment = new HashMap<>();

  private TracedSettings read() {
    return TracedSettings.from(new SettingSource(name -> null, environment::get));
  }

  @Test
  void aServiceNameOf128CharactersIsAcceptedAnd129IsOneLineNamingTheSetting() {
    String longest = "s".repeat(128);
    environment.put("TRACED_ZIPKIN_SERVICE_NAME", longest);
    assertThat(read().zipkinServiceName()).isEqualTo(longest);

    String tooLong = "s".repeat(129);
    environment.put("TRACED_ZIPKIN_SERVICE_NAME", tooLong);
    assertThatThrownBy(this::read)
        .isInstanceOf(SettingsException.class)
        .hasMessage(
            "[traced.zipkin.service-name] environment variable TRACED_ZIPKIN_SERVICE_NAME=\""
                + tooLong + "\" " + TracedSettings.SERVICE_NAME_ALLOWED);
  }
}
