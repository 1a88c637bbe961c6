package dev.traced.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks with {@code -prof gc} and {@link CallerThreadProfiler}, then prints one
 * Markdown table: ns/op, caller CPU ns/op, B/op and each row's ratio to the hand-written
 * OpenCensus row of the same sampling from the same run, followed by the targets.
 *
 * <pre>{@code
 * cd benchmarks && java -cp target/benchmarks.jar dev.traced.benchmarks.BenchmarkReport [JMH options]
 * }</pre>
 *
 * <p>Takes JMH's own command line (a benchmark regex, {@code -wi}, {@code -i}, ...). Writes the
 * table to {@code target/benchmarks-table.md} too. Exits with 1 if a benchmark failed to run
 * (with {@code -foe true}); missed targets are reported, never a failure: 2 cores are too noisy to
 * gate on.
 */
public final class BenchmarkReport {

  private static final String OC = "dev.traced.benchmarks.OpenCensusBenchmarks.";
  private static final String ASYNC = "dev.traced.benchmarks.AsyncBenchmarks.";
  private static final String HAND_OFF = "dev.traced.benchmarks.HandOffBenchmarks.";
  private static final String SAMPLED = "sampled";
  private static final String UNSAMPLED = "unsampled";

  /** One row of the table: what it measures and which hand-written row it is compared with. */
  private record Row(String benchmark, String label, String reference) {}

  private static final List<Row> ROWS =
      List.of(
          new Row(OC + "handWritten", "hand-written OpenCensus `startScopedSpan`", "handWritten"),
          new Row(
              OC + "handWrittenLocalStore",
              "hand-written, ended with `sampleToLocalSpanStore` (as the aspect does with zPages on)",
              "handWritten"),
          new Row(OC + "woven", "woven `@Traced`", "handWritten"),
          new Row(OC + "wovenNamed", "woven `@Traced(name = ..)`", "handWritten"),
          new Row(OC + "springAop", "Spring AOP `@Traced` (opencensus-contrib-spring)", "handWritten"),
          new Row(
              "dev.traced.benchmarks.OtelBenchmark.withSpan",
              "OpenTelemetry `@WithSpan` (java agent, always_on)",
              "handWritten"),
          new Row(
              OC + "handWrittenAnnotated",
              "hand-written + `addAnnotation` (len, use)",
              "handWrittenAnnotated"),
          new Row(OC + "wovenAnnotated", "woven `@Traced` + `@Annotate` (len, use)", "handWrittenAnnotated"),
          new Row(
              ASYNC + "asyncHandWritten",
              "hand-written async: completed future, span ended in `whenComplete`",
              ASYNC + "asyncHandWritten"),
          new Row(
              ASYNC + "asyncWoven",
              "woven async `@Traced` returning a completed future",
              ASYNC + "asyncHandWritten"));

  /** Hand-offs run with a span current and no sampling parameter. */
  private static final List<Row> HAND_OFF_ROWS =
      List.of(
          new Row(
              HAND_OFF + "handOffPlain",
              "executor hand-off, context not carried",
              HAND_OFF + "handOffWrappedByHand"),
          new Row(
              HAND_OFF + "handOffWrappedByHand",
              "executor hand-off, `Context.current().wrap(task)` by hand",
              HAND_OFF + "handOffWrappedByHand"),
          new Row(
              HAND_OFF + "handOffCarried",
              "executor hand-off, carried by the woven ContextCarrying",
              HAND_OFF + "handOffWrappedByHand"));

  private static final Row PLAIN =
      new Row("dev.traced.benchmarks.PlainBenchmark.plain", "plain call (no tracing)", null);

  /** The measured numbers of one benchmark and sampling. */
  private record Measured(double ns, double error, double cpu, double bytes, double allBytes) {}

  private BenchmarkReport() {}

