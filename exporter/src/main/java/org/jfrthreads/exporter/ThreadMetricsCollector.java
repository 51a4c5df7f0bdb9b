package org.jfrthreads.exporter;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jfrthreads.analyzer.AnalyzerStatistics;
import org.jfrthreads.analyzer.BlockedSeries;
import org.jfrthreads.analyzer.DurationHistogram;
import org.jfrthreads.analyzer.PinnedSeries;
import org.jfrthreads.analyzer.ThreadActivitySnapshot;
import org.jfrthreads.analyzer.ThreadCounts;
import org.jfrthreads.analyzer.ThreadKind;
import org.jfrthreads.stream.BlockingKind;
import org.jfrthreads.stream.SourceStatistics;

/**
 * The thread metrics of one watched JVM, as a Prometheus {@link MultiCollector}.
 *
 * <p>A scrape reads the analyzer's last published snapshot and the source's statistics: it never
 * waits for the event stream, calls no MXBean, and costs the same whatever the number of threads.
 * Safe for concurrent scrapes.
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
  public static final String DELIVERY_LAG = "jfr_threads_delivery_lag_seconds";
  public static final String VIRTUAL_LIFECYCLE_SHED = "jfr_threads_virtual_lifecycle_shed";

  private final Supplier<ThreadActivitySnapshot> activity;
  private final Supplier<SourceStatistics> source;

  /**
   * @param activity the analyzer's last snapshot, for example {@code analyzer::snapshot}; called
   *     once per scrape from the scraping thread, must not block
   * @param source the source's statistics, for example {@code source::statistics}; same contract
   */
  public ThreadMetricsCollector(
      Supplier<ThreadActivitySnapshot> activity, Supplier<SourceStatistics> source) {
    this.activity = Objects.requireNonNull(activity, "activity");
    this.source = Objects.requireNonNull(source, "source");
  }

  @Override
  public MetricSnapshots collect() {
    ThreadActivitySnapshot snapshot = activity.get();
    SourceStatistics statistics = source.get();
    List<MetricSnapshot> metrics = new ArrayList<>();
    addThreadCounts(metrics, snapshot);
    addLifetimes(metrics, snapshot);
    addBlocked(metrics, snapshot);
    addPinned(metrics, snapshot);
    addHealth(metrics, snapshot.statistics(), statistics);
    return new MetricSnapshots(metrics);
  }

  @Override
  public List<String> getPrometheusNames() {
    return List.of(
        LIFETIME,
        LIFETIME_RECENT,
        STARTED,
        ENDED,
        LIVE,
        BLOCKED,
        BLOCKED_RECENT,
        PINNED,
        PINNED_RECENT,
        EVENTS,
        EVENTS_DROPPED,
        UNTRACKED_THREADS,
        TRACKED_THREADS,
        SERIES_OVERFLOW,
        STREAM_ERRORS,
        STREAM_UP,
        DELIVERY_LAG,
        VIRTUAL_LIFECYCLE_SHED);
  }

  private static void addThreadCounts(
      List<MetricSnapshot> metrics, ThreadActivitySnapshot snapshot) {
    List<CounterDataPointSnapshot> started = new ArrayList<>();
    List<CounterDataPointSnapshot> ended = new ArrayList<>();
    List<GaugeDataPointSnapshot> live = new ArrayList<>();
    for (ThreadKind kind : ThreadKind.values()) {
      if (unknown(snapshot, kind)) {
        continue;
      }
      ThreadCounts counts = snapshot.counts(kind);
      Labels labels = virtual(kind);
      started.add(counter(counts.started(), labels));
      ended.add(counter(counts.ended(), labels));
      live.add(gauge(counts.live(), labels));
    }
    metrics.add(
        new CounterSnapshot(
            new MetricMetadata(STARTED, "Threads started since watching began."), started));
    metrics.add(
        new CounterSnapshot(
            new MetricMetadata(ENDED, "Threads ended since watching began."), ended));
    metrics.add(
        new GaugeSnapshot(
            new MetricMetadata(
                LIVE,
                "Threads alive now: alive at the start of watching, plus started, minus ended."),
            live));
    metrics.add(
        new GaugeSnapshot(
            new MetricMetadata(
                VIRTUAL_LIFECYCLE_SHED,
                "1 while virtual-thread lifecycle events are shed to keep within the CPU budget:"
                    + " virtual starts, ends, live count and lifetimes are then left out, unknown."),
            List.of(gauge(snapshot.virtualLifecycle().shed() ? 1 : 0, Labels.EMPTY))));
  }

  // While lifecycle events are shed, the virtual figures are frozen: absent beats wrong.
  private static boolean unknown(ThreadActivitySnapshot snapshot, ThreadKind kind) {
    return kind == ThreadKind.VIRTUAL && snapshot.virtualLifecycle().shed();
  }

  private static void addLifetimes(List<MetricSnapshot> metrics, ThreadActivitySnapshot snapshot) {
    List<HistogramDataPointSnapshot> lifetimes = new ArrayList<>();
    List<SummaryDataPointSnapshot> recent = new ArrayList<>();
    for (ThreadKind kind : ThreadKind.values()) {
      if (unknown(snapshot, kind)) {
        continue;
      }
      lifetimes.add(
          PrometheusHistograms.histogram(
              snapshot.lifetimes(kind),
              PrometheusHistograms.LIFETIME_BUCKETS_SECONDS,
              virtual(kind)));
      recent.add(PrometheusHistograms.summary(snapshot.recentLifetimes(kind), virtual(kind)));
    }
    metrics.add(
        new HistogramSnapshot(
            seconds(LIFETIME, "How long threads lived, from start to end."), lifetimes));
    metrics.add(
        new SummarySnapshot(
            seconds(
                LIFETIME_RECENT,
                "Thread lifetimes over the last window; quantile 1 is the maximum."),
            recent));
  }

  private static void addBlocked(List<MetricSnapshot> metrics, ThreadActivitySnapshot snapshot) {
    List<HistogramDataPointSnapshot> blocked = new ArrayList<>();
    for (BlockedSeries series : snapshot.blocked()) {
      Labels labels =
          Labels.of(
              "kind", series.kind().label(),
              "class", series.className(),
              "virtual", series.threadKind().virtualLabel());
      blocked.add(
          PrometheusHistograms.histogram(
              series.durations(), PrometheusHistograms.BLOCKING_BUCKETS_SECONDS, labels));
    }
    List<SummaryDataPointSnapshot> recent = new ArrayList<>();
    for (Map.Entry<BlockingKind, Map<ThreadKind, DurationHistogram>> kind :
        snapshot.recentBlocked().entrySet()) {
      for (Map.Entry<ThreadKind, DurationHistogram> thread : kind.getValue().entrySet()) {
        Labels labels =
            Labels.of("kind", kind.getKey().label(), "virtual", thread.getKey().virtualLabel());
        recent.add(PrometheusHistograms.summary(thread.getValue(), labels));
      }
    }
    metrics.add(
        new HistogramSnapshot(
            seconds(
                BLOCKED,
                "Time threads spent blocked at or above the threshold, by kind and class responsible."),
            blocked));
    metrics.add(
        new SummarySnapshot(
            seconds(
                BLOCKED_RECENT,
                "Blocking times over the last window by kind; quantile 1 is the maximum."),
            recent));
  }

  private static void addPinned(List<MetricSnapshot> metrics, ThreadActivitySnapshot snapshot) {
    List<HistogramDataPointSnapshot> pinned = new ArrayList<>();
    for (PinnedSeries series : snapshot.pinned()) {
      pinned.add(
          PrometheusHistograms.histogram(
              series.durations(),
              PrometheusHistograms.BLOCKING_BUCKETS_SECONDS,
              Labels.of("reason", series.reason(), "site", series.site())));
    }
    metrics.add(
        new HistogramSnapshot(
            seconds(
                PINNED,
                "Time virtual threads spent blocked while pinned to their carrier, by reason and site."),
            pinned));
    metrics.add(
        new SummarySnapshot(
            seconds(
                PINNED_RECENT,
                "Pinned blocking times over the last window; quantile 1 is the maximum."),
            List.of(PrometheusHistograms.summary(snapshot.recentPinned(), Labels.EMPTY))));
  }

  private static void addHealth(
      List<MetricSnapshot> metrics, AnalyzerStatistics analyzer, SourceStatistics source) {
    List<CounterDataPointSnapshot> events = new ArrayList<>();
    source
        .eventsReceived()
        .forEach((event, count) -> events.add(counter(count, Labels.of("event", event))));
    metrics.add(
        new CounterSnapshot(
            new MetricMetadata(EVENTS, "JFR events received by jfr-threads, by event name."),
            events));
    metrics.add(
        new CounterSnapshot(
            new MetricMetadata(
                EVENTS_DROPPED,
                "JFR events ignored: below_threshold are shorter than the configured threshold."),
            List.of(
                counter(source.eventsBelowThreshold(), Labels.of("reason", "below_threshold")))));
    metrics.add(
        new CounterSnapshot(
            new MetricMetadata(
                UNTRACKED_THREADS,
                "Threads whose lifetime could not be measured: thread_cap (too many live threads"
                    + " followed), end_without_start (started before watching, or not followed)."),
            List.of(
                counter(analyzer.untrackedStarts(), Labels.of("reason", "thread_cap")),
                counter(analyzer.unpairedEnds(), Labels.of("reason", "end_without_start")))));
    metrics.add(
        new GaugeSnapshot(
            new MetricMetadata(TRACKED_THREADS, "Live threads followed for their lifetime."),
            List.of(gauge(analyzer.trackedThreads(), Labels.EMPTY))));
    metrics.add(
        new CounterSnapshot(
            new MetricMetadata(
                SERIES_OVERFLOW,
                "Blocking or pinned events whose class or site found no free series and went to"
                    + " other."),
            List.of(counter(analyzer.overflowedEvents(), Labels.EMPTY))));
    metrics.add(
        new CounterSnapshot(
            new MetricMetadata(STREAM_ERRORS, "Errors reported by the JFR event stream."),
            List.of(counter(source.errors(), Labels.EMPTY))));
    metrics.add(
        new GaugeSnapshot(
            new MetricMetadata(STREAM_UP, "1 while the JFR event stream delivers events, else 0."),
            List.of(gauge(source.running() ? 1 : 0, Labels.EMPTY))));
    if (source.deliveryLagNanos() >= 0) {
      metrics.add(
          new GaugeSnapshot(
              seconds(
                  DELIVERY_LAG,
                  "At the last flush, how long ago the oldest newly delivered event had ended."),
              List.of(gauge(Unit.nanosToSeconds(source.deliveryLagNanos()), Labels.EMPTY))));
    }
  }

  private static MetricMetadata seconds(String name, String help) {
    return new MetricMetadata(name, help, Unit.SECONDS);
  }

  private static Labels virtual(ThreadKind kind) {
    return Labels.of("virtual", kind.virtualLabel());
  }

  private static CounterDataPointSnapshot counter(double value, Labels labels) {
    return new CounterDataPointSnapshot(value, labels, null, 0L);
  }

  private static GaugeDataPointSnapshot gauge(double value, Labels labels) {
    return new GaugeDataPointSnapshot(value, labels, null);
  }
}
