package dev.traced.benchmarks;

/** Arguments every forked benchmark JVM gets; constants so {@code @Fork} can name them. */
final class JvmArgs {

  private JvmArgs() {}

  // OpenCensus and Google libraries probe cloud metadata hosts; send any probe to a closed local port.
  static final String HTTP_PROXY_HOST = "-Dhttp.proxyHost=127.0.0.1";
  static final String HTTP_PROXY_PORT = "-Dhttp.proxyPort=9";
  static final String HTTPS_PROXY_HOST = "-Dhttps.proxyHost=127.0.0.1";
  static final String HTTPS_PROXY_PORT = "-Dhttps.proxyPort=9";

  /** Relative to the benchmarks folder: run.sh and ci-smoke.sh run from there. */
  static final String OTEL_AGENT = "-javaagent:target/otel/opentelemetry-javaagent.jar";
}
