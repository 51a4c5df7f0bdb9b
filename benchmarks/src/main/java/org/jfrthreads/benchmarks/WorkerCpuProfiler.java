package org.jfrthreads.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports, per measurement iteration, the CPU time of JMH's worker threads per operation ({@code
 * ·cpu.ns/op}), beside JMH's wall-clock time per operation. On a machine shared with other work the
 * wall clock also counts the time the worker waited for a processor; its CPU time does not (it
 * still pays for the caches the other work leaves cold).
 *
 * <pre>
 * java -jar benchmarks.jar TraceScopeBenchmark -prof org.jfrthreads.benchmarks.WorkerCpuProfiler
 * </pre>
 */
public final class WorkerCpuProfiler implements InternalProfiler {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private Map<Long, Long> before = Map.of();

  @Override
  public String getDescription() {
    return "CPU time of the JMH worker threads per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    before = workerCpuNanos();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    Map<Long, Long> after = workerCpuNanos();
    long cpuNanos = 0;
    for (Map.Entry<Long, Long> worker : after.entrySet()) {
      Long start = before.get(worker.getKey());
      if (start != null) {
        cpuNanos += worker.getValue() - start;
      }
    }
    long ops = result.getMetadata().getMeasuredOps();
    List<Result> results = new ArrayList<>();
    if (ops > 0 && cpuNanos > 0) {
      results.add(
          new ScalarResult("cpu.ns/op", (double) cpuNanos / ops, "ns/op", AggregationPolicy.AVG));
    }
    return results;
  }

  private static Map<Long, Long> workerCpuNanos() {
    Map<Long, Long> cpu = new HashMap<>();
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains("jmh-worker")) {
        long nanos = THREADS.getThreadCpuTime(info.getThreadId());
        if (nanos >= 0) {
          cpu.put(info.getThreadId(), nanos);
        }
      }
    }
    return cpu;
  }
}
