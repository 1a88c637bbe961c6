package dev.traced.demo;

import java.net.URI;
import java.util.Locale;

/**
 * The demo's command line: nothing (the local REPL), {@code --serve PORT} or {@code --remote URL}.
 *
 * <pre>
 * java -jar demo-repl.jar --serve 8080
 * java -jar demo-repl.jar --remote http://127.0.0.1:8080
 * </pre>
 */
final class DemoFlags {

  /** What every flag error ends with. */
  static final String USAGE =
      "usage: java -jar demo-repl.jar [--serve PORT | --remote http://127.0.0.1:PORT]";

  /** A flag error; args: what is wrong. One line on stderr, exit code 2. */
  static final String BAD_FLAGS = "[demo] %s; " + USAGE;

  /** The port to serve on, or -1 when not serving. */
  final int servePort;

  /** The server to send lines to, or {@code null} to answer them here. */
  final URI remote;

  private DemoFlags(int servePort, URI remote) {
    this.servePort = servePort;
    this.remote = remote;
  }

  /**
   * Reads {@code args}.
   *
   * @throws IllegalArgumentException with the one line to print
   */
  static DemoFlags parse(String... args) {
    if (args.length == 0) {
      return new DemoFlags(-1, null);
    }
    if (args.length != 2) {
      throw bad(args.length == 1 ? args[0] + " needs a value" : "too many arguments");
    }
    switch (args[0]) {
      case "--serve":
        return new DemoFlags(port(args[1]), null);
      case "--remote":
        return new DemoFlags(-1, remote(args[1]));
      default:
        throw bad("unknown flag " + args[0]);
    }
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    throw bad("--serve needs a port from 0 to 65535 (0 picks a free one), not \"" + value + "\"");
  }

  private static URI remote(String value) {
    try {
      URI uri = new URI(value);
      if ("http".equals(uri.getScheme()) && uri.getHost() != null && uri.getPort() > 0) {
        return uri.getPath() == null || uri.getPath().isEmpty() ? uri.resolve("/") : uri;
      }
    } catch (java.net.URISyntaxException malformed) {
      // reported below
    }
    throw bad("--remote needs an address such as http://127.0.0.1:8080, not \"" + value + "\"");
  }

  private static IllegalArgumentException bad(String what) {
    return new IllegalArgumentException(String.format(Locale.ROOT, BAD_FLAGS, what));
  }
}
