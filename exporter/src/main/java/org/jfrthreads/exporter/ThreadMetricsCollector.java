package org.jfrthreads.exporter;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.SummaryWithCallback;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jfrthreads.analyzer.AnalyzerStatistics;
import org.jfrthreads.analyzer.BlockedSeries;
import org.jfrthreads.analyzer.DurationHistogram;
import org.jfrthreads.analyzer.ExemplarStatistics;
import org.jfrthreads.analyzer.PinnedSeries;
import org.jfrthreads.analyzer.ThreadActivitySnapshot;
import org.jfrthreads.analyzer.ThreadCounts;
import org.jfrthreads.analyzer.ThreadKind;
import org.jfrthreads.stream.BlockingKind;
import org.jfrthreads.stream.SourceStatistics;

/**
 * The thread metrics of one watched JVM, as a Prometheus {@link MultiCollector}: counts and health
 * as client_java's callback metrics ({@link CounterWithCallback}, {@link GaugeWithCallback}, {@link
 * SummaryWithCallback} for the windowed quantiles), histograms as {@link HistogramFamily}s made
 * from the analyzer's HdrHistograms.
 *
 * <p>A scrape reads the analyzer's last published snapshot and the source's statistics: it never
 * waits for the event stream, calls no MXBean, and costs the same whatever the number of threads.
 * Each family reads the latest snapshot once, so its data points agree with each other; two
 * families of one scrape may come from consecutive snapshots (published about a second apart). Safe
 * for concurrent scrapes.
 *
 * <p>Sample output, a few lines of a scrape of the demo:
 *
 * <pre>
 * # TYPE jfr_threads_stream_up gauge
 * jfr_threads_stream_up 1.0
 * # TYPE jvm_thread_blocked_seconds histogram
 * jvm_thread_blocked_seconds_count{class="java.util.concurrent.ForkJoinPool",kind="park",virtual="false"} 312
 * jvm_thread_blocked_seconds_count{class="java.util.TaskQueue",kind="monitor_wait",virtual="false"} 7
 * jvm_thread_blocked_seconds_sum{class="java.util.TaskQueue",kind="monitor_wait",virtual="false"} 6.999990599
 * </pre>
 */
public final class ThreadMetricsCollector implements MultiCollector {

  public static final String LIFETIME = "jvm_thread_lifetime_seconds";
  public static final String LIFETIME_RECENT = "jvm_thread_lifetime_recent_seconds";
  public static final String STARTED = "jvm_thread_started";
  public static final String ENDED = "jvm_thread_ended";
  public static final String LIVE = "jvm_thread_live";
  public static final String BLOCKED = "jvm_thread_blocked_seconds";
  public static final String BLOCKED_RECENT = "jvm_thread_blocked_recent_seconds";
  public static final String PINNED = "jvm_thread_pinned_seconds";
  public static final String PINNED_RECENT = "jvm_thread_pinned_recent_seconds";
  public static final String EVENTS = "jfr_threads_events";
  public static final String EVENTS_DROPPED = "jfr_threads_events_dropped";
  public static final String UNTRACKED_THREADS = "jfr_threads_untracked_threads";
  public static final String TRACKED_THREADS = "jfr_threads_tracked_threads";
  public static final String SERIES_OVERFLOW = "jfr_threads_series_overflow";
  public static final String STREAM_ERRORS = "jfr_threads_stream_errors";
  public static final String STREAM_UP = "jfr_threads_stream_up";
  public static final String STREAM_RESTARTS = "jfr_threads_stream_restarts";
  public static final String DATA_LOST = "jfr_threads_data_lost_bytes";
  public static final String DELIVERY_LAG = "jfr_threads_delivery_lag_seconds";
  public static final String VIRTUAL_LIFECYCLE_SHED = "jfr_threads_virtual_lifecycle_shed";
  public static final String EXEMPLAR_CANDIDATES = "jfr_threads_exemplar_candidates";

  private final CollectorGroup families;