  public static void main(String[] args) throws IOException {
    Options options;
    try {
      options =
          new OptionsBuilder()
              .parent(new CommandLineOptions(args))
              .addProfiler(GCProfiler.class)
              .addProfiler(CallerThreadProfiler.class)
              .build();
    } catch (CommandLineOptionException e) {
      System.err.println("Bad JMH options: " + e.getMessage());
      System.exit(2);
      return;
    }
    Collection<RunResult> results;
    try {
      results = new Runner(options).run();
    } catch (RunnerException e) {
      System.err.println("A benchmark failed to run: " + e.getMessage());
      e.printStackTrace();
      System.exit(1);
      return;
    }
    String report = render(index(results));
    System.out.println();
    System.out.println(report);
    Path out = Paths.get("target", "benchmarks-table.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report, StandardCharsets.UTF_8);
    System.out.println("(written to " + out.toAbsolutePath() + ")");
  }

  /** Results by "benchmark|sampling"; the OpenTelemetry row (always_on) counts as sampled. */
  private static Map<String, Measured> index(Collection<RunResult> results) {
    Map<String, Measured> measured = new HashMap<>();
    for (RunResult run : results) {
      String benchmark = run.getParams().getBenchmark();
      String sampling = run.getParams().getParam("sampling");
      if (sampling == null) {
        sampling =
            benchmark.equals(PLAIN.benchmark()) || benchmark.startsWith(HAND_OFF) ? "" : SAMPLED;
      }
      Result<?> primary = run.getPrimaryResult();
      measured.put(
          benchmark + "|" + sampling,
          new Measured(
              primary.getScore(),
              primary.getScoreError(),
              secondary(run, CallerThreadProfiler.CPU),
              secondary(run, CallerThreadProfiler.ALLOC),
              secondary(run, "gc.alloc.rate.norm")));
    }
    return measured;
  }

  // JMH's getSecondaryResults() returns Map<String, Result> with a raw Result.
  @SuppressWarnings("rawtypes")
  private static double secondary(RunResult run, String label) {
    for (Map.Entry<String, Result> entry : run.getSecondaryResults().entrySet()) {
      if (entry.getKey().endsWith(label)) {
        return entry.getValue().getScore();
      }
    }
    return Double.NaN;
  }

  static String render(Map<String, Measured> measured) {
    StringBuilder out = new StringBuilder();
    out.append("Machine: ").append(machine()).append('\n');
    out.append("Run: ").append(Instant.now()).append('\n').append('\n');
    out.append(
        "| benchmark | sampling | ns/op | ± (99.9%) | caller CPU ns/op | caller B/op |"
            + " all threads B/op | ns/op ratio | CPU ratio | compared with |\n");
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
    appendRow(out, measured, PLAIN, "", null);
    for (Row row : HAND_OFF_ROWS) {
      appendRow(out, measured, row, "", row.reference());
    }
    for (String sampling : List.of(SAMPLED, UNSAMPLED)) {
      for (Row row : ROWS) {
        if (measured.containsKey(row.benchmark() + "|" + sampling)) {
          String reference = row.reference();
          appendRow(out, measured, row, sampling, reference.contains(".") ? reference : OC + reference);
        }
      }
    }
    out.append('\n').append("Targets (ratios from this run; time targets by wall time and by caller CPU):\n");
    for (String sampling : List.of(SAMPLED, UNSAMPLED)) {
      double limit = sampling.equals(SAMPLED) ? 1.05 : 1.10;
      Measured woven = measured.get(OC + "woven|" + sampling);
      Measured hand = measured.get(OC + "handWritten|" + sampling);
      timeTarget(out, "woven / hand-written ≤ " + limit + ", " + sampling, woven, hand, r -> r <= limit);
      target(out, "woven / hand-written caller B/op ≤ 1, " + sampling,
          ratio(woven, hand, BenchmarkReport::wholeBytes), r -> r <= 1.0);
    }
    Measured annotatedUnsampled = measured.get(OC + "wovenAnnotated|" + UNSAMPLED);
    timeTarget(out, "woven `@Annotate` / hand-written + addAnnotation < 1, unsampled",
        annotatedUnsampled, measured.get(OC + "handWrittenAnnotated|" + UNSAMPLED), r -> r < 1.0);
    target(out, "woven `@Annotate` / woven `@Traced` caller B/op ≤ 1 (builds nothing), unsampled",
        ratio(annotatedUnsampled, measured.get(OC + "woven|" + UNSAMPLED), BenchmarkReport::wholeBytes),
        r -> r <= 1.0);
    timeTarget(out, "Spring AOP / woven ≥ 3, unsampled",
        measured.get(OC + "springAop|" + UNSAMPLED), measured.get(OC + "woven|" + UNSAMPLED), r -> r >= 3.0);
    timeTarget(out, "Spring AOP / woven ≥ 1.3, sampled",
        measured.get(OC + "springAop|" + SAMPLED), measured.get(OC + "woven|" + SAMPLED), r -> r >= 1.3);
    timeTarget(out, "OpenTelemetry `@WithSpan` / woven ≥ 1.5, sampled",
        measured.get("dev.traced.benchmarks.OtelBenchmark.withSpan|" + SAMPLED),
        measured.get(OC + "woven|" + SAMPLED), r -> r >= 1.5);
    for (String sampling : List.of(SAMPLED, UNSAMPLED)) {
      timeTarget(out, "async woven / hand-written ≤ 1.10, " + sampling,
          measured.get(ASYNC + "asyncWoven|" + sampling),
          measured.get(ASYNC + "asyncHandWritten|" + sampling), r -> r <= 1.10);
    }
    timeTarget(out, "hand-off carried by the aspect / wrapped by hand ≤ 1",
        measured.get(HAND_OFF + "handOffCarried|"),
        measured.get(HAND_OFF + "handOffWrappedByHand|"), r -> r <= 1.0);
    return out.toString();
  }

  private static void appendRow(
      StringBuilder out, Map<String, Measured> measured, Row row, String sampling, String reference) {
    Measured m = measured.get(row.benchmark() + "|" + sampling);
    if (m == null) {
      return;
    }
    Measured ref = reference == null ? null : measured.get(reference + "|" + sampling);
    String shortName = row.benchmark().substring(row.benchmark().lastIndexOf('.', row.benchmark().lastIndexOf('.') - 1) + 1);
    out.append(String.format(Locale.ROOT,
        "| %s <br>`%s` | %s | %.1f | %.1f | %s | %s | %s | %s | %s | %s |%n",
        row.label(), shortName, sampling.isEmpty() ? "–" : sampling, m.ns(), m.error(),
        number(m.cpu(), "%.1f"), number(m.bytes(), "%.0f"), number(m.allBytes(), "%.0f"),
        number(ratio(m, ref, Measured::ns), "%.2f"), number(ratio(m, ref, Measured::cpu), "%.2f"),
        ref == null ? "–" : reference.substring(reference.lastIndexOf('.') + 1) + " " + sampling));
  }

  private static double ratio(Measured m, Measured ref, java.util.function.ToDoubleFunction<Measured> value) {
    if (m == null || ref == null) {
      return Double.NaN;
    }
    return value.applyAsDouble(m) / value.applyAsDouble(ref);
  }

  private static void target(
      StringBuilder out, String what, double ratio, java.util.function.DoublePredicate met) {
    out.append(String.format(Locale.ROOT, "- %s: %s → %s%n", what, number(ratio, "%.2f"),
        verdict(ratio, met)));
  }

  /** Caller B/op in whole bytes: the average carries fractions of a byte of JMH's own work. */
  private static double wholeBytes(Measured m) {
    return Math.round(m.bytes());
  }

  private static void timeTarget(StringBuilder out, String what, Measured m, Measured ref,
      java.util.function.DoublePredicate met) {
    double wall = ratio(m, ref, Measured::ns);
    double cpu = ratio(m, ref, Measured::cpu);
    out.append(String.format(Locale.ROOT, "- %s: ns/op %s → %s; caller CPU %s → %s%n", what,
        number(wall, "%.2f"), verdict(wall, met), number(cpu, "%.2f"), verdict(cpu, met)));
  }

  private static String verdict(double ratio, java.util.function.DoublePredicate met) {
    return Double.isNaN(ratio) ? "not measured" : met.test(ratio) ? "met" : "MISSED";
  }

  private static String number(double value, String format) {
    return Double.isNaN(value) || Double.isInfinite(value) ? "n/a" : String.format(Locale.ROOT, format, value);
  }

  private static String machine() {
    String cpu = "unknown CPU";
    try (Stream<String> lines = Files.lines(Paths.get("/proc/cpuinfo"))) {
      cpu = lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst().orElse(cpu);
    } catch (IOException | RuntimeException e) {
      // Not Linux: the CPU model stays unknown.
    }
    List<String> parts = new ArrayList<>();
    parts.add(Runtime.getRuntime().availableProcessors() + " CPUs");
    parts.add(cpu);
    parts.add(System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    parts.add(System.getProperty("os.name") + " " + System.getProperty("os.version"));
    return String.join(", ", parts);
  }
}
