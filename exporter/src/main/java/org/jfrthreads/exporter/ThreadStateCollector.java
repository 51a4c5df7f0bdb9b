package org.jfrthreads.exporter;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jfrthreads.analyzer.LeakSeriesState;
import org.jfrthreads.analyzer.SiteLiveCount;
import org.jfrthreads.analyzer.ThreadActivitySnapshot;
import org.jfrthreads.analyzer.ThreadKind;
import org.jfrthreads.analyzer.sampler.SamplerStatistics;
import org.jfrthreads.analyzer.sampler.StateCount;
import org.jfrthreads.analyzer.sampler.ThreadStateSample;
import org.jfrthreads.analyzer.sampler.VirtualSchedulerCounts;
import org.jfrthreads.analyzer.sampler.VirtualThreadStates;

/**
 * Where threads are: platform threads by state, lock and frame (from the state sampler's latest
 * pass), virtual threads by status, live threads by creation site, and the leak detector's view.
 *
 * <p>A scrape reads the sampler's latest sample and the analyzer's latest snapshot: it never calls
 * {@code ThreadMXBean}, so its cost does not grow with the number of threads. Safe for concurrent
 * scrapes.
 */
public final class ThreadStateCollector implements MultiCollector {

  public static final String STATES = "jvm_thread_states";
  public static final String WAITING_ON = "jvm_thread_waiting_on";
  public static final String TOP_FRAME = "jvm_thread_top_frame";
  public static final String LIVE_BY_SITE = "jvm_thread_live_by_site";
  public static final String VIRTUAL = "jvm_thread_virtual";
  public static final String VIRTUAL_STATES = "jvm_thread_virtual_states";
  public static final String VIRTUAL_TOP_FRAME = "jvm_thread_virtual_top_frame";
  public static final String LEAK_SUSPECTED = "jvm_thread_leak_suspected";
  public static final String LIVE_BASELINE = "jvm_thread_live_baseline";
  public static final String GROWTH = "jvm_thread_growth_per_second";
  public static final String SAMPLER_DURATION = "jfr_threads_sampler_duration_seconds";
  public static final String SAMPLER_INTERVAL = "jfr_threads_sampler_interval_seconds";
  public static final String SAMPLER_STRETCHED = "jfr_threads_sampler_stretched";

  private final Supplier<ThreadStateSample> sample;
  private final Supplier<ThreadActivitySnapshot> activity;

  /**
   * @param sample the sampler's latest pass, for example {@code sampler::latest}; called once per
   *     scrape, must not block
   * @param activity the analyzer's last snapshot, for example {@code analyzer::snapshot}
   */
  public ThreadStateCollector(
      Supplier<ThreadStateSample> sample, Supplier<ThreadActivitySnapshot> activity) {
    this.sample = Objects.requireNonNull(sample, "sample");
    this.activity = Objects.requireNonNull(activity, "activity");
  }

  @Override
  public MetricSnapshots collect() {
    ThreadStateSample latest = sample.get();
    ThreadActivitySnapshot snapshot = activity.get();
    List<MetricSnapshot> metrics = new ArrayList<>();
    addStates(metrics, latest);
    addVirtual(metrics, latest.virtual(), snapshot.counts(ThreadKind.VIRTUAL).live());
    addVirtualDump(metrics, latest.virtualStates());
    addSites(metrics, snapshot);
    addLeaks(metrics, snapshot);
    addSampler(metrics, latest.statistics());
    return new MetricSnapshots(metrics);
  }

  @Override
  public List<String> getPrometheusNames() {
    return List.of(
        STATES,
        WAITING_ON,
        TOP_FRAME,
        LIVE_BY_SITE,
        VIRTUAL,
        VIRTUAL_STATES,
        VIRTUAL_TOP_FRAME,
        LEAK_SUSPECTED,
        LIVE_BASELINE,
        GROWTH,
        SAMPLER_DURATION,
        SAMPLER_INTERVAL,
        SAMPLER_STRETCHED);
  }

  private static void addStates(List<MetricSnapshot> metrics, ThreadStateSample latest) {
    if (latest.takenEpochNanos() == 0) {
      return; // no pass yet: zeros would read as "no threads"
    }
    List<GaugeDataPointSnapshot> states = new ArrayList<>();
    latest
        .byState()
        .forEach((state, threads) -> states.add(gauge(threads, Labels.of("state", state.name()))));
    metrics.add(
        new GaugeSnapshot(
            new MetricMetadata(
                STATES, "Platform threads by state, at the state sampler's last pass."),
            states));

    Map<String, Long> waitingOn = new TreeMap<>();
    for (StateCount count : latest.waitingOn()) {
      waitingOn.merge(count.label(), count.threads(), Long::sum);
    }
    List<GaugeDataPointSnapshot> waiting = new ArrayList<>();
    waitingOn.forEach(
        (className, threads) -> waiting.add(gauge(threads, Labels.of("class", className))));
    metrics.add(
        new GaugeSnapshot(
            new MetricMetadata(
                WAITING_ON,
                "Blocked and waiting platform threads by the class of the lock or blocker they wait on."),
            waiting));

    List<GaugeDataPointSnapshot> frames = new ArrayList<>();
    for (StateCount count : latest.topFrames()) {
      frames.add(
          gauge(count.threads(), Labels.of("frame", count.label(), "state", count.state().name())));
    }
    metrics.add(
        new GaugeSnapshot(
            new MetricMetadata(
                TOP_FRAME, "Platform threads by their top application frame and state."),
            frames));
  }

