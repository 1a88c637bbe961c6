package dev.traced.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    environment.put("GCP_PROJECT_ID", "demo-project");
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
  void zipkinDefaultsToTheLocalCollectorAndTheProgramName() {
    properties.put("traced.exporter", "zipkin");
    TracedSettings settings = read();
    assertThat(settings.exporters()).containsExactly(ExporterKind.ZIPKIN);
    assertThat(settings.zipkinEndpoint())
        .isEqualTo(java.net.URI.create("http://127.0.0.1:9411/api/v2/spans"));
    assertThat(settings.zipkinServiceName()).isNotBlank();
  }

  @Test
  void zipkinEndpointAndServiceNameAreRead() {
    environment.put("TRACED_EXPORTER", "zipkin");
    environment.put("TRACED_ZIPKIN_ENDPOINT", "https://zipkin.example.com:443/api/v2/spans");
    properties.put("traced.zipkin.service-name", "checkout");
    TracedSettings settings = read();
    assertThat(settings.zipkinEndpoint())
        .isEqualTo(java.net.URI.create("https://zipkin.example.com:443/api/v2/spans"));
    assertThat(settings.zipkinServiceName()).isEqualTo("checkout");
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1:9411", "ftp://host/api/v2/spans", "http://", "http:/x",
      "http://host:99999/api", "http://host name/api"})
  void zipkinEndpointMustBeAnHttpUrl(String value) {
    properties.put("traced.zipkin.endpoint", value);
    assertThatThrownBy(this::read)
        .isInstanceOf(SettingsException.class)
        .hasMessage(
            "[traced.zipkin.endpoint] system property traced.zipkin.endpoint=\"" + value + "\" "
                + TracedSettings.ZIPKIN_ENDPOINT_ALLOWED);
  }

  @Test
  void zipkinEndpointWithCredentialsIsRejectedWithoutEchoingThem() {
    environment.put("TRACED_ZIPKIN_ENDPOINT", "http://admin:s3cret@zipkin:9411/api/v2/spans");
    assertThatThrownBy(this::read)
        .isInstanceOf(SettingsException.class)
        .hasMessage(
            "[traced.zipkin.endpoint] environment variable TRACED_ZIPKIN_ENDPOINT "
                + TracedSettings.ZIPKIN_ENDPOINT_USER_INFO)
        .message()
        .doesNotContain("s3cret");
  }

  @Test
  void zipkinServiceNameMustNotHoldControlCharacters() {
    properties.put("traced.zipkin.service-name", "shop\u001b[2J");
    assertThatThrownBy(this::read)
        .isInstanceOf(SettingsException.class)
        .hasMessage(
            "[traced.zipkin.service-name] system property traced.zipkin.service-name="
                + "\"shop\\u001b[2J\" " + TracedSettings.SERVICE_NAME_ALLOWED);
  }

  @Test
  void defaultServiceNameIsTheJarOrMainClassName() {
    assertThat(TracedSettings.programName("/opt/app/demo-repl.jar --verbose")).isEqualTo("demo-repl");
    assertThat(TracedSettings.programName("com.example.shop.CheckoutMain arg")).isEqualTo("CheckoutMain");
    assertThat(TracedSettings.programName(null)).isEqualTo("java");
    assertThat(TracedSettings.programName("  ")).isEqualTo("java");
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
        .hasMessage(
            "[traced.stackdriver.emulator-host] system property traced.stackdriver.emulator-host="
                + "\"localhost\" " + HostAndPort.ALLOWED);
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
    // Said where the value came from, as it was typed: not the builder's set of kinds.
    assertThatThrownBy(this::read)
        .isInstanceOf(SettingsException.class)
        .hasMessage(
            "[traced.exporter] system property traced.exporter=\"none,console\" "
                + TracedSettings.NONE_ALONE);
  }

  @Test
  void valueWithLineBreaksOrControlsIsEscapedSoTheMessageStaysOneLine() {
    environment.put("TRACED_SAMPLER", "0.5\nnever\u202e\u001b[2J");
    assertThatThrownBy(this::read)
        .hasMessage(
            "[traced.sampler] environment variable TRACED_SAMPLER=\"0.5\\u000anever\\u202e"
                + "\\u001b[2J\" " + SamplerSetting.ALLOWED);
  }

  @Test
  void hostAndProjectIdInCodeAreEscapedToo() {
    assertThatThrownBy(() -> new HostAndPort("a\nb", 80)).message().doesNotContain("\n");
    assertThatThrownBy(() -> TracedSettings.builder().projectId("a\nb")).message().doesNotContain("\n");
  }

  @Test
  void messagesAreOneLine() {
    properties.put("traced.sampler", "often");
    assertThatThrownBy(this::read).message().doesNotContain("\n");
  }

  @Test
  void hugeFlushTimeoutIsRejectedAtStartNotAnOverflowAtClose() {
    environment.put("TRACED_FLUSH_TIMEOUT", "9999999999s");
    assertThatThrownBy(this::read)
        .isInstanceOf(SettingsException.class)
        .hasMessage(
            "[traced.flush.timeout] environment variable TRACED_FLUSH_TIMEOUT=\"9999999999s\" "
                + TracedSettings.DURATION_ALLOWED);
  }

  @Test
  void hugeRetryBudgetIsRejected() {
    environment.put("TRACED_EXPORT_RETRY_BUDGET", "9999999999s");
    assertThatThrownBy(this::read)
        .hasMessage(
            "[traced.export.retry-budget] environment variable"
                + " TRACED_EXPORT_RETRY_BUDGET=\"9999999999s\" " + TracedSettings.DURATION_ALLOWED);
  }

  @Test
  void exportTimeoutAboveTenMinutesIsRejected() {
    properties.put("traced.export.timeout", "11m");
    assertThatThrownBy(this::read)
        .hasMessage(
            "[traced.export.timeout] system property traced.export.timeout=\"11m\" "
                + TracedSettings.DURATION_ALLOWED);
  }

  @Test
  void durationsFromOneMillisecondToTenMinutesAreAccepted() {
    properties.put("traced.export.timeout", "1ms");
    properties.put("traced.export.retry-budget", "600s");
    properties.put("traced.flush.timeout", "10m");
    TracedSettings settings = read();
    assertThat(settings.exportTimeout()).isEqualTo(Duration.ofMillis(1));
    assertThat(settings.retryBudget()).isEqualTo(Duration.ofMinutes(10));
    assertThat(settings.flushTimeout()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void builderRejectsDurationsOutsideTheRangeToo() {
    assertThatThrownBy(() -> TracedSettings.builder().flushTimeout(Duration.ofSeconds(9999999999L)))
        .isInstanceOf(SettingsException.class)
        .hasMessageStartingWith("[traced.flush.timeout] ")
        .hasMessageEndingWith(TracedSettings.DURATION_ALLOWED);
    assertThatThrownBy(() -> TracedSettings.builder().exportTimeout(Duration.ofNanos(1)))
        .hasMessageStartingWith("[traced.export.timeout] ");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"a b:80", "a_b:80", "-trace:80", "trace-.example.com:80", "999.0.0.1:80",
          "1.2.3:80", "[::g]:80", "[127.0.0.1]:80", "::1:80", "host:0", "host:65536", "h\u00f6st:80",
          "host/path:80", "user@host:80"})
  void emulatorHostMustBeAHostNameOrIpAddressAndPort(String value) {
    environment.put("GCP_PROJECT_ID", "demo-project");
    environment.put("TRACED_STACKDRIVER_EMULATOR_HOST", value);
    assertThatThrownBy(this::read)
        .isInstanceOf(SettingsException.class)
        .hasMessage(
            "[traced.stackdriver.emulator-host] environment variable"
                + " TRACED_STACKDRIVER_EMULATOR_HOST=\"" + value + "\" " + HostAndPort.ALLOWED);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"localhost:8085", "127.0.0.1:8085", "[::1]:8085", "[2001:db8::7]:443",
          "cloudtrace.googleapis.com:443", "Trace-Emulator.local:1"})
  void emulatorHostAcceptsHostNamesIpv4AndBracketedIpv6(String value) {
    environment.put("GCP_PROJECT_ID", "demo-project");
    environment.put("TRACED_STACKDRIVER_EMULATOR_HOST", value);
    assertThat(read().emulatorHost()).map(HostAndPort::toString).contains(value);
  }

  @Test
  void hostAndPortInCodeIsCheckedToo() {
    assertThatThrownBy(() -> new HostAndPort("a b", 80))
        .isInstanceOf(SettingsException.class)
        .hasMessage("[traced.stackdriver.emulator-host] a b:80 " + HostAndPort.ALLOWED);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"a/b c", "short", "1project", "My-Project", "project-", "abcdefghijklmnopqrstuvwxyz01234",
          "demo_project", "example.com:", ":demo-project", "exa mple.com:demo-project"})
  void projectIdMustFollowGoogleRules(String value) {
    environment.put("GCP_PROJECT_ID", value);
    assertThatThrownBy(this::read)
        .isInstanceOf(SettingsException.class)
        .hasMessage(
            "[traced.stackdriver.project-id] environment variable GCP_PROJECT_ID=\"" + value
                + "\" " + TracedSettings.PROJECT_ID_ALLOWED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo-project", "my-project-123456", "abcdef", "example.com:my-project"})
  void projectIdsAsGoogleIssuesThemAreAccepted(String value) {
    properties.put("traced.stackdriver.project-id", value);
    assertThat(read().projectId()).contains(value);
  }

  @Test
  void projectIdInCodeIsCheckedToo() {
    assertThatThrownBy(() -> TracedSettings.builder().projectId("a/b c"))
        .isInstanceOf(SettingsException.class)
        .hasMessage("[traced.stackdriver.project-id] \"a/b c\" " + TracedSettings.PROJECT_ID_ALLOWED);
  }

  @Test
  void emulatorHostWithoutProjectIdIsAnErrorNotIgnored() {
    environment.put("TRACED_STACKDRIVER_EMULATOR_HOST", "127.0.0.1:8085");
    assertThatThrownBy(this::read)
        .isInstanceOf(SettingsException.class)
        .hasMessage(
            "[traced.stackdriver.emulator-host] environment variable"
                + " TRACED_STACKDRIVER_EMULATOR_HOST=\"127.0.0.1:8085\" "
                + TracedSettings.EMULATOR_NEEDS_PROJECT);
  }

  @Test
  void emulatorHostWithoutProjectIdInCodeIsAnErrorToo() {
    assertThatThrownBy(
            () ->
                TracedSettings.builder()
                    .exporters(ExporterKind.CONSOLE)
                    .emulatorHost(new HostAndPort("127.0.0.1", 8085))
                    .build())
        .isInstanceOf(SettingsException.class)
        .hasMessage(
            "[traced.stackdriver.emulator-host] 127.0.0.1:8085 "
                + TracedSettings.EMULATOR_NEEDS_PROJECT);
  }

  @Test
  void settingsExceptionPrintsAsItsOneLineWithoutStackTrace() {
    SettingsException failure = new SettingsException("[traced.sampler] bad");
    assertThat(failure.toString()).isEqualTo("[traced.sampler] bad");
    assertThat(failure.getStackTrace()).isEmpty();
    java.io.StringWriter printed = new java.io.StringWriter();
    failure.printStackTrace(new java.io.PrintWriter(printed));
    assertThat(printed.toString()).isEqualTo("[traced.sampler] bad" + System.lineSeparator());
  }
}