  /**
   * @param activity the analyzer's last snapshot, for example {@code analyzer::snapshot}; called
   *     once per family and scrape from the scraping thread, must not block
   * @param source the source's statistics, for example {@code source::statistics}; same contract
   */
  public ThreadMetricsCollector(
      Supplier<ThreadActivitySnapshot> activity, Supplier<SourceStatistics> source) {
    Objects.requireNonNull(activity, "activity");
    Objects.requireNonNull(source, "source");
    List<Collector> families = new ArrayList<>();
    addThreadCounts(families, activity);
    addLifetimes(families, activity);
    addBlocked(families, activity);
    addPinned(families, activity);
    addHealth(families, () -> activity.get().statistics(), source);
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

  // The counts of each kind whose figures are known now (virtual ones are not while shed).
  private static void forEachKnownKind(
      Supplier<ThreadActivitySnapshot> activity, BiConsumer<ThreadKind, ThreadCounts> action) {
    ThreadActivitySnapshot snapshot = activity.get();
    for (ThreadKind kind : ThreadKind.values()) {
      if (!unknown(snapshot, kind)) {
        action.accept(kind, snapshot.counts(kind));
      }
    }
  }

  private static void addThreadCounts(
      List<Collector> families, Supplier<ThreadActivitySnapshot> activity) {
    families.add(
        CounterWithCallback.builder()
            .name(STARTED)
            .help("Threads started since watching began.")
            .labelNames("virtual")
            .callback(
                callback ->
                    forEachKnownKind(
                        activity,
                        (kind, counts) -> callback.call(counts.started(), kind.virtualLabel())))
            .build());
    families.add(
        CounterWithCallback.builder()
            .name(ENDED)
            .help("Threads ended since watching began.")
            .labelNames("virtual")
            .callback(
                callback ->
                    forEachKnownKind(
                        activity,
                        (kind, counts) -> callback.call(counts.ended(), kind.virtualLabel())))
            .build());
    families.add(
        GaugeWithCallback.builder()
            .name(LIVE)
            .help("Threads alive now: alive at the start of watching, plus started, minus ended.")
            .labelNames("virtual")
            .callback(
                callback ->
                    forEachKnownKind(
                        activity,
                        (kind, counts) -> callback.call(counts.live(), kind.virtualLabel())))
            .build());
    families.add(
        GaugeWithCallback.builder()
            .name(VIRTUAL_LIFECYCLE_SHED)
            .help(
                "1 while virtual-thread lifecycle events are shed to keep within the CPU budget:"
                    + " virtual starts, ends, live count and lifetimes are then left out, unknown.")
            .callback(callback -> callback.call(activity.get().virtualLifecycle().shed() ? 1 : 0))
            .build());
  }

  // While lifecycle events are shed, the virtual figures are frozen: absent beats wrong.
  private static boolean unknown(ThreadActivitySnapshot snapshot, ThreadKind kind) {
    return kind == ThreadKind.VIRTUAL && snapshot.virtualLifecycle().shed();
  }

  private static void addLifetimes(
      List<Collector> families, Supplier<ThreadActivitySnapshot> activity) {
    families.add(
        new HistogramFamily(
            LIFETIME,
            "How long threads lived, from start to end.",
            List.of("virtual"),
            () -> {
              ThreadActivitySnapshot snapshot = activity.get();
              List<HistogramDataPointSnapshot> lifetimes = new ArrayList<>();
              for (ThreadKind kind : ThreadKind.values()) {
                if (unknown(snapshot, kind)) {
                  continue;
                }
                lifetimes.add(
                    PrometheusHistograms.histogram(
                        snapshot.lifetimes(kind),
                        PrometheusHistograms.LIFETIME_BUCKETS_SECONDS,
                        virtual(kind)));
              }
              return lifetimes;
            }));
    families.add(
        summary(
                LIFETIME_RECENT,
                "Thread lifetimes over the last window; quantile 1 is the maximum.")
            .labelNames("virtual")
            .callback(
                callback -> {
                  ThreadActivitySnapshot snapshot = activity.get();
                  for (ThreadKind kind : ThreadKind.values()) {
                    if (unknown(snapshot, kind)) {
                      continue;
                    }
                    PrometheusHistograms.summary(
                        callback, snapshot.recentLifetimes(kind), kind.virtualLabel());
                  }
                })
            .build());
  }

  private static void addBlocked(
      List<Collector> families, Supplier<ThreadActivitySnapshot> activity) {
    families.add(
        new HistogramFamily(
            BLOCKED,
            "Time threads spent blocked at or above the threshold, by kind and class responsible.",
            List.of("kind", "class", "virtual"),
            () -> {
              List<HistogramDataPointSnapshot> blocked = new ArrayList<>();
              for (BlockedSeries series : activity.get().blocked()) {
                Labels labels =
                    Labels.of(
                        "kind", series.kind().label(),
                        "class", series.className(),
                        "virtual", series.threadKind().virtualLabel());
                blocked.add(
                    PrometheusHistograms.histogram(
                        series.durations(), PrometheusHistograms.BLOCKING_BUCKETS_SECONDS, labels));
              }
              return blocked;
            }));
    families.add(
        summary(
                BLOCKED_RECENT,
                "Blocking times over the last window by kind; quantile 1 is the maximum.")
            .labelNames("kind", "virtual")
            .callback(
                callback -> {
                  for (Map.Entry<BlockingKind, Map<ThreadKind, DurationHistogram>> kind :
                      activity.get().recentBlocked().entrySet()) {
                    for (Map.Entry<ThreadKind, DurationHistogram> thread :
                        kind.getValue().entrySet()) {
                      PrometheusHistograms.summary(
                          callback,
                          thread.getValue(),
                          kind.getKey().label(),
                          thread.getKey().virtualLabel());
                    }
                  }
                })
            .build());
  }

  private static void addPinned(
      List<Collector> families, Supplier<ThreadActivitySnapshot> activity) {
    families.add(
        new HistogramFamily(
            PINNED,
            "Time virtual threads spent blocked while pinned to their carrier, by reason and site.",
            List.of("reason", "site"),
            () -> {
              List<HistogramDataPointSnapshot> pinned = new ArrayList<>();
              for (PinnedSeries series : activity.get().pinned()) {
                pinned.add(
                    PrometheusHistograms.histogram(
                        series.durations(),
                        PrometheusHistograms.BLOCKING_BUCKETS_SECONDS,
                        Labels.of("reason", series.reason(), "site", series.site())));
              }
              return pinned;
            }));
    families.add(
        summary(
                PINNED_RECENT,
                "Pinned blocking times over the last window; quantile 1 is the maximum.")
            .callback(
                callback -> PrometheusHistograms.summary(callback, activity.get().recentPinned()))
            .build());
  }

  private static void addHealth(
      List<Collector> families,
      Supplier<AnalyzerStatistics> analyzer,
      Supplier<SourceStatistics> source) {
    families.add(
        CounterWithCallback.builder()
            .name(EVENTS)
            .help("JFR events received by jfr-threads, by event name.")
            .labelNames("event")
            .callback(
                callback ->
                    source
                        .get()
                        .eventsReceived()
                        .forEach((event, count) -> callback.call(count, event)))
            .build());
    families.add(
        CounterWithCallback.builder()
            .name(EVENTS_DROPPED)
            .help("JFR events ignored: below_threshold are shorter than the configured threshold.")
            .labelNames("reason")
            .callback(
                callback -> callback.call(source.get().eventsBelowThreshold(), "below_threshold"))
            .build());
    families.add(
        CounterWithCallback.builder()
            .name(UNTRACKED_THREADS)
            .help(
                "Threads whose lifetime could not be measured: thread_cap (too many live threads"
                    + " followed), end_without_start (started before watching, or not followed).")
            .labelNames("reason")
            .callback(
                callback -> {
                  AnalyzerStatistics statistics = analyzer.get();
                  callback.call(statistics.untrackedStarts(), "thread_cap");
                  callback.call(statistics.unpairedEnds(), "end_without_start");
                })
            .build());
    families.add(
        GaugeWithCallback.builder()
            .name(TRACKED_THREADS)
            .help("Live threads followed for their lifetime.")
            .callback(callback -> callback.call(analyzer.get().trackedThreads()))
            .build());
    families.add(
        CounterWithCallback.builder()
            .name(SERIES_OVERFLOW)
            .help(
                "Blocking or pinned events whose class or site found no free series and went to"
                    + " other.")
            .callback(callback -> callback.call(analyzer.get().overflowedEvents()))
            .build());
    families.add(
        CounterWithCallback.builder()
            .name(EXEMPLAR_CANDIDATES)
            .help(
                "Blocking and pinned events held back for the traced scope that names their trace:"
                    + " matched (an exemplar), without_scope (no scope covered them in time),"
                    + " dropped (too many held already; still counted in their histogram).")
            .labelNames("outcome")
            .callback(
                callback -> {
                  ExemplarStatistics exemplars = analyzer.get().exemplars();
                  callback.call(exemplars.matched(), "matched");
                  callback.call(exemplars.withoutScope(), "without_scope");
                  callback.call(exemplars.dropped(), "dropped");
                })
            .build());
    families.add(
        CounterWithCallback.builder()
            .name(STREAM_ERRORS)
            .help("Errors reported by the JFR event stream.")
            .callback(callback -> callback.call(source.get().errors()))
            .build());
    families.add(
        GaugeWithCallback.builder()
            .name(STREAM_UP)
            .help("1 while the JFR event stream delivers events, else 0.")
            .callback(callback -> callback.call(source.get().running() ? 1 : 0))
            .build());
    families.add(
        CounterWithCallback.builder()
            .name(STREAM_RESTARTS)
            .help(
                "Times jfr-threads restarted its JFR recording after someone else stopped it or it"
                    + " failed; events in between are missing.")
            .callback(callback -> callback.call(source.get().restarts()))
            .build());
    families.add(
        CounterWithCallback.builder()
            .name(DATA_LOST)
            .help(
                "Bytes of events JFR reports as lost (jdk.DataLoss): its buffers were full, so"
                    + " thread starts, ends and blocking in them are missing.")
            .unit(Unit.BYTES)
            .callback(callback -> callback.call(source.get().dataLostBytes()))
            .build());
    families.add(
        GaugeWithCallback.builder()
            .name(DELIVERY_LAG)
            .help("At the last flush, how long ago the oldest newly delivered event had ended.")
            .unit(Unit.SECONDS)
            .callback(
                callback -> {
                  long lagNanos = source.get().deliveryLagNanos();
                  if (lagNanos >= 0) { // -1 until the first flush: no series rather than a 0
                    callback.call(Unit.nanosToSeconds(lagNanos));
                  }
                })
            .build());
  }

  private static SummaryWithCallback.Builder summary(String name, String help) {
    return SummaryWithCallback.builder().name(name).help(help).unit(Unit.SECONDS);
  }

  private static Labels virtual(ThreadKind kind) {
    return Labels.of("virtual", kind.virtualLabel());
  }
}
