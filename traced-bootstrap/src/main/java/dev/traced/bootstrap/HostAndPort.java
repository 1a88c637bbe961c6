package dev.traced.bootstrap;

import com.google.common.net.InetAddresses;
import java.util.regex.Pattern;

/**
 * A {@code host:port} endpoint, such as the Cloud Trace emulator's {@code 127.0.0.1:8085}.
 *
 * <pre>{@code
 * new HostAndPort("127.0.0.1", 8085);   // also "localhost", "[::1]"
 * }</pre>
 *
 * <p>Checked when made, so that a bad value fails at start with one line instead of deep in gRPC:
 * the host is a DNS host name (letters, digits and hyphens, labels separated by dots), an IPv4
 * address, or an IPv6 address in brackets; the port is 1 to 65535. Anything else throws {@link
 * SettingsException}.
 *
 * @param host a host name or IP address ({@code [::1]} style for IPv6)
 * @param port 1 to 65535
 */
public record HostAndPort(String host, int port) {

  static final String ALLOWED =
      "is not host:port: use a host name, an IPv4 address or an IPv6 address in brackets, and a"
          + " port from 1 to 65535, such as 127.0.0.1:8085 or [::1]:8085";

  /** RFC 1123 host name: labels of up to 63 letters, digits and inner hyphens. */
  private static final Pattern HOST_NAME =
      Pattern.compile(
          "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
              + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

  private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");

  /** Checks host and port. */
  public HostAndPort {
    if (!isHost(host) || port < 1 || port > 65535) {
      throw new SettingsException(
          "[" + TracedSettings.EMULATOR_HOST + "] " + SettingSource.printable(String.valueOf(host))
              + ":" + port + " " + ALLOWED);
    }
  }

  static HostAndPort parse(SettingSource.Raw raw) {
    String value = raw.value();
    int colon = value.lastIndexOf(':');
    if (colon > 0 && isHost(value.substring(0, colon))) {
      try {
        int port = Integer.parseInt(value.substring(colon + 1));
        if (port >= 1 && port <= 65535) {
          return new HostAndPort(value.substring(0, colon), port);
        }
      } catch (NumberFormatException notANumber) {
        // falls through to the one error message below
      }
    }
    throw raw.invalid(ALLOWED);
  }

  /** Whether gRPC can take {@code host} as the host part of a target, without any lookup. */
  private static boolean isHost(String host) {
    if (host == null || host.length() > 253) {
      return false;
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      String address = host.substring(1, host.length() - 1);
      return address.contains(":") && InetAddresses.isInetAddress(address);
    }
    if (DIGITS_AND_DOTS.matcher(host).matches()) {
      return InetAddresses.isInetAddress(host); // all digits: only an IPv4 address makes sense
    }
    return HOST_NAME.matcher(host).matches();
  }

  /** {@code host:port}, as gRPC targets want it. */
  @Override
  public String toString() {
    return host + ":" + port;
  }
}
