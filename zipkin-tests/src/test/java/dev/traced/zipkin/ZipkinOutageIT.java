package dev.traced.zipkin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo jar with {@code TRACED_EXPORTER=zipkin} when Zipkin is down or hangs: the program's
 * output is unchanged, it exits within the flush timeout, and stderr holds exactly the one loss
 * line counting every span.
 */
class ZipkinOutageIT {

  /** Past the flush timeout: the last output and the JVM's exit, on a loaded 2-core machine. */
  private static final long SLACK_SECONDS = 2;

  @Test
  void zipkinDownLosesEverySpanInOneLineAndTheDemoExitsInTime() throws Exception {
    String endpoint = "http://127.0.0.1:" + ZipkinServer.freePort() + "/api/v2/spans";

    DemoProcess.Result result =
        DemoProcess.run(
            "hello\nWorld 42\n",
            Map.of("TRACED_EXPORTER", "zipkin", "TRACED_ZIPKIN_ENDPOINT", endpoint,
                "TRACED_EXPORT_RETRY_BUDGET", "2s", "TRACED_FLUSH_TIMEOUT", "5s"));

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).isEqualTo(nl("< HELLO\n< WORLD 42\n"));
    assertThat(result.stderr())
        .isEqualTo(nl("[traced] 4 spans were not delivered: 4 failed at Zipkin (cannot connect to "
            + endpoint + ")\n"));
    // Retried for traced.export.retry-budget=2s, then the JVM exits: well within
    // traced.flush.timeout=5s (the slack is for JVM exit on a loaded machine).
    assertThat(result.took()).isLessThan(Duration.ofSeconds(5 + SLACK_SECONDS));
  }

  @Test
  void zipkinThatNeverAnswersIsReportedUnconfirmedAndTheDemoExitsInTime() throws Exception {
    try (StallingServer zipkin = new StallingServer()) {
      DemoProcess.Result result =
          DemoProcess.run(
              "hello\n",
              Map.of("TRACED_EXPORTER", "zipkin", "TRACED_ZIPKIN_ENDPOINT",
                  zipkin.spansEndpoint(), "TRACED_EXPORT_TIMEOUT", "1s",
                  "TRACED_FLUSH_TIMEOUT", "3s"));

      assertThat(result.exitCode()).isZero();
      assertThat(result.stdout()).isEqualTo(nl("< HELLO\n"));
      assertThat(result.stderr())
          .isEqualTo(nl("[traced] 2 spans were not confirmed delivered: 2 may have arrived, not"
              + " re-sent: no answer within traced.export.timeout=1000ms\n"));
      assertThat(zipkin.connections()).isEqualTo(1);
      // traced.export.timeout=1s, bounded by traced.flush.timeout=3s.
      assertThat(result.took()).isLessThan(Duration.ofSeconds(3 + SLACK_SECONDS));
    }
  }

  private static String nl(String text) {
    return text.replace("\n", System.lineSeparator());
  }
}
