package dev.traced.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings come from properties, else the environment, else defaults; bad values fail clearly. */
class TracedSettingsTest {

  private final Map<String, String> properties = new HashMap<>();
  private final Map<String, String> environment = new HashMap<>();

  private TracedSettings read() {
    return TracedSettings.from(new SettingSource(properties::get, environment::get));
  }

  @Test
  void defaultsAreConsoleAlwaysAndBoundedTimeouts() {
    TracedSettings settings = read();
    assertThat(settings.exporters()).containsExactly(ExporterKind.CONSOLE);
    assertThat(settings.sampler()).isEqualTo(SamplerSetting.ALWAYS);
    assertThat(settings.exportTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.retryBudget()).isEqualTo(Duration.ofSeconds(3));
    assertThat(settings.flushTimeout()).isEqualTo(Duration.ofSeconds(8));
    assertThat(settings.zpagesPort()).isEqualTo(8888);
    assertThat(settings.projectId()).isEmpty();
  }

  @Test
  void gcpProjectIdSelectsStackdriverAsInTheQuickstart() {
    environment.put("GCP_PROJECT_ID", "demo-project");
    TracedSettings settings = read();
    assertThat(settings.projectId()).contains("demo-project");
    assertThat(settings.exporters()).containsExactly(ExporterKind.STACKDRIVER);
  }

  @Test
  void systemPropertyWinsOverEnvironmentVariable() {
    properties.put("traced.sampler", "0.25");
    environment.put("TRACED_SAMPLER", "never");
    environment.put("TRACED_STACKDRIVER_EMULATOR_HOST", "127.0.0.1:8085");
    environment.put("TRACED_EXPORT_RETRY_BUDGET", "1500ms");
    TracedSettings settings = read();
    assertThat(settings.sampler().probability()).isEqualTo(0.25);
    assertThat(settings.emulatorHost()).contains(new HostAndPort("127.0.0.1", 8085));
    assertThat(settings.retryBudget()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void severalExportersAtOnce() {
    properties.put("traced.exporter", "console, zpages,logging");
    assertThat(read().exporters())
        .containsExactlyInAnyOrder(ExporterKind.CONSOLE, ExporterKind.ZPAGES, ExporterKind.LOGGING);
  }

  @Test
  void unknownExporterNamesSettingValueAndChoices() {
    properties.put("traced.exporter", "console,jaeger");
    assertThatThrownBy(this::read)
        .isInstanceOf(SettingsException.class)
        .hasMessage(
            "[traced.exporter] system property traced.exporter=\"console,jaeger\" "
                + TracedSettings.EXPORTERS_ALLOWED);
  }

  @Test
  void probabilityAboveOneIsRejected() {
    environment.put("TRACED_SAMPLER", "1.5");
    assertThatThrownBy(this::read)
        .isInstanceOf(SettingsException.class)
        .hasMessage(
            "[traced.sampler] environment variable TRACED_SAMPLER=\"1.5\" " + SamplerSetting.ALLOWED);
  }

  @Test
  void portThatIsNotANumberIsRejected() {
    properties.put("traced.stackdriver.emulator-host", "127.0.0.1:abc");
    assertThatThrownBy(this::read)
        .hasMessage(
            "[traced.stackdriver.emulator-host] system property traced.stackdriver.emulator-host="
                + "\"127.0.0.1:abc\" " + HostAndPort.ALLOWED);
  }

  @Test
  void emulatorHostWithoutPortIsRejected() {
    properties.put("traced.stackdriver.emulator-host", "localhost");
    assertThatThrownBy(this::read)
        .hasMessageStartingWith("[traced.stackdriver.emulator-host] ")
        .hasMessageContaining("\"localhost\" is not host:port");
  }

  @Test
  void zpagesPortOutOfRangeIsRejected() {
    properties.put("traced.zpages.port", "70000");
    assertThatThrownBy(this::read)
        .hasMessage(
            "[traced.zpages.port] system property traced.zpages.port=\"70000\" "
                + TracedSettings.PORT_ALLOWED);
  }

  @Test
  void durationWithoutUnitIsRejected() {
    properties.put("traced.flush.timeout", "5");
    assertThatThrownBy(this::read)
        .hasMessage(
            "[traced.flush.timeout] system property traced.flush.timeout=\"5\" "
                + TracedSettings.DURATION_ALLOWED);
  }

  @Test
  void stackdriverWithoutProjectIsRejected() {
    properties.put("traced.exporter", "stackdriver");
    assertThatThrownBy(this::read).hasMessage(TracedSettings.NEEDS_PROJECT);
  }

  @Test
  void noneCannotBeCombined() {
    properties.put("traced.exporter", "none,console");
    assertThatThrownBy(this::read).hasMessageContaining("combines none with other exporters");
  }

  @Test
  void messagesAreOneLine() {
    properties.put("traced.sampler", "often");
    assertThatThrownBy(this::read).message().doesNotContain("\n");
  }
}
