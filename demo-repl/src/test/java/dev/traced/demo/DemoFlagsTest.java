package dev.traced.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The demo's flags: each mistake is one line naming the flag, ending with the usage. */
class DemoFlagsTest {

  @Test
  void noFlagsIsTheLocalRepl() {
    DemoFlags flags = DemoFlags.parse();
    assertThat(flags.servePort).isEqualTo(-1);
    assertThat(flags.remote).isNull();
  }

  @Test
  void serveAndRemoteAreRead() {
    assertThat(DemoFlags.parse("--serve", "8080").servePort).isEqualTo(8080);
    assertThat(DemoFlags.parse("--remote", "http://127.0.0.1:8080").remote)
        .isEqualTo(URI.create("http://127.0.0.1:8080/"));
  }

  @Test
  void badFlagsAreOneLineWithTheUsage() {
    assertThatThrownBy(() -> DemoFlags.parse("--serve", "http"))
        .hasMessage(
            "[demo] --serve needs a port from 0 to 65535 (0 picks a free one), not \"http\"; "
                + DemoFlags.USAGE);
    assertThatThrownBy(() -> DemoFlags.parse("--remote", "127.0.0.1:8080"))
        .hasMessage(
            "[demo] --remote needs an address such as http://127.0.0.1:8080, not"
                + " \"127.0.0.1:8080\"; "
                + DemoFlags.USAGE);
    assertThatThrownBy(() -> DemoFlags.parse("--serve"))
        .hasMessage("[demo] --serve needs a value; " + DemoFlags.USAGE);
    assertThatThrownBy(() -> DemoFlags.parse("--verbose", "1"))
        .hasMessage("[demo] unknown flag --verbose; " + DemoFlags.USAGE);
  }
}
