package org.jfrthreads.exporter;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
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

  private final CollectorGroup families;

  OverheadCollector(Supplier<OverheadGovernor.State> state) {
    Objects.requireNonNull(state, "state");
    this.families =
        new CollectorGroup(
            List.of(
                GaugeWithCallback.builder()
                    .name(LEVEL)
                    .help(
                        "Load shed by the overhead governor: 0 none, 1 virtual-thread lifecycle"
                            + " events, 2 to 4 also blocking under 20, 50, 100 ms.")
                    .callback(callback -> callback.call(state.get().level()))
                    .build(),
                GaugeWithCallback.builder()
                    .name(BUDGET)
                    .help(
                        "The CPU budget of watching, a share of all available processors; 0: not"
                            + " enforced.")
                    .unit(Unit.RATIO)
                    .callback(callback -> callback.call(state.get().budget()))
                    .build(),
                GaugeWithCallback.builder()
                    .name(USAGE)
                    .help(
                        "CPU used by watching over the governor's last check interval, a share of"
                            + " all available processors.")
                    .unit(Unit.RATIO)
                    .callback(callback -> callback.call(state.get().usageRatio()))
                    .build(),
                CounterWithCallback.builder()
                    .name(CPU)
                    .help(
                        "CPU time used by watching, by part: dispatch (JFR parsing and the"
                            + " analysis), sampler, dump.")
                    .unit(Unit.SECONDS)
                    .labelNames("part")
                    .callback(
                        callback -> {
                          OverheadGovernor.State now = state.get();
                          callback.call(Unit.nanosToSeconds(now.cpu().dispatchNanos()), "dispatch");
                          callback.call(Unit.nanosToSeconds(now.cpu().samplerNanos()), "sampler");
                          callback.call(Unit.nanosToSeconds(now.cpu().dumpNanos()), "dump");
                        })
                    .build(),
                CounterWithCallback.builder()
                    .name(STEPS)
                    .help("Steps of the overhead governor, by direction.")
                    .labelNames("direction")
                    .callback(
                        callback -> {
                          OverheadGovernor.State now = state.get();
                          callback.call(now.stepsUp(), "up");
                          callback.call(now.stepsDown(), "down");
                        })
                    .build()));
  }

  @Override
  public MetricSnapshots collect() {
    return families.collect();
  }

  @Override
  public MetricSnapshots collect(Predicate<String> includedNames) {
    return families.collect(includedNames);
  }

  @Override
  public List<MetricFamilyDescriptor> getMetricFamilyDescriptors() {
    return families.getMetricFamilyDescriptors();
  }
}
