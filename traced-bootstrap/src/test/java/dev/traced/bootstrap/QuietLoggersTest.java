package dev.traced.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Silenced loggers get their own level back, also when silencers overlap. */
class QuietLoggersTest {

  private final Logger logger = Logger.getLogger("dev.traced.test.quiet");

  @Test
  void overlappingSilencersRestoreTheLevelBeforeTheFirst() {
    logger.setLevel(Level.FINE);
    QuietLoggers closing = QuietLoggers.silence(logger.getName());
    QuietLoggers next = QuietLoggers.silence(logger.getName()); // starts before the first is done

    closing.close();
    assertThat(logger.getLevel()).isEqualTo(Level.OFF);
    closing.close(); // twice counts once
    assertThat(logger.getLevel()).isEqualTo(Level.OFF);
    next.close();
    assertThat(logger.getLevel()).isEqualTo(Level.FINE);
  }

  @Test
  void childLoggersWithoutALevelAreSilencedToo() {
    QuietLoggers quiet = QuietLoggers.silence("dev.traced.test.parent");
    try {
      assertThat(Logger.getLogger("dev.traced.test.parent.Child").isLoggable(Level.SEVERE))
          .isFalse();
    } finally {
      quiet.close();
    }
    assertThat(Logger.getLogger("dev.traced.test.parent.Child").isLoggable(Level.SEVERE)).isTrue();
  }
}
