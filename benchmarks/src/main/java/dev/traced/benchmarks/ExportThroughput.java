package dev.traced.benchmarks;

import dev.traced.bootstrap.ExporterKind;
import dev.traced.bootstrap.HostAndPort;
import dev.traced.bootstrap.SamplerSetting;
import dev.traced.bootstrap.TracedBootstrap;
import dev.traced.bootstrap.TracedSettings;
import dev.traced.export.ExportPipeline;
import dev.traced.testing.FakeCloudTrace;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Export throughput: one burst of woven {@code @Traced} calls, as fast as the caller can make
 * them, through the bootstrap's Stackdriver path to a Cloud Trace v2 server on 127.0.0.1; prints
 * one Markdown row with spans/s delivered and the spans lost, as the bootstrap reported them.
 *
 * <pre>{@code
 * cd benchmarks && java -cp target/benchmarks.jar dev.traced.benchmarks.ExportThroughput 10000
 * }</pre>
 *
 * <p>One burst per JVM: OpenCensus' exporter and its drop counter are global. Sampler always, so
 * every call makes an exported span. Spans/s counts from the first call of the burst until
 * {@link TracedBootstrap#close()} has delivered what it could. Exits with {@value #SILENT_LOSS}
 * if spans were lost that the bootstrap did not report (drops must never be silent), with 1 if it
 * failed to run.
 */
public final class ExportThroughput {

  /** Header of the rows {@link #main} prints. */
  static final String HEADER =
      "| burst (spans) | caller: ms to end the burst | ms until delivered | delivered |"
          + " spans/s delivered | dropped by OpenCensus' queue | bootstrap's loss report |\n"
          + "|---:|---:|---:|---:|---:|---:|---|";

  /** Exit status when spans were lost without the bootstrap's report. */
  static final int SILENT_LOSS = 3;

  private static final Pattern REPORTED = Pattern.compile("\\[traced\\] (\\d+) spans were not delivered");

  private ExportThroughput() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 1 && args[0].equals("--header")) {
      System.out.println(HEADER);
      return;
    }
    int burst = Integer.parseInt(args[0]);
    Targets.Woven target = new Targets.Woven();
    String row;
    boolean silentLoss;
    try (FakeCloudTrace cloudTrace = FakeCloudTrace.start()) {
      TracedSettings settings =
          TracedSettings.builder()
              .exporters(ExporterKind.STACKDRIVER)
              .sampler(SamplerSetting.ALWAYS)
              .projectId("traced-bench")
              .emulatorHost(new HostAndPort("127.0.0.1", cloudTrace.port()))
              .flushTimeout(Duration.ofSeconds(60))
              .build();
      TracedBootstrap bootstrap = TracedBootstrap.start(settings);
      // The first export opens the connection (about a second); keep it out of the burst.
      target.work("warm-up");
      bootstrap.flush();
      int before = cloudTrace.spans().size();
      long droppedBefore = ExportPipeline.droppedSpans();

      long start = System.nanoTime();
      for (int i = 0; i < burst; i++) {
        target.work("burst");
      }
      long ended = System.nanoTime();
      bootstrap.close();
      long delivered = System.nanoTime();

      int received = cloudTrace.spans().size() - before;
      long dropped = ExportPipeline.droppedSpans() - droppedBefore;
      String report = bootstrap.lossReport();
      long reported = 0;
      if (report != null) {
        Matcher matcher = REPORTED.matcher(report);
        reported = matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
      }
      silentLoss = burst - received > reported;
      double seconds = (delivered - start) / 1e9;
      row =
          String.format(
              Locale.ROOT,
              "| %,d | %.0f | %.0f | %,d | %,.0f | %,d | %s |",
              burst,
              (ended - start) / 1e6,
              (delivered - start) / 1e6,
              received,
              received / seconds,
              dropped,
              report == null ? "none (nothing lost)" : report.replace("|", "/"));
      if (silentLoss) {
        row +=
            String.format(
                Locale.ROOT,
                "%n%d spans lost WITHOUT a report (bootstrap counted %d delivered; the server got"
                    + " %d calls, answered %d)",
                burst - received - reported,
                bootstrap.deliveredSpans(),
                cloudTrace.calls(),
                cloudTrace.requests().size());
      }
    }
    System.out.println(row);
    System.out.flush();
    // OpenCensus' and gRPC's threads must not keep the JVM alive.
    System.exit(silentLoss ? SILENT_LOSS : 0);
  }
}