  private static void addVirtual(
      List<MetricSnapshot> metrics, VirtualSchedulerCounts scheduler, long live) {
    List<GaugeDataPointSnapshot> status = new ArrayList<>();
    status.add(gauge(live, Labels.of("status", "live")));
    if (scheduler.available()) {
      status.add(gauge(scheduler.mounted(), Labels.of("status", "mounted")));
      status.add(gauge(scheduler.queued(), Labels.of("status", "queued")));
      status.add(gauge(scheduler.parked(live), Labels.of("status", "parked")));
    }
    metrics.add(
        new GaugeSnapshot(
            new MetricMetadata(
                VIRTUAL,
                "Virtual threads: live (started minus ended), and where the JVM tells (JDK 24+)"
                    + " mounted on a carrier, queued to run, and parked (the rest)."),
            status));
  }

  // Only with the opt-in thread dump (JfrThreads.Builder.virtualThreadDump), after its first pass.
  private static void addVirtualDump(List<MetricSnapshot> metrics, VirtualThreadStates dump) {
    if (dump.takenEpochNanos() == 0) {
      return;
    }
    List<GaugeDataPointSnapshot> states = new ArrayList<>();
    dump.byState()
        .forEach((state, threads) -> states.add(gauge(threads, Labels.of("state", state.name()))));
    metrics.add(
        new GaugeSnapshot(
            new MetricMetadata(
                VIRTUAL_STATES, "Virtual threads by state, at the last virtual-thread dump."),
            states));
    List<GaugeDataPointSnapshot> frames = new ArrayList<>();
    for (StateCount count : dump.topFrames()) {
      frames.add(
          gauge(count.threads(), Labels.of("frame", count.label(), "state", count.state().name())));
    }
    metrics.add(
        new GaugeSnapshot(
            new MetricMetadata(
                VIRTUAL_TOP_FRAME,
                "Virtual threads by their top application frame and state, at the last dump."),
            frames));
  }

  private static void addSites(List<MetricSnapshot> metrics, ThreadActivitySnapshot snapshot) {
    List<GaugeDataPointSnapshot> sites = new ArrayList<>();
    for (SiteLiveCount count : snapshot.liveBySite()) {
      sites.add(
          gauge(
              count.live(),
              Labels.of("site", count.site(), "virtual", count.threadKind().virtualLabel())));
    }
    metrics.add(
        new GaugeSnapshot(
            new MetricMetadata(
                LIVE_BY_SITE,
                "Live threads by creation site: the first application frame that started them."),
            sites));
  }

  private static void addLeaks(List<MetricSnapshot> metrics, ThreadActivitySnapshot snapshot) {
    List<GaugeDataPointSnapshot> suspected = new ArrayList<>();
    List<GaugeDataPointSnapshot> baseline = new ArrayList<>();
    List<GaugeDataPointSnapshot> growth = new ArrayList<>();
    for (LeakSeriesState series : snapshot.leaks().series()) {
      Labels labels =
          Labels.of("site", series.site(), "virtual", series.threadKind().virtualLabel());
      suspected.add(gauge(series.suspected() ? 1 : 0, labels));
    }
    for (ThreadKind kind : ThreadKind.values()) {
      LeakSeriesState total = snapshot.leaks().total(kind);
      if (total != null && !Double.isNaN(total.baseline())) {
        Labels labels = Labels.of("virtual", kind.virtualLabel());
        baseline.add(gauge(total.baseline(), labels));
        growth.add(gauge(total.growthPerSecond(), labels));
      }
    }
    metrics.add(
        new GaugeSnapshot(
            new MetricMetadata(
                LEAK_SUSPECTED,
                "1 while live threads of a kind (site=\"all\") or of a creation site rise steadily"
                    + " above their baseline, else 0."),
            suspected));
    metrics.add(
        new GaugeSnapshot(
            new MetricMetadata(
                LIVE_BASELINE, "The leak detector's baseline of live threads: a rolling median."),
            baseline));
    metrics.add(
        new GaugeSnapshot(
            new MetricMetadata(GROWTH, "How fast live threads grow, in threads per second."),
            growth));
  }

  private static void addSampler(List<MetricSnapshot> metrics, SamplerStatistics statistics) {
    metrics.add(
        new GaugeSnapshot(
            new MetricMetadata(
                SAMPLER_DURATION, "How long the state sampler's last pass took.", Unit.SECONDS),
            List.of(gauge(Unit.nanosToSeconds(statistics.lastPassNanos()), Labels.EMPTY))));
    metrics.add(
        new GaugeSnapshot(
            new MetricMetadata(
                SAMPLER_INTERVAL,
                "The state sampler's interval now: the configured one, or longer while passes cost"
                    + " more than their budget.",
                Unit.SECONDS),
            List.of(gauge(Unit.nanosToSeconds(statistics.intervalNanos()), Labels.EMPTY))));
    metrics.add(
        new CounterSnapshot(
            new MetricMetadata(
                SAMPLER_STRETCHED,
                "Passes after which the state sampler stretched its interval to stay within budget."),
            List.of(
                new CounterDataPointSnapshot(
                    statistics.stretchedTotal(), Labels.EMPTY, null, 0L))));
  }

  private static GaugeDataPointSnapshot gauge(double value, Labels labels) {
    return new GaugeDataPointSnapshot(value, labels, null);
  }
}
