package dev.traced.bootstrap;

import dev.traced.export.ExportPipeline;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Tests in one JVM share OpenCensus' export pipeline: spans an earlier test ended (including the
 * ones Google's HTTP client records for its own requests) would reach the next test's exporters.
 * Delivering them while no exporter is registered drops them.
 */
final class LeftoverSpans {

  private LeftoverSpans() {}

  static void discard() throws TimeoutException {
    ExportPipeline.deliverEnded(Duration.ofSeconds(10));
  }
}
