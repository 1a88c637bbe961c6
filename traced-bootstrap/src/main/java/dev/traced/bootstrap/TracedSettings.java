package dev.traced.bootstrap;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the bootstrap needs to know, immutable. Read it from system properties and
 * environment variables with {@link #fromEnvironment()}, or build it in code.
 *
 * <pre>{@code
 * TracedSettings settings = TracedSettings.builder()
 *     .exporters(ExporterKind.STACKDRIVER)
 *     .projectId("my-project")
 *     .sampler(new SamplerSetting(0.25))
 *     .build();
 * }</pre>
 *
 * <p>Each setting {@code traced.x.y} comes from the system property of that name, else the
 * environment variable {@code TRACED_X_Y}, else its default:
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th></tr>
 *   <tr><td>{@code traced.exporter}</td><td>{@code stackdriver} with a project id, else
 *       {@code console}</td></tr>
 *   <tr><td>{@code traced.sampler}</td><td>{@code always}</td></tr>
 *   <tr><td>{@code traced.stackdriver.project-id} (or {@code GCP_PROJECT_ID})</td><td>none</td></tr>
 *   <tr><td>{@code traced.stackdriver.emulator-host}</td><td>none (Google, with Application
 *       Default Credentials)</td></tr>
 *   <tr><td>{@code traced.export.timeout}</td><td>{@code 5s} per export call</td></tr>
 *   <tr><td>{@code traced.export.retry-budget}</td><td>{@code 3s} per batch</td></tr>
 *   <tr><td>{@code traced.flush.timeout}</td><td>{@code 8s}</td></tr>
 *   <tr><td colspan="2">each duration from {@code 1ms} to {@code 10m}</td></tr>
 *   <tr><td>{@code traced.zpages.port}</td><td>{@code 8888}</td></tr>
 *   <tr><td>{@code traced.zipkin.endpoint}</td><td>{@code
 *       http://127.0.0.1:9411/api/v2/spans}</td></tr>
 *   <tr><td>{@code traced.zipkin.service-name}</td><td>the jar's or the main class's name</td></tr>
 * </table>
 *
 * <p>A value that cannot be used throws {@link SettingsException} with a one-line message.
 */
public final class TracedSettings {

  static final String EXPORTER = "traced.exporter";
  static final String SAMPLER = "traced.sampler";
  static final String PROJECT_ID = "traced.stackdriver.project-id";
  static final String EMULATOR_HOST = "traced.stackdriver.emulator-host";
  static final String EXPORT_TIMEOUT = "traced.export.timeout";
  static final String RETRY_BUDGET = "traced.export.retry-budget";
  static final String FLUSH_TIMEOUT = "traced.flush.timeout";
  static final String ZPAGES_PORT = "traced.zpages.port";
  static final String ZIPKIN_ENDPOINT = "traced.zipkin.endpoint";
  static final String ZIPKIN_SERVICE_NAME = "traced.zipkin.service-name";
  /** Where a Zipkin server started with its defaults takes spans. */
  static final URI DEFAULT_ZIPKIN_ENDPOINT = URI.create("http://127.0.0.1:9411/api/v2/spans");
  /** The quickstart's variable for the Google Cloud project. */
  static final String GCP_PROJECT_ID = "GCP_PROJECT_ID";

  static final String EXPORTERS_ALLOWED =
      "is not an exporter list: use one or more of stackdriver, zipkin, console, zpages, logging,"
          + " none, separated by commas";
  static final String ZIPKIN_ENDPOINT_ALLOWED =
      "is not an http or https URL of a Zipkin server: use one such as"
          + " http://127.0.0.1:9411/api/v2/spans (host, optional port 1 to 65535, the v2 spans"
          + " path)";
  /** No value quoted: the user info may be a password. */
  static final String ZIPKIN_ENDPOINT_USER_INFO =
      "holds user:password@ (not shown): credentials in the URL are not supported; give the URL"
          + " without them";
  static final String SERVICE_NAME_ALLOWED =
      "is not a service name: use up to 128 printable characters without line breaks, such as"
          + " checkout";
  static final String NONE_ALONE = "combines none with other exporters: use none alone";
  /** Shortest and longest value of every duration setting. */
  static final Duration MIN_DURATION = Duration.ofMillis(1);
  static final Duration MAX_DURATION = Duration.ofMinutes(10);
  static final String DURATION_ALLOWED =
      "is not a duration from 1ms to 10m: use a whole number with ms, s or m, such as 500ms or 5s";
  static final String PORT_ALLOWED = "is not a port: use 0 (any free port) to 65535";
  static final String PROJECT_ID_ALLOWED =
      "is not a Google Cloud project id: use the id shown by gcloud projects list (6 to 30"
          + " lowercase letters, digits or hyphens, starting with a letter), or the legacy"
          + " example.com:my-project form";
  static final String EMULATOR_NEEDS_PROJECT =
      "needs a project id as well: set GCP_PROJECT_ID or traced.stackdriver.project-id (any valid"
          + " id, such as demo-project, for an emulator), or unset the emulator host";
  static final String NEEDS_PROJECT =
      "[traced.exporter] stackdriver needs a Google Cloud project: set GCP_PROJECT_ID or"
          + " traced.stackdriver.project-id, or choose another exporter such as console";

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

  /**
   * Google's rules for a project id (6 to 30 characters: lowercase letters, digits, hyphens; starts
   * with a letter, does not end with a hyphen), optionally after the legacy {@code domain:} prefix.
   * Cloud Trace rejects every span of a project id outside them, so they are checked at start.
   */
  private static final Pattern PROJECT_ID_FORM =
      Pattern.compile(
          "(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+:)?"
              + "[a-z][a-z0-9-]{4,28}[a-z0-9]");

  private final Set<ExporterKind> exporters;
  private final SamplerSetting sampler;
  private final String projectId;
  private final HostAndPort emulatorHost;
  private final Duration exportTimeout;
  private final Duration retryBudget;
  private final Duration flushTimeout;
  private final int zpagesPort;
  private final URI zipkinEndpoint;
  private final String zipkinServiceName;

  private TracedSettings(Builder builder) {
    this.projectId = builder.projectId;
    this.exporters =
        Collections.unmodifiableSet(
            builder.exporters != null
                ? EnumSet.copyOf(builder.exporters)
                : EnumSet.of(projectId != null ? ExporterKind.STACKDRIVER : ExporterKind.CONSOLE));
    this.sampler = builder.sampler;
    this.emulatorHost = builder.emulatorHost;
    this.exportTimeout = builder.exportTimeout;
    this.retryBudget = builder.retryBudget;
    this.flushTimeout = builder.flushTimeout;
    this.zpagesPort = builder.zpagesPort;
    this.zipkinEndpoint = builder.zipkinEndpoint;
    this.zipkinServiceName =
        builder.zipkinServiceName != null
            ? builder.zipkinServiceName
            : programName(System.getProperty("sun.java.command"));
    if (emulatorHost != null && projectId == null) {
      throw new SettingsException(
          "[" + EMULATOR_HOST + "] " + emulatorHost + " " + EMULATOR_NEEDS_PROJECT);
    }
    if (exporters.contains(ExporterKind.STACKDRIVER) && projectId == null) {
      throw new SettingsException(NEEDS_PROJECT);
    }
    if (exporters.contains(ExporterKind.NONE) && exporters.size() > 1) {
      throw new SettingsException("[" + EXPORTER + "] " + exporters + " " + NONE_ALONE);
    }
  }

  /** Reads the settings from system properties and environment variables. */
  public static TracedSettings fromEnvironment() {
    return from(SettingSource.ofSystem());
  }

  static TracedSettings from(SettingSource source) {
    Builder builder = builder();
    source.get(EXPORTER).ifPresent(raw -> builder.exporters = parseExporters(raw));
    source.get(SAMPLER).ifPresent(raw -> builder.sampler = SamplerSetting.parse(raw));
    Optional<SettingSource.Raw> project = source.get(PROJECT_ID);
    if (project.isEmpty()) {
      project = source.getEnvironment(PROJECT_ID, GCP_PROJECT_ID);
    }
    project.ifPresent(raw -> builder.projectId = parseProjectId(raw));
    Optional<SettingSource.Raw> emulator = source.get(EMULATOR_HOST);
    emulator.ifPresent(raw -> builder.emulatorHost = HostAndPort.parse(raw));
    if (emulator.isPresent() && project.isEmpty()) {
      // Said here, where the message can tell where the emulator host came from.
      throw emulator.get().invalid(EMULATOR_NEEDS_PROJECT);
    }
    source.get(EXPORT_TIMEOUT).ifPresent(raw -> builder.exportTimeout = parseDuration(raw));
    source.get(RETRY_BUDGET).ifPresent(raw -> builder.retryBudget = parseDuration(raw));
    source.get(FLUSH_TIMEOUT).ifPresent(raw -> builder.flushTimeout = parseDuration(raw));
    source.get(ZPAGES_PORT).ifPresent(raw -> builder.zpagesPort = parsePort(raw));
    source.get(ZIPKIN_ENDPOINT).ifPresent(raw -> builder.zipkinEndpoint = parseEndpoint(raw));
    source.get(ZIPKIN_SERVICE_NAME).ifPresent(raw -> {
      if (!isServiceName(raw.value())) {
        throw raw.invalid(SERVICE_NAME_ALLOWED);
      }
      builder.zipkinServiceName = raw.value();
    });
    LibrarySwitches.check(source);
    return builder.build();
  }

  private static Set<ExporterKind> parseExporters(SettingSource.Raw raw) {
    Set<ExporterKind> kinds = EnumSet.noneOf(ExporterKind.class);
    for (String part : raw.value().split(",", -1)) {
      try {
        kinds.add(ExporterKind.valueOf(part.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException unknown) {
        throw raw.invalid(EXPORTERS_ALLOWED);
      }
    }
    if (kinds.contains(ExporterKind.NONE) && kinds.size() > 1) {
      throw raw.invalid(NONE_ALONE);
    }
    return kinds;
  }

  private static String parseProjectId(SettingSource.Raw raw) {
    if (!isProjectId(raw.value())) {
      throw raw.invalid(PROJECT_ID_ALLOWED);
    }
    return raw.value();
  }

  private static boolean isProjectId(String projectId) {
    return projectId != null && PROJECT_ID_FORM.matcher(projectId).matches();
  }

  private static boolean inRange(Duration duration) {
    return duration != null
        && duration.compareTo(MIN_DURATION) >= 0
        && duration.compareTo(MAX_DURATION) <= 0;
  }

  private static Duration parseDuration(SettingSource.Raw raw) {
    Matcher matcher = DURATION.matcher(raw.value());
    if (matcher.matches()) {
      try {
        long amount = Long.parseLong(matcher.group(1));
        Duration duration =
            switch (matcher.group(2)) {
              case "ms" -> Duration.ofMillis(amount);
              case "s" -> Duration.ofSeconds(amount);
              default -> Duration.ofMinutes(amount);
            };
        if (inRange(duration)) {
          return duration;
        }
      } catch (NumberFormatException | ArithmeticException tooLarge) {
        // falls through to the one error message below
      }
    }
    throw raw.invalid(DURATION_ALLOWED);
  }

  private static int parsePort(SettingSource.Raw raw) {
    try {
      int port = Integer.parseInt(raw.value());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException notANumber) {
      // falls through to the one error message below
    }
    throw raw.invalid(PORT_ALLOWED);
  }

  /**
   * An http(s) URL with a host, a port in range if any, and no user info (which could only be a
   * password, and would be printed in every loss line).
   */
  private static URI parseEndpoint(SettingSource.Raw raw) {
    URI uri = endpointOrNull(raw.value());
    if (uri != null && uri.getRawUserInfo() != null) {
      throw new SettingsException(
          "[" + raw.key() + "] " + raw.origin() + " " + ZIPKIN_ENDPOINT_USER_INFO);
    }
    if (uri == null) {
      throw raw.invalid(ZIPKIN_ENDPOINT_ALLOWED);
    }
    return uri;
  }

  private static URI endpointOrNull(String value) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean ok =
          (scheme.equals("http") || scheme.equals("https"))
              && uri.getHost() != null
              && uri.getPort() <= 65535
              && uri.getPort() != 0;
      return ok ? uri : null;
    } catch (URISyntaxException malformed) {
      return null;
    }
  }

  private static boolean isServiceName(String name) {
    return name != null
        && !name.isBlank()
        && name.length() <= 128
        && SettingSource.printable(name).equals(name);
  }

  /**
   * The default service name: the jar's base name or the main class's simple name, from the
   * launcher's {@code sun.java.command} ({@code "demo-repl.jar arg"} → {@code demo-repl}); {@code
   * java} when unknown.
   */
  static String programName(String command) {
    if (command == null || command.isBlank()) {
      return "java";
    }
    String first = command.trim().split("\\s+", 2)[0];
    if (first.endsWith(".jar")) {
      String file = first.substring(Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\')) + 1);
      return file.substring(0, file.length() - ".jar".length());
    }
    return first.substring(first.lastIndexOf('.') + 1);
  }

  /** A builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** The exporters to register; never empty ({@code NONE} alone means none). */
  public Set<ExporterKind> exporters() {
    return exporters;
  }

  /** The sampler for new traces. */
  public SamplerSetting sampler() {
    return sampler;
  }

  /** The Google Cloud project id, if any. */
  public Optional<String> projectId() {
    return Optional.ofNullable(projectId);
  }

  /** The Cloud Trace emulator endpoint, if spans go there instead of to Google. */
  public Optional<HostAndPort> emulatorHost() {
    return Optional.ofNullable(emulatorHost);
  }

  /** The deadline of one export call. */
  public Duration exportTimeout() {
    return exportTimeout;
  }

  /** How long one batch may be retried after transient errors. */
  public Duration retryBudget() {
    return retryBudget;
  }

  /** How long closing may wait for the last spans to be delivered. */
  public Duration flushTimeout() {
    return flushTimeout;
  }

  /** The zPages port on 127.0.0.1; 0 picks a free one. */
  public int zpagesPort() {
    return zpagesPort;
  }

  /** Where the zipkin exporter posts spans (Zipkin's v2 JSON API). */
  public URI zipkinEndpoint() {
    return zipkinEndpoint;
  }

  /** The service name Zipkin shows for this program's spans. */
  public String zipkinServiceName() {
    return zipkinServiceName;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TracedSettings that
        && exporters.equals(that.exporters)
        && sampler.equals(that.sampler)
        && Objects.equals(projectId, that.projectId)
        && Objects.equals(emulatorHost, that.emulatorHost)
        && exportTimeout.equals(that.exportTimeout)
        && retryBudget.equals(that.retryBudget)
        && flushTimeout.equals(that.flushTimeout)
        && zpagesPort == that.zpagesPort
        && zipkinEndpoint.equals(that.zipkinEndpoint)
        && zipkinServiceName.equals(that.zipkinServiceName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        exporters, sampler, projectId, emulatorHost, exportTimeout, retryBudget, flushTimeout,
        zpagesPort, zipkinEndpoint, zipkinServiceName);
  }

  @Override
  public String toString() {
    return "exporter=" + exporters + " sampler=" + sampler + " project-id=" + projectId
        + " emulator-host=" + emulatorHost + " export.timeout=" + exportTimeout
        + " export.retry-budget=" + retryBudget + " flush.timeout=" + flushTimeout
        + " zpages.port=" + zpagesPort + " zipkin.endpoint=" + zipkinEndpoint
        + " zipkin.service-name=" + zipkinServiceName;
  }

  /** Builds {@link TracedSettings}; every setting starts at its default. */
  public static final class Builder {
    private Set<ExporterKind> exporters;
    private SamplerSetting sampler = SamplerSetting.ALWAYS;
    private String projectId;
    private HostAndPort emulatorHost;
    // 5 s / 8 s: a cold Cloud Trace v2 server on a loaded 2-core machine took over 2 s to answer a
    // 2,500-span batch (the line then said "may have arrived" for spans that had); a server that
    // never answers still ends the program within 10 s (measured 8.4 s). See README's fault table.
    private Duration exportTimeout = Duration.ofSeconds(5);
    private Duration retryBudget = Duration.ofSeconds(3);
    private Duration flushTimeout = Duration.ofSeconds(8);
    private int zpagesPort = 8888;
    private URI zipkinEndpoint = DEFAULT_ZIPKIN_ENDPOINT;
    private String zipkinServiceName;

    private Builder() {}

    /** The exporters; default stackdriver with a project id, else console. */
    public Builder exporters(ExporterKind first, ExporterKind... more) {
      this.exporters = EnumSet.of(first, more);
      return this;
    }

    /** The sampler; default always. */
    public Builder sampler(SamplerSetting sampler) {
      this.sampler = sampler;
      return this;
    }

    /** The Google Cloud project id, such as {@code my-project}; checked against Google's rules. */
    public Builder projectId(String projectId) {
      if (!isProjectId(projectId)) {
        throw new SettingsException(
            "[" + PROJECT_ID + "] \"" + SettingSource.printable(String.valueOf(projectId))
                + "\" " + PROJECT_ID_ALLOWED);
      }
      this.projectId = projectId;
      return this;
    }

    /**
     * Export to a Cloud Trace emulator over plaintext gRPC, without credentials; needs a project
     * id as well.
     */
    public Builder emulatorHost(HostAndPort emulatorHost) {
      this.emulatorHost = emulatorHost;
      return this;
    }

    /** Deadline of one export call; default 5 s, 1 ms to 10 min. */
    public Builder exportTimeout(Duration exportTimeout) {
      this.exportTimeout = inRange(EXPORT_TIMEOUT, exportTimeout);
      return this;
    }

    /** Time budget for retrying one batch; default 3 s, 1 ms to 10 min. */
    public Builder retryBudget(Duration retryBudget) {
      this.retryBudget = inRange(RETRY_BUDGET, retryBudget);
      return this;
    }

    /** How long close may wait for delivery; default 8 s, 1 ms to 10 min. */
    public Builder flushTimeout(Duration flushTimeout) {
      this.flushTimeout = inRange(FLUSH_TIMEOUT, flushTimeout);
      return this;
    }

    /** The zPages port on 127.0.0.1; default 8888, 0 for any free port. */
    public Builder zpagesPort(int zpagesPort) {
      if (zpagesPort < 0 || zpagesPort > 65535) {
        throw new SettingsException("[" + ZPAGES_PORT + "] " + zpagesPort + " " + PORT_ALLOWED);
      }
      this.zpagesPort = zpagesPort;
      return this;
    }

    /** Zipkin's v2 spans URL; default {@code http://127.0.0.1:9411/api/v2/spans}. */
    public Builder zipkinEndpoint(String url) {
      URI uri = url == null ? null : endpointOrNull(url);
      if (uri != null && uri.getRawUserInfo() != null) {
        throw new SettingsException("[" + ZIPKIN_ENDPOINT + "] " + ZIPKIN_ENDPOINT_USER_INFO);
      }
      if (uri == null) {
        throw new SettingsException(
            "[" + ZIPKIN_ENDPOINT + "] \"" + SettingSource.printable(String.valueOf(url)) + "\" "
                + ZIPKIN_ENDPOINT_ALLOWED);
      }
      this.zipkinEndpoint = uri;
      return this;
    }

    /** The service name shown in Zipkin; default the jar's or main class's name. */
    public Builder zipkinServiceName(String name) {
      if (!isServiceName(name)) {
        throw new SettingsException(
            "[" + ZIPKIN_SERVICE_NAME + "] \"" + SettingSource.printable(String.valueOf(name))
                + "\" " + SERVICE_NAME_ALLOWED);
      }
      this.zipkinServiceName = name;
      return this;
    }

    /**
     * Every duration is bounded: a wait of years is never meant, and would overflow the nanosecond
     * arithmetic of timeouts (at close, or in every export's retry budget).
     */
    private static Duration inRange(String key, Duration duration) {
      if (!TracedSettings.inRange(duration)) {
        throw new SettingsException("[" + key + "] " + duration + " " + DURATION_ALLOWED);
      }
      return duration;
    }

    /**
     * The settings; throws {@link SettingsException} if stackdriver or an emulator host lacks a
     * project id.
     */
    public TracedSettings build() {
      return new TracedSettings(this);
    }
  }
}
