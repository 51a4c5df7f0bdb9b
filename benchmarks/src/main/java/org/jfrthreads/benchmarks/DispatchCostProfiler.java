package org.jfrthreads.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports, per measurement iteration of {@link LiveOverheadBenchmark}, the dispatch thread's CPU
 * per JFR event received ({@code ·dispatch.ns/event}) and the overhead governor's level ({@code
 * ·governor.level}), as JMH secondary results with their own error across iterations and forks.
 *
 * <pre>
 * java -jar benchmarks.jar LiveOverheadBenchmark -prof org.jfrthreads.benchmarks.DispatchCostProfiler
 * </pre>
 */
public final class DispatchCostProfiler implements InternalProfiler {

  private long[] before;

  @Override
  public String getDescription() {
    return "dispatch thread CPU per JFR event, and the overhead governor's level";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    LiveOverheadBenchmark.DispatchProbe probe = LiveOverheadBenchmark.probe;
    before = probe == null ? null : probe.atFlush();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    LiveOverheadBenchmark.DispatchProbe probe = LiveOverheadBenchmark.probe;
    List<Result> results = new ArrayList<>();
    if (probe == null) {
      return results;
    }
    if (probe.measuresDispatch() && before != null) {
      long[] after = probe.atFlush();
      long events = after[1] - before[1];
      if (events > 0) {
        results.add(
            new ScalarResult(
                "dispatch.ns/event",
                (double) (after[0] - before[0]) / events,
                "ns/event",
                AggregationPolicy.AVG));
      }
    } else if (!probe.measuresDispatch()) {
      results.add(
          new ScalarResult(
              "governor.level", probe.governorLevel(), "level", AggregationPolicy.AVG));
    }
    return results;
  }
}
