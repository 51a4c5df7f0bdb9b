package org.jfrthreads.benchmarks.profile;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import jdk.jfr.Recording;
import org.jfrthreads.benchmarks.workload.VirtualThreadChurn;
import org.jfrthreads.exporter.JfrThreads;
import org.jfrthreads.stream.ThreadEventSettings;

/**
 * What the overhead governor does under pure virtual-thread churn, and what the churn pays for at
 * each moment: churn runs unwatched, then under a plain JFR recording of the settings the governor
 * sheds to (virtual-thread lifecycle off: JFR's own floor at level 1), then watched by {@link
 * JfrThreads} at its default CPU budget. Every 5 s it prints the churn's throughput (runs of 1,000
 * virtual threads per second) beside the governor's level, the library's CPU, the events the stream
 * received and its delivery lag, as a Markdown table.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.jfrthreads.benchmarks.profile.GovernorTimeline [governedSeconds]
 * </pre>
 */
public final class GovernorTimeline {

  private static final long STEP_NANOS = 5_000_000_000L;
  private static final int BASELINE_SECONDS = 20;

  public static void main(String[] args) throws Exception {
    int governedSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 180;
    VirtualThreadChurn churn = new VirtualThreadChurn();
    System.out.printf(
        Locale.ROOT,
        "%d processors, load average %.1f at the start.%n%n"
            + "| phase | s | churn (ops/s) | level | library CPU (%% of machine) | events"
            + " received (/s) | lag (s) |%n| --- | ---: | ---: | ---: | ---: | ---: | ---: |%n",
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    run("unwatched", churn, BASELINE_SECONDS, null);
    try (Recording shed = new Recording()) {
      shed.setSettings(
          ThreadEventSettings.builder().virtualThreadLifecycle(false).build().toJfrSettings());
      shed.start();
      run("JFR recording, lifecycle off", churn, BASELINE_SECONDS, null);
    }
    PrometheusRegistry registry = new PrometheusRegistry();
    try (JfrThreads threads = JfrThreads.builder().registry(registry).start()) {
      run("JfrThreads, default budget", churn, governedSeconds, registry);
    }
    run("unwatched again", churn, BASELINE_SECONDS, null);
  }

  private static void run(
      String phase, VirtualThreadChurn churn, int seconds, PrometheusRegistry registry)
      throws InterruptedException {
    long start = System.nanoTime();
    long stepStart = start;
    long runs = 0;
    double cpuBefore = 0;
    double eventsBefore = 0;
    if (registry != null) {
      MetricSnapshots metrics = registry.scrape();
      cpuBefore = sum(metrics, "jfr_threads_cpu_seconds");
      eventsBefore = sum(metrics, "jfr_threads_events");
    }
    while (System.nanoTime() - start < seconds * 1_000_000_000L) {
      churn.runOnce();
      runs++;
      long now = System.nanoTime();
      if (now - stepStart < STEP_NANOS) {
        continue;
      }
      double stepSeconds = (now - stepStart) / 1e9;
      String level = "";
      String cpu = "";
      String events = "";
      String lag = "";
      if (registry != null) {
        MetricSnapshots metrics = registry.scrape();
        double cpuNow = sum(metrics, "jfr_threads_cpu_seconds");
        double eventsNow = sum(metrics, "jfr_threads_events");
        level = String.format(Locale.ROOT, "%.0f", sum(metrics, "jfr_threads_governor_level"));
        cpu =
            String.format(
                Locale.ROOT,
                "%.1f",
                100
                    * (cpuNow - cpuBefore)
                    / stepSeconds
                    / Runtime.getRuntime().availableProcessors());
        events = String.format(Locale.ROOT, "%,.0f", (eventsNow - eventsBefore) / stepSeconds);
        lag = String.format(Locale.ROOT, "%.1f", sum(metrics, "jfr_threads_delivery_lag_seconds"));
        cpuBefore = cpuNow;
        eventsBefore = eventsNow;
      }
      System.out.printf(
          Locale.ROOT,
          "| %s | %.0f | %,.0f | %s | %s | %s | %s |%n",
          phase,
          (now - start) / 1e9,
          runs / stepSeconds,
          level,
          cpu,
          events,
          lag);
      runs = 0;
      stepStart = now;
    }
  }

  /** The sum of a counter's or gauge's data points, 0 if absent. */
  private static double sum(MetricSnapshots metrics, String name) {
    double sum = 0;
    for (MetricSnapshot metric : metrics) {
      if (!metric.getMetadata().getName().equals(name)) {
        continue;
      }
      if (metric instanceof CounterSnapshot counter) {
        sum += counter.getDataPoints().stream().mapToDouble(p -> p.getValue()).sum();
      } else if (metric instanceof GaugeSnapshot gauge) {
        sum += gauge.getDataPoints().stream().mapToDouble(p -> p.getValue()).sum();
      }
    }
    return sum;
  }
}
