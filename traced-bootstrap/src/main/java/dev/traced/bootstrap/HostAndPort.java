package dev.traced.bootstrap;

/**
 * A {@code host:port} endpoint, such as the Cloud Trace emulator's {@code 127.0.0.1:9411}.
 *
 * @param host a host name or IP address ({@code [::1]} style for IPv6)
 * @param port 1 to 65535
 */
public record HostAndPort(String host, int port) {

  static final String ALLOWED = "is not host:port: use a host and a port from 1 to 65535, such"
      + " as 127.0.0.1:8085";

  /** Checks host and port. */
  public HostAndPort {
    if (host == null || host.isBlank() || port < 1 || port > 65535) {
      throw new SettingsException("[traced.stackdriver.emulator-host] " + host + ":" + port
          + " " + ALLOWED);
    }
  }

  static HostAndPort parse(SettingSource.Raw raw) {
    String value = raw.value();
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw raw.invalid(ALLOWED);
    }
    String host = value.substring(0, colon);
    if (host.contains(":") && !(host.startsWith("[") && host.endsWith("]"))) {
      throw raw.invalid(ALLOWED); // a bare IPv6 address needs brackets
    }
    try {
      int port = Integer.parseInt(value.substring(colon + 1));
      if (port >= 1 && port <= 65535) {
        return new HostAndPort(host, port);
      }
    } catch (NumberFormatException notANumber) {
      // falls through to the one error message below
    }
    throw raw.invalid(ALLOWED);
  }

  /** {@code host:port}, as gRPC targets want it. */
  @Override
  public String toString() {
    return host + ":" + port;
  }
}
