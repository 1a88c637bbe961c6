package dev.traced.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
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
 * Reports what the calling thread pays per operation: {@code caller.cpu}, the CPU time of JMH's
 * worker threads in ns/op, and {@code caller.alloc}, the bytes they allocated in B/op.
 *
 * <p>Why: much of a sampled OpenCensus span's cost runs on its export thread, which on 2 cores
 * competes with the caller for a core and shows up in wall time, and whose allocations JMH's
 * {@code -prof gc} counts too (it sums every thread); in a tight loop that thread also drops spans,
 * so wall time and {@code gc.alloc.rate.norm} mix the caller's cost with the exporter's. These two
 * are the part a traced method's caller pays.
 *
 * <pre>{@code
 * java -jar benchmarks.jar -prof dev.traced.benchmarks.CallerThreadProfiler ...
 * }</pre>
 *
 * <p>{@link BenchmarkReport} adds it. Needs HotSpot's thread CPU time and allocation counters; a
 * JVM without them gets no such results rather than wrong ones. Each iteration counts all the
 * worker's operations (JMH's {@code allOps}), so the first iteration also carries the trial setup:
 * read measurement iterations only, as JMH does.
 */
public final class CallerThreadProfiler implements InternalProfiler {

  /** CPU time result label, as it appears among JMH's secondary results. */
  public static final String CPU = "caller.cpu";

  /** Allocation result label, as it appears among JMH's secondary results. */
  public static final String ALLOC = "caller.alloc";

  private static final String WORKER_MARK = "-jmh-worker-";

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private Map<Long, long[]> before = Map.of();

  @Override
  public String getDescription() {
    return "CPU time and allocation of the benchmark threads per operation (ThreadMXBean)";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    before = workerCounters();
  }

  @Override
  public List<ScalarResult> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    Map<Long, long[]> after = workerCounters();
    long ops = result.getMetadata().getAllOps();
    if (after.isEmpty() || ops <= 0) {
      return List.of();
    }
    long cpu = 0;
    long bytes = 0;
    for (Map.Entry<Long, long[]> worker : after.entrySet()) {
      // A worker started during this iteration has spent all its counters in it.
      long[] start = before.getOrDefault(worker.getKey(), new long[2]);
      cpu += worker.getValue()[0] - start[0];
      bytes += worker.getValue()[1] - start[1];
    }
    List<ScalarResult> results = new ArrayList<>();
    if (cpu >= 0) {
      results.add(new ScalarResult(CPU, (double) cpu / ops, "ns/op", AggregationPolicy.AVG));
    }
    if (bytes >= 0) {
      results.add(new ScalarResult(ALLOC, (double) bytes / ops, "B/op", AggregationPolicy.AVG));
    }
    return results;
  }

  /** CPU ns and allocated bytes of each worker thread; -1 where the JVM cannot tell. */
  private Map<Long, long[]> workerCounters() {
    Map<Long, long[]> counters = new HashMap<>();
    if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
      threads.setThreadCpuTimeEnabled(true);
    }
    com.sun.management.ThreadMXBean hotspot =
        threads instanceof com.sun.management.ThreadMXBean h && h.isThreadAllocatedMemorySupported()
            ? h
            : null;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains(WORKER_MARK)) {
        long id = info.getThreadId();
        long cpu = threads.isThreadCpuTimeSupported() ? threads.getThreadCpuTime(id) : -1;
        long bytes = hotspot == null ? -1 : hotspot.getThreadAllocatedBytes(id);
        counters.put(id, new long[] {cpu, bytes});
      }
    }
    return counters;
  }
}
