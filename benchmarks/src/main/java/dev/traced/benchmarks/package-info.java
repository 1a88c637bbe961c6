/**
 * JMH benchmarks of a woven {@code @Traced} against hand-written OpenCensus code and the peers
 * (OpenCensus' Spring AOP {@code @Traced}, OpenTelemetry's {@code @WithSpan} through its java
 * agent). Every benchmark runs the same tiny body, {@link dev.traced.benchmarks.Body#work}.
 *
 * <p>Run them with {@code benchmarks/run.sh}; {@link dev.traced.benchmarks.BenchmarkReport}
 * prints the table with ratios. See {@code benchmarks/README.md}.
 */
package dev.traced.benchmarks;
