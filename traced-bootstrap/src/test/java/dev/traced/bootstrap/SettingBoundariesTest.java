package dev.traced.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opencensus.trace.Tracing;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every setting at the edges of its range, and each sampler as OpenCensus receives it: the words
 * {@code always} and {@code never}, probabilities 0 and 1, one in between; ports 0 and 65535; the
 * export timeout from a property and from the environment.
 */
class SettingBoundariesTest {

  private final Map<String, String> properties = new HashMap<>();
  private final Map<String, String> environment = new HashMap<>();

  private TracedSettings read() {
    return TracedSettings.from(new SettingSource(properties::get, environment::get));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "always, 1.0, always, AlwaysSampleSampler",
    "ALWAYS, 1.0, always, AlwaysSampleSampler",
    "1, 1.0, always, AlwaysSampleSampler",
    "never, 0.0, never, NeverSampleSampler",
    "Never, 0.0, never, NeverSampleSampler",
    "0, 0.0, never, NeverSampleSampler",
    "0.25, 0.25, 0.25, ProbabilitySampler{0.250000}",
    "1e-4, 0.0001, 1.0E-4, ProbabilitySampler{0.000100}",
  })
  void samplerWordsAndProbabilitiesBecomeTheMatchingOpenCensusSampler(
      String value, double probability, String shown, String openCensus) {
    properties.put("traced.sampler", value);
    SamplerSetting sampler = read().sampler();
    assertThat(sampler.probability()).isEqualTo(probability);
    assertThat(sampler).hasToString(shown);
    assertThat(sampler.toSampler().getDescription()).isEqualTo(openCensus);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-0.01", "1.0000001", "NaN", "sometimes", "Infinity"})
  void samplerOutsideZeroToOneIsRejected(String value) {
    properties.put("traced.sampler", value);
    assertThatThrownBy(this::read)
        .isInstanceOf(SettingsException.class)
        .hasMessage(
            "[traced.sampler] system property traced.sampler=\"" + value + "\" "
                + SamplerSetting.ALLOWED);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-0.01, 1.01, Double.NaN})
  void samplerInCodeOutsideZeroToOneIsRejected(double probability) {
    assertThatThrownBy(() -> new SamplerSetting(probability))
        .isInstanceOf(SettingsException.class)
        .hasMessage("[traced.sampler] " + probability + " " + SamplerSetting.ALLOWED);
  }

  @Test
  void probabilityReachesOpenCensusAndIsRestoredAtClose() {
    String before = Tracing.getTraceConfig().getActiveTraceParams().getSampler().getDescription();
    TracedBootstrap tracing =
        TracedBootstrap.start(
            TracedSettings.builder()
                .exporters(ExporterKind.NONE)
                .sampler(new SamplerSetting(0.5))
                .build());
    try {
      assertThat(Tracing.getTraceConfig().getActiveTraceParams().getSampler().getDescription())
          .isEqualTo("ProbabilitySampler{0.500000} (without Google HTTP client root spans)");
    } finally {
      tracing.close();
    }
    assertThat(Tracing.getTraceConfig().getActiveTraceParams().getSampler().getDescription())
        .isEqualTo(before);
  }

  @Test
  void exportTimeoutComesFromThePropertyElseTheEnvironment() {
    environment.put("TRACED_EXPORT_TIMEOUT", "2s");
    assertThat(read().exportTimeout()).isEqualTo(Duration.ofSeconds(2));
    properties.put("traced.export.timeout", "250ms");
    assertThat(read().exportTimeout()).isEqualTo(Duration.ofMillis(250));
    properties.put("traced.export.timeout", "  ");
    assertThat(read().exportTimeout()).as("a blank property falls back").isEqualTo(Duration.ofSeconds(2));
    properties.put("traced.export.timeout", " 1m ");
    assertThat(read().exportTimeout()).as("trimmed").isEqualTo(Duration.ofMinutes(1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0ms", "0s", "601s", "10001m", "99999999999999999999ms", "5 s", "5S"})
  void durationsOutsideOneMillisecondToTenMinutesAreRejected(String value) {
    environment.put("TRACED_EXPORT_TIMEOUT", value);
    assertThatThrownBy(this::read)
        .hasMessage(
            "[traced.export.timeout] environment variable TRACED_EXPORT_TIMEOUT=\"" + value + "\" "
                + TracedSettings.DURATION_ALLOWED);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 65535})
  void zpagesPortsFromZeroTo65535AreAccepted(int port) {
    properties.put("traced.zpages.port", Integer.toString(port));
    assertThat(read().zpagesPort()).isEqualTo(port);
    assertThat(TracedSettings.builder().zpagesPort(port).build().zpagesPort()).isEqualTo(port);
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 65536})
  void zpagesPortsOutsideZeroTo65535AreRejected(int port) {
    properties.put("traced.zpages.port", Integer.toString(port));
    assertThatThrownBy(this::read)
        .hasMessage(
            "[traced.zpages.port] system property traced.zpages.port=\"" + port + "\" "
                + TracedSettings.PORT_ALLOWED);
    assertThatThrownBy(() -> TracedSettings.builder().zpagesPort(port))
        .hasMessage("[traced.zpages.port] " + port + " " + TracedSettings.PORT_ALLOWED);
  }

  @ParameterizedTest
  @CsvSource({"[::1]:1, [::1], 1", "127.0.0.1:65535, 127.0.0.1, 65535", "[2001:db8::7]:443, [2001:db8::7], 443"})
  void emulatorHostSplitsAtTheLastColon(String value, String host, int port) {
    environment.put("GCP_PROJECT_ID", "demo-project");
    environment.put("TRACED_STACKDRIVER_EMULATOR_HOST", value);
    assertThat(read().emulatorHost()).contains(new HostAndPort(host, port));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 65536})
  void emulatorPortsOutsideOneTo65535AreRejectedInCode(int port) {
    assertThatThrownBy(() -> new HostAndPort("localhost", port))
        .hasMessage(
            "[traced.stackdriver.emulator-host] localhost:" + port + " " + HostAndPort.ALLOWED);
  }

  @Test
  void hostNamesUpTo253CharactersAreAccepted() {
    String label = "a".repeat(63);
    String longest = String.join(".", label, label, label, "a".repeat(61)); // 253
    assertThat(new HostAndPort(longest, 80).host()).hasSize(253);
    assertThatThrownBy(() -> new HostAndPort(longest + "a", 80))
        .isInstanceOf(SettingsException.class);
    assertThatThrownBy(() -> new HostAndPort(null, 80)).isInstanceOf(SettingsException.class);
  }

  @Test
  void environmentNamesAreUpperCaseWithUnderscores() {
    assertThat(SettingSource.environmentName("traced.stackdriver.project-id"))
        .isEqualTo("TRACED_STACKDRIVER_PROJECT_ID");
  }

  @Test
  void projectIdPropertyWinsOverGcpProjectId() {
    environment.put("GCP_PROJECT_ID", "env-project");
    environment.put("TRACED_STACKDRIVER_PROJECT_ID", "traced-project");
    assertThat(read().projectId()).contains("traced-project");
  }

  @Test
  void settingsAreEqualExactlyWhenEveryValueIs() {
    TracedSettings.Builder base = TracedSettings.builder().exporters(ExporterKind.CONSOLE);
    TracedSettings one = base.build();
    assertThat(one).isEqualTo(TracedSettings.builder().exporters(ExporterKind.CONSOLE).build());
    assertThat(one).hasSameHashCodeAs(TracedSettings.builder().exporters(ExporterKind.CONSOLE).build());
    assertThat(one)
        .isNotEqualTo(TracedSettings.builder().exporters(ExporterKind.NONE).build())
        .isNotEqualTo(TracedSettings.builder().exporters(ExporterKind.CONSOLE).sampler(SamplerSetting.NEVER).build())
        .isNotEqualTo(TracedSettings.builder().exporters(ExporterKind.CONSOLE).projectId("demo-project").build())
        .isNotEqualTo(
            TracedSettings.builder().exporters(ExporterKind.CONSOLE).projectId("demo-project")
                .emulatorHost(new HostAndPort("localhost", 1)).build())
        .isNotEqualTo(TracedSettings.builder().exporters(ExporterKind.CONSOLE).exportTimeout(Duration.ofSeconds(1)).build())
        .isNotEqualTo(TracedSettings.builder().exporters(ExporterKind.CONSOLE).retryBudget(Duration.ofSeconds(1)).build())
        .isNotEqualTo(TracedSettings.builder().exporters(ExporterKind.CONSOLE).flushTimeout(Duration.ofSeconds(1)).build())
        .isNotEqualTo(TracedSettings.builder().exporters(ExporterKind.CONSOLE).zpagesPort(0).build())
        .isNotEqualTo(
            TracedSettings.builder().exporters(ExporterKind.CONSOLE)
                .zipkinEndpoint("http://127.0.0.1:1/api/v2/spans").build())
        .isNotEqualTo(
            TracedSettings.builder().exporters(ExporterKind.CONSOLE)
                .zipkinServiceName("other-service").build())
        .isNotEqualTo("exporter=[CONSOLE]");
    // The default service name is the main class's or jar's name: surefire's booter here.
    assertThat(one.toString())
        .startsWith(
            "exporter=[CONSOLE] sampler=always project-id=null emulator-host=null"
                + " export.timeout=PT5S export.retry-budget=PT3S flush.timeout=PT8S"
                + " zpages.port=8888 zipkin.endpoint=http://127.0.0.1:9411/api/v2/spans"
                + " zipkin.service-name=");
  }
}
