package dev.traced.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * A {@code java.util.logging} handler that keeps every record it receives, for tests that assert
 * what a library logged (or that it logged nothing).
 *
 * <pre>{@code
 * LogRecords logs = new LogRecords();
 * Logger.getLogger("dev.traced.aspects").addHandler(logs);
 * ...
 * assertThat(logs.records()).extracting(LogRecord::getMessage).containsExactly("...");
 * }</pre>
 *
 * <p>Thread-safe: loggers publish from any thread.
 */
public final class LogRecords extends Handler {

  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  /** Creates an empty recorder; add it to a logger. */
  public LogRecords() {}

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  /** Every record received so far, in order; a live, thread-safe view. */
  public List<LogRecord> records() {
    return records;
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
