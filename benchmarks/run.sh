#!/usr/bin/env bash
# Builds the benchmarks module (and what it needs, from this checkout: never ~/.m2 snapshots) and
# runs every benchmark with the settings in the benchmark classes (10 warmup + 10 measured 1 s
# iterations, one fork each), with -prof gc and the caller CPU/allocation profiler, prints the
# table, then measures export throughput (bursts of 10k and 100k spans).
#
#   benchmarks/run.sh                      # everything, about 7 minutes on 2 cores
#   benchmarks/run.sh 'OpenCensus.*woven'  # a subset: any JMH options or benchmark regex
#   SKIP_BUILD=1 benchmarks/run.sh         # reuse benchmarks/target/benchmarks.jar
#
# The table is also written to benchmarks/target/benchmarks-table.md; JMH's JSON to
# benchmarks/target/jmh-result.json.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  # package, not install: the benchmarks module takes traced-aspects from this reactor build.
  (cd "$root" && mvn -B -ntp -q package -pl benchmarks -am -DskipTests)
fi

# The forks run from here: the OpenTelemetry benchmark finds its agent at target/otel/.
cd "$here"
loopback=(-Dhttp.proxyHost=127.0.0.1 -Dhttp.proxyPort=9 -Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=9)
java "${loopback[@]}" -cp target/benchmarks.jar dev.traced.benchmarks.BenchmarkReport \
  -rf json -rff target/jmh-result.json "$@"

# Export throughput: bursts through the bootstrap's Stackdriver path to a local Cloud Trace
# server, one JVM per burst. THROUGHPUT=0 skips it.
if [ "${THROUGHPUT:-1}" != 0 ]; then
  {
    echo
    echo "Export throughput (bootstrap -> Stackdriver exporter -> Cloud Trace v2 server on 127.0.0.1):"
    echo
    java -cp target/benchmarks.jar dev.traced.benchmarks.ExportThroughput --header
    for burst in 10000 100000; do
      # Status 3: spans lost without the bootstrap's report; the row says so, the run goes on.
      java "${loopback[@]}" -cp target/benchmarks.jar dev.traced.benchmarks.ExportThroughput "$burst" \
        2>/dev/null || [ $? -eq 3 ]
    done
  } | tee -a target/benchmarks-table.md
fi
