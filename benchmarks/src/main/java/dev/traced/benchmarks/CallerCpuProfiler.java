package dev.traced.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports {@code caller.cpu}: the CPU time of the benchmark's own threads (JMH's workers) per
 * operation, in ns/op.
 *
 * <p>Why: much of a sampled OpenCensus span's cost runs on its export thread, which on 2 cores
 * competes with the caller for a core and shows up in wall time; and in a tight loop that thread
 * drops spans, so wall time alone mixes the caller's cost with the exporter's. CPU time of the
 * calling thread is the part a traced method's caller pays.
 *
 * <p>Use: {@code -prof dev.traced.benchmarks.CallerCpuProfiler}; {@link BenchmarkReport} adds it.
 * Needs thread CPU time measurement (HotSpot on Linux has it); without it the profiler reports
 * nothing rather than a wrong number.
 */
public final class CallerCpuProfiler implements InternalProfiler {

  /** Result label, as it appears among JMH's secondary results. */
  public static final String LABEL = "caller.cpu";

  private static final String WORKER_MARK = "-jmh-worker-";

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private Map<Long, Long> before = Map.of();

  @Override
  public String getDescription() {
    return "CPU time of the benchmark threads per operation (ThreadMXBean)";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    before = workerCpuTimes();
  }

  @Override
  public List<ScalarResult> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    Map<Long, Long> after = workerCpuTimes();
    long ops = result.getMetadata().getAllOps();
    if (after.isEmpty() || ops <= 0) {
      return List.of();
    }
    long cpu = 0;
    for (Map.Entry<Long, Long> worker : after.entrySet()) {
      // A worker started during this iteration has spent all its CPU time in it.
      cpu += worker.getValue() - before.getOrDefault(worker.getKey(), 0L);
    }
    return List.of(new ScalarResult(LABEL, (double) cpu / ops, "ns/op", AggregationPolicy.AVG));
  }

  private Map<Long, Long> workerCpuTimes() {
    Map<Long, Long> times = new HashMap<>();
    if (!threads.isThreadCpuTimeSupported()) {
      return times;
    }
    if (!threads.isThreadCpuTimeEnabled()) {
      threads.setThreadCpuTimeEnabled(true);
    }
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains(WORKER_MARK)) {
        long cpu = threads.getThreadCpuTime(info.getThreadId());
        if (cpu >= 0) {
          times.put(info.getThreadId(), cpu);
        }
      }
    }
    return times;
  }
}
