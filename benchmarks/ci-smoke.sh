#!/usr/bin/env bash
# CI: runs every benchmark once with minimal settings so the benchmarks cannot rot. Not a
# measurement and no pass/fail on numbers (2 cores are too noisy): it fails only if a benchmark
# fails to run (a fork that dies, a setup check that finds the code not woven or not proxied, a
# missing OpenTelemetry agent). Builds nothing:
# `mvn verify` has packaged benchmarks/target/benchmarks.jar and copied the agent to
# benchmarks/target/otel/.
# About 20 s on 2 cores.
set -euo pipefail
cd "$(dirname "$0")"

for needed in target/benchmarks.jar target/otel/opentelemetry-javaagent.jar; do
  if [ ! -f "$needed" ]; then
    echo "ci-smoke: benchmarks/$needed is missing; run 'mvn -B verify' first." >&2
    exit 1
  fi
done

loopback=(-Dhttp.proxyHost=127.0.0.1 -Dhttp.proxyPort=9 -Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=9)

# -foe true: the first failing benchmark stops the run and BenchmarkReport exits with 1.
java "${loopback[@]}" -cp target/benchmarks.jar dev.traced.benchmarks.BenchmarkReport \
  -f 1 -wi 0 -i 1 -w 100ms -r 100ms -foe true

# Export throughput, both bursts. A burst that fails to run fails CI. Spans lost without the
# bootstrap's report (exit status 3) are printed loudly; they fail CI only with STRICT_LOSS=1:
# the bootstrap's close() used to lose a batch silently under CPU load (fixed in main, see
# benchmarks/README.md), and CI should not flip on a race until the fix has held.
java -cp target/benchmarks.jar dev.traced.benchmarks.ExportThroughput --header
for burst in 10000 100000; do
  status=0
  java "${loopback[@]}" -cp target/benchmarks.jar dev.traced.benchmarks.ExportThroughput "$burst" \
    || status=$?
  if [ "$status" -eq 3 ]; then
    echo "ci-smoke: WARNING: spans of the $burst-span burst were lost without the bootstrap's report" >&2
    if [ "${STRICT_LOSS:-0}" = 1 ]; then
      exit 3
    fi
  elif [ "$status" -ne 0 ]; then
    exit "$status"
  fi
done
