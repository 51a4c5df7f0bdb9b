#!/usr/bin/env bash
# Builds benchmarks/target/benchmarks.jar and runs the JMH suite, then writes the Markdown table.
#
#   benchmarks/run.sh             the full suite: JSON in benchmarks/results/, table in
#                                 benchmarks/RESULTS.md. Run it on a quiet machine.
#   benchmarks/run.sh --smoke     every benchmark once, ~1 s each, to prove they still work (no
#                                 timing is checked): JSON and SMOKE.md in benchmarks/results/smoke/.
#   --no-build                    use the jar as it is.
#
# Needs a JDK 21+: $JAVA_HOME, or `java` on the PATH. Maven builds the jar (never `mvn install`).
set -euo pipefail

mode=full
build=true
for arg in "$@"; do
  case "$arg" in
    --smoke) mode=smoke ;;
    --no-build) build=false ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "$arg: unknown option. Expecting --smoke, --no-build or --help." >&2; exit 2 ;;
  esac
done

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if [[ -n "${JAVA_HOME:-}" ]]; then
  java="$JAVA_HOME/bin/java"
else
  java="$(command -v java || true)"
fi
if [[ -z "$java" || ! -x "$java" ]]; then
  echo "no java found: set JAVA_HOME to a JDK 21+ (for example /usr/lib/jvm/temurin-25-jdk-amd64)." >&2
  exit 1
fi
feature="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
if [[ -z "$feature" || "$feature" -lt 21 ]]; then
  echo "$java is Java ${feature:-of unknown version}: the benchmarks need 21+. Set JAVA_HOME to a JDK 21+ (for example /usr/lib/jvm/temurin-25-jdk-amd64)." >&2
  exit 1
fi
export JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$java")")")}"

jar=benchmarks/target/benchmarks.jar
if $build; then
  mvn -B -q -pl benchmarks -am package -DskipTests
fi
if [[ ! -f "$jar" ]]; then
  echo "$jar: not built. Run without --no-build." >&2
  exit 1
fi

# JMH reads its own fields through sun.misc.Unsafe; JDK 23+ warns about it on every fork.
jvm_flags=()
if [[ "$feature" -ge 23 ]]; then
  jvm_flags=(--sun-misc-unsafe-memory-access=allow)
fi
jmh=("$java" "${jvm_flags[@]}" -jar "$jar" -foe true -prof gc)
if [[ ${#jvm_flags[@]} -gt 0 ]]; then
  jmh+=(-jvmArgsAppend "${jvm_flags[*]}")
fi

if [[ "$mode" == smoke ]]; then
  out=benchmarks/results/smoke
  # One fork, no warmup, one 1 s iteration; 100 parked threads only, the workloads at one
  # threshold only.
  quick=(-f 1 -wi 0 -i 1 -r 1s)
  runs=(
    "-e WorkloadOverheadBenchmark -e LiveOverheadBenchmark -p threads=100 ${quick[*]} -rf json -rff $out/jmh-main.json"
    "WorkloadOverheadBenchmark -p thresholdMs=10 ${quick[*]} -rf json -rff $out/jmh-workload.json"
    "LiveOverheadBenchmark ${quick[*]} -prof org.jfrthreads.benchmarks.DispatchCostProfiler -rf json -rff $out/jmh-live.json"
  )
  table=$out/SMOKE.md
  title="Benchmark smoke run (one 1 s iteration, no warmup: not a measurement)"
else
  out=benchmarks/results
  runs=(
    "-e WorkloadOverheadBenchmark -e LiveOverheadBenchmark -rf json -rff $out/jmh-main.json"
    "WorkloadOverheadBenchmark -p recording=none -p thresholdMs=0 -rf json -rff $out/jmh-workload-none.json"
    "WorkloadOverheadBenchmark -p recording=jfr,pipeline -rf json -rff $out/jmh-workload-recorded.json"
    "LiveOverheadBenchmark -prof org.jfrthreads.benchmarks.DispatchCostProfiler -rf json -rff $out/jmh-live.json"
  )
  table=benchmarks/RESULTS.md
  title="Benchmark results"
fi
mkdir -p "$out"
rm -f "$out"/jmh-*.json

started=$(date +%s)
commands=(--command "benchmarks/run.sh${*:+ $*}")
files=()
for run in "${runs[@]}"; do
  # shellcheck disable=SC2206 # each run is a list of plain words
  args=($run)
  echo ">>> ${jmh[*]} ${args[*]}"
  "${jmh[@]}" "${args[@]}"
  commands+=(--command "java -jar $jar -foe true -prof gc ${args[*]}")
  files+=("${args[-1]}")
done

# Retained heap is not a JMH measurement: a harness of its own, after full collections.
heap_args=()
if [[ "$mode" == smoke ]]; then
  heap_args=(--smoke)
fi
heap_command=("$java" "${jvm_flags[@]}" -Xmx2g -cp "$jar" org.jfrthreads.benchmarks.memory.RetainedHeap "${heap_args[@]}")
echo ">>> ${heap_command[*]}"
heap_report="$out/retained-heap.md"
"${heap_command[@]}" > "$heap_report"
commands+=(--command "java -Xmx2g -cp $jar org.jfrthreads.benchmarks.memory.RetainedHeap${heap_args[*]:+ ${heap_args[*]}}")

"$java" -cp "$jar" org.jfrthreads.benchmarks.report.ResultsTable \
  --out "$table" --title "$title" "${commands[@]}" "${files[@]}"
{ echo; cat "$heap_report"; } >> "$table"
echo "$mode run finished in $(( $(date +%s) - started )) s"
