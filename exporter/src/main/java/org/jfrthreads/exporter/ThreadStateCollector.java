package org.jfrthreads.exporter;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
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
 * <p>Each family is one of client_java's callback metrics. A scrape reads the sampler's latest
 * sample and the analyzer's latest snapshot, once per family: it never calls {@code ThreadMXBean},
 * so its cost does not grow with the number of threads. Safe for concurrent scrapes.
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

  private final CollectorGroup families;

  /**
   * @param sample the sampler's latest pass, for example {@code sampler::latest}; called once per
   *     family and scrape, must not block
   * @param activity the analyzer's last snapshot, for example {@code analyzer::snapshot}; same
   *     contract
   */
  public ThreadStateCollector(
      Supplier<ThreadStateSample> sample, Supplier<ThreadActivitySnapshot> activity) {
    Objects.requireNonNull(sample, "sample");
    Objects.requireNonNull(activity, "activity");
    List<Collector> families = new ArrayList<>();
    addStates(families, sample);
    addVirtual(families, sample, activity);
    addVirtualDump(families, () -> sample.get().virtualStates());
    addSites(families, activity);
    addLeaks(families, activity);
    addSampler(families, () -> sample.get().statistics());
    this.families = new CollectorGroup(families);
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

  // Each family is empty until the sampler's first pass: zeros would read as "no threads".
  private static void addStates(List<Collector> families, Supplier<ThreadStateSample> sample) {
    families.add(
        gauge(
            STATES,
            "Platform threads by state, at the state sampler's last pass.",
            callback -> {
              ThreadStateSample latest = sample.get();
              if (latest.takenEpochNanos() != 0) {
                latest.byState().forEach((state, threads) -> callback.call(threads, state.name()));
              }
            },
            "state"));
    families.add(
        gauge(
            WAITING_ON,
            "Blocked and waiting platform threads by the class of the lock or blocker they wait on.",
            callback -> {
              ThreadStateSample latest = sample.get();
              if (latest.takenEpochNanos() != 0) {
                Map<String, Long> waitingOn = new TreeMap<>();
                for (StateCount count : latest.waitingOn()) {
                  waitingOn.merge(count.label(), count.threads(), Long::sum);
                }
                waitingOn.forEach((className, threads) -> callback.call(threads, className));
              }
            },
            "class"));
    families.add(
        gauge(
            TOP_FRAME,
            "Platform threads by their top application frame and state.",
            callback -> {
              ThreadStateSample latest = sample.get();
              if (latest.takenEpochNanos() != 0) {
                for (StateCount count : latest.topFrames()) {
                  callback.call(count.threads(), count.label(), count.state().name());
                }
              }
            },
            "frame",
            "state"));
  }

  private static void addVirtual(
      List<Collector> families,
      Supplier<ThreadStateSample> sample,
      Supplier<ThreadActivitySnapshot> activity) {
    families.add(
        gauge(
            VIRTUAL,
            "Virtual threads: live (started minus ended), and where the JVM tells (JDK 24+)"
                + " mounted on a carrier, queued to run, and parked (the rest).",
            callback -> {
              long live = activity.get().counts(ThreadKind.VIRTUAL).live();
              VirtualSchedulerCounts scheduler = sample.get().virtual();
              callback.call(live, "live");
              if (scheduler.available()) {
                callback.call(scheduler.mounted(), "mounted");
                callback.call(scheduler.queued(), "queued");
                callback.call(scheduler.parked(live), "parked");
              }
            },
            "status"));
  }

  // Only with the opt-in thread dump (JfrThreads.Builder.virtualThreadDump), after its first pass.
  private static void addVirtualDump(
      List<Collector> families, Supplier<VirtualThreadStates> dumps) {
    families.add(
        gauge(
            VIRTUAL_STATES,
            "Virtual threads by state, at the last virtual-thread dump.",
            callback -> {
              VirtualThreadStates dump = dumps.get();
              if (dump.takenEpochNanos() != 0) {
                dump.byState().forEach((state, threads) -> callback.call(threads, state.name()));
              }
            },
            "state"));
    families.add(
        gauge(
            VIRTUAL_TOP_FRAME,
            "Virtual threads by their top application frame and state, at the last dump.",
            callback -> {
              VirtualThreadStates dump = dumps.get();
              if (dump.takenEpochNanos() != 0) {
                for (StateCount count : dump.topFrames()) {
                  callback.call(count.threads(), count.label(), count.state().name());
                }
              }
            },
            "frame",
            "state"));
  }

  private static void addSites(
      List<Collector> families, Supplier<ThreadActivitySnapshot> activity) {
    families.add(
        gauge(
            LIVE_BY_SITE,
            "Live threads by creation site: the first application frame that started them.",
            callback -> {
              for (SiteLiveCount count : activity.get().liveBySite()) {
                callback.call(count.live(), count.site(), count.threadKind().virtualLabel());
              }
            },
            "site",
            "virtual"));
  }

  private static void addLeaks(
      List<Collector> families, Supplier<ThreadActivitySnapshot> activity) {
    families.add(
        gauge(
            LEAK_SUSPECTED,
            "1 while live threads of a kind (site=\"all\") or of a creation site rise steadily"
                + " above their baseline, else 0.",
            callback -> {
              for (LeakSeriesState series : activity.get().leaks().series()) {
                callback.call(
                    series.suspected() ? 1 : 0, series.site(), series.threadKind().virtualLabel());
              }
            },
            "site",
            "virtual"));
    families.add(
        gauge(
            LIVE_BASELINE,
            "The leak detector's baseline of live threads: a rolling median.",
            callback ->
                forEachTotal(activity, (kind, total) -> callback.call(total.baseline(), kind)),
            "virtual"));
    families.add(
        gauge(
            GROWTH,
            "How fast live threads grow, in threads per second.",
            callback ->
                forEachTotal(
                    activity, (kind, total) -> callback.call(total.growthPerSecond(), kind)),
            "virtual"));
  }

  /** The leak detector's totals by kind, once it has a baseline. */
  private static void forEachTotal(
      Supplier<ThreadActivitySnapshot> activity, BiConsumer<String, LeakSeriesState> action) {
    ThreadActivitySnapshot snapshot = activity.get();
    for (ThreadKind kind : ThreadKind.values()) {
      LeakSeriesState total = snapshot.leaks().total(kind);
      if (total != null && !Double.isNaN(total.baseline())) {
        action.accept(kind.virtualLabel(), total);
      }
    }
  }

  private static void addSampler(List<Collector> families, Supplier<SamplerStatistics> statistics) {
    families.add(
        GaugeWithCallback.builder()
            .name(SAMPLER_DURATION)
            .help("How long the state sampler's last pass took.")
            .unit(Unit.SECONDS)
            .callback(
                callback -> callback.call(Unit.nanosToSeconds(statistics.get().lastPassNanos())))
            .build());
    families.add(
        GaugeWithCallback.builder()
            .name(SAMPLER_INTERVAL)
            .help(
                "The state sampler's interval now: the configured one, or longer while passes cost"
                    + " more than their budget.")
            .unit(Unit.SECONDS)
            .callback(
                callback -> callback.call(Unit.nanosToSeconds(statistics.get().intervalNanos())))
            .build());
    families.add(
        CounterWithCallback.builder()
            .name(SAMPLER_STRETCHED)
            .help(
                "Passes after which the state sampler stretched its interval to stay within budget.")
            .callback(callback -> callback.call(statistics.get().stretchedTotal()))
            .build());
  }

  private static GaugeWithCallback gauge(
      String name,
      String help,
      Consumer<GaugeWithCallback.Callback> callback,
      String... labelNames) {
    return GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .labelNames(labelNames)
        .callback(callback)
        .build();
  }
}
