package org.jfrthreads.exporter;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What watching costs and what the overhead governor did about it, as of the governor's last check
 * (every 5 s by default). A scrape reads one volatile reference. Sample output:
 *
 * <pre>
 * jfr_threads_governor_level 1.0
 * jfr_threads_cpu_budget_ratio 0.01
 * jfr_threads_cpu_usage_ratio 0.0012
 * jfr_threads_cpu_seconds_total{part="dispatch"} 7.41
 * jfr_threads_governor_steps_total{direction="up"} 1
 * </pre>
 */
final class OverheadCollector implements MultiCollector {

  static final String LEVEL = "jfr_threads_governor_level";
  static final String BUDGET = "jfr_threads_cpu_budget_ratio";
  static final String USAGE = "jfr_threads_cpu_usage_ratio";
  static final String CPU = "jfr_threads_cpu_seconds";
  static final String STEPS = "jfr_threads_governor_steps";

  private final Supplier<OverheadGovernor.State> state;

  OverheadCollector(Supplier<OverheadGovernor.State> state) {
    this.state = Objects.requireNonNull(state, "state");
  }

  @Override
  public MetricSnapshots collect() {
    OverheadGovernor.State now = state.get();
    return new MetricSnapshots(
        gauge(
            LEVEL,
            "Load shed by the overhead governor: 0 none, 1 virtual-thread lifecycle events, 2 to 4"
                + " also blocking under 20, 50, 100 ms.",
            now.level(),
            null),
        gauge(
            BUDGET,
            "The CPU budget of watching, a share of all available processors; 0: not enforced.",
            now.budget(),
            Unit.RATIO),
        gauge(
            USAGE,
            "CPU used by watching over the governor's last check interval, a share of all"
                + " available processors.",
            now.usageRatio(),
            Unit.RATIO),
        new CounterSnapshot(
            new MetricMetadata(
                CPU,
                "CPU time used by watching, by part: dispatch (JFR parsing and the analysis),"
                    + " sampler, dump.",
                Unit.SECONDS),
            List.of(
                cpu(now.cpu().dispatchNanos(), "dispatch"),
                cpu(now.cpu().samplerNanos(), "sampler"),
                cpu(now.cpu().dumpNanos(), "dump"))),
        new CounterSnapshot(
            new MetricMetadata(STEPS, "Steps of the overhead governor, by direction."),
            List.of(
                new CounterDataPointSnapshot(now.stepsUp(), Labels.of("direction", "up"), null, 0L),
                new CounterDataPointSnapshot(
                    now.stepsDown(), Labels.of("direction", "down"), null, 0L))));
  }

  @Override
  public List<String> getPrometheusNames() {
    return List.of(LEVEL, BUDGET, USAGE, CPU, STEPS);
  }

  private static GaugeSnapshot gauge(String name, String help, double value, Unit unit) {
    return new GaugeSnapshot(
        unit == null ? new MetricMetadata(name, help) : new MetricMetadata(name, help, unit),
        List.of(new GaugeDataPointSnapshot(value, Labels.EMPTY, null)));
  }

  private static CounterDataPointSnapshot cpu(long nanos, String part) {
    return new CounterDataPointSnapshot(
        Unit.nanosToSeconds(nanos), Labels.of("part", part), null, 0L);
  }
}
