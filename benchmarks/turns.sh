#!/usr/bin/env bash
# Runs LiveOverheadBenchmark's configurations taking turns, one fork each per round, so that the
# machine's drift falls on all of them alike; then prints the ratios (benchmarks/ratio.py).
#
#   benchmarks/turns.sh [ROUNDS] [OUT]    default 5 rounds, results in benchmarks/results/turns/
#
# Each round: the request-like load with an empty-handler RecordingStream, the pipeline without a
# budget, nothing, JfrThreads at its default budget; pure churn with nothing and JfrThreads. The
# governed runs warm up 7 x 5 s, past the governor's step and the stream's backlog. About 4
# minutes a round. Build the jar first: mvn -pl benchmarks -am package -DskipTests.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jar="$root/benchmarks/target/benchmarks.jar"
rounds="${1:-5}"
out="${2:-$root/benchmarks/results/turns}"
mkdir -p "$out"

run() { # name benchmark recording warmup-iterations
  local prof=()
  [[ "$3" == governed ]] && prof=(-prof org.jfrthreads.benchmarks.DispatchCostProfiler)
  echo "$(date -u +%H:%M:%S) $1 round $round, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/log"
  "$java" -jar "$jar" "LiveOverheadBenchmark.$2" -p recording="$3" "${prof[@]}" -f 1 -wi "$4" -w 5s \
    -i 5 -r 2s -foe true -rf json -rff "$out/$1-$round.json" > "$out/$1-$round.txt" 2>&1
}

for round in $(seq 1 "$rounds"); do
  run rl-stream requestLike stream 4
  run rl-pipeline requestLike pipeline 4
  run rl-none requestLike none 4
  run rl-governed requestLike governed 7
  run churn-none virtualThreadChurn none 4
  run churn-governed virtualThreadChurn governed 7
done
for pair in "rl-stream rl-pipeline" "rl-none rl-governed" "churn-none churn-governed"; do
  python3 "$root/benchmarks/ratio.py" "$out" $pair "$rounds"
done | tee "$out/ratios.txt"
