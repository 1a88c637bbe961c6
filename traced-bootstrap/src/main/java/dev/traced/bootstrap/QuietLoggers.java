package dev.traced.bootstrap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Silences some {@code java.util.logging} loggers of libraries tracing runs on, and gives them
 * back their levels on {@link #close()}.
 *
 * <pre>{@code
 * QuietLoggers quiet = QuietLoggers.silence("io.grpc", "io.netty");
 * ...
 * quiet.close(); // previous levels again
 * }</pre>
 *
 * <p>Why: gRPC, Netty and gax log every retry, reset and oversized message (one export failure
 * printed 159 lines), and {@code io.grpc.Context} logs a 1,000-line stack trace whenever a
 * context chain is 1,000 deep, which a deep traced recursion is, since OpenCensus keeps the current
 * span in gRPC's context. The user's stderr gets at most our own one line instead. The loggers are
 * held here: JUL keeps only weak references, and a collected logger would forget its level.
 */
public final class QuietLoggers implements AutoCloseable {

  /** Per logger name: how many open silencers, and the level to restore after the last. */
  private static final Map<String, Silenced> SILENCED = new HashMap<>();

  private final List<String> names;
  private final AtomicBoolean closed = new AtomicBoolean();

  private QuietLoggers(List<String> names) {
    this.names = names;
  }

  /**
   * Sets the named loggers (and so their children without a level of their own) to OFF. Silencers
   * may overlap (a closing exporter and a new one): the level before the first comes back after
   * the last.
   */
  public static QuietLoggers silence(String... names) {
    synchronized (SILENCED) {
      for (String name : names) {
        SILENCED.computeIfAbsent(name, Silenced::new).count++;
      }
    }
    return new QuietLoggers(List.of(names));
  }

  /** Gives the loggers back their levels, unless another silencer still holds them; idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    synchronized (SILENCED) {
      for (String name : names) {
        Silenced silenced = SILENCED.get(name);
        if (--silenced.count == 0) {
          SILENCED.remove(name);
          silenced.logger.setLevel(silenced.previous);
        }
      }
    }
  }

  private static final class Silenced {
    final Logger logger; // strong reference: JUL would forget the level of a collected logger
    final Level previous;
    int count;

    Silenced(String name) {
      logger = Logger.getLogger(name);
      previous = logger.getLevel();
      logger.setLevel(Level.OFF);
    }
  }
}
