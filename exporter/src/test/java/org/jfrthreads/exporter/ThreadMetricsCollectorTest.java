package org.jfrthreads.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jfrthreads.analyzer.AnalyzerConfig;
import org.jfrthreads.analyzer.ThreadEventAnalyzer;
import org.jfrthreads.analyzer.ThreadKind;
import org.jfrthreads.stream.BlockingKind;
import org.jfrthreads.stream.SourceStatistics;
import org.jfrthreads.stream.StackFrame;
import org.jfrthreads.stream.ThreadBlocked;
import org.jfrthreads.stream.ThreadEnded;
import org.jfrthreads.stream.ThreadPinned;
import org.jfrthreads.stream.ThreadStarted;
import org.junit.jupiter.api.Test;

class ThreadMetricsCollectorTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long MILLI = 1_000_000L;

  private static final SourceStatistics SOURCE =
      new SourceStatistics(
          true, Map.of("jdk.ThreadPark", 7L, "jdk.ThreadStart", 2L), 3, 1, "oops", 800 * MILLI);

  @Test
  void countsGaugesAndHealthAreExposedWithTheirLabels() throws IOException {
    String text =
        expose(
            collector(),
            Set.of(
                "jvm_thread_started",
                "jvm_thread_ended",
                "jvm_thread_live",
                "jfr_threads_events",
                "jfr_threads_events_dropped",
                "jfr_threads_untracked_threads",
                "jfr_threads_tracked_threads",
                "jfr_threads_series_overflow",
                "jfr_threads_stream_errors",
                "jfr_threads_stream_up",
                "jfr_threads_delivery_lag_seconds"));

    assertThat(text)
        .isEqualTo(
            """
            # HELP jfr_threads_delivery_lag_seconds At the last flush, how long ago the oldest newly delivered event had ended.
            # TYPE jfr_threads_delivery_lag_seconds gauge
            jfr_threads_delivery_lag_seconds 0.8
            # HELP jfr_threads_events_total JFR events received by jfr-threads, by event name.
            # TYPE jfr_threads_events_total counter
            jfr_threads_events_total{event="jdk.ThreadPark"} 7.0
            jfr_threads_events_total{event="jdk.ThreadStart"} 2.0
            # HELP jfr_threads_events_dropped_total JFR events ignored: below_threshold are shorter than the configured threshold.
            # TYPE jfr_threads_events_dropped_total counter
            jfr_threads_events_dropped_total{reason="below_threshold"} 3.0
            # HELP jfr_threads_series_overflow_total Blocking or pinned events whose class or site found no free series and went to other.
            # TYPE jfr_threads_series_overflow_total counter
            jfr_threads_series_overflow_total 0.0
            # HELP jfr_threads_stream_errors_total Errors reported by the JFR event stream.
            # TYPE jfr_threads_stream_errors_total counter
            jfr_threads_stream_errors_total 1.0
            # HELP jfr_threads_stream_up 1 while the JFR event stream delivers events, else 0.
            # TYPE jfr_threads_stream_up gauge
            jfr_threads_stream_up 1.0
            # HELP jfr_threads_tracked_threads Live threads followed for their lifetime.
            # TYPE jfr_threads_tracked_threads gauge
            jfr_threads_tracked_threads 1.0
            # HELP jfr_threads_untracked_threads_total Threads whose lifetime could not be measured: thread_cap (too many live threads followed), end_without_start (started before watching, or not followed).
            # TYPE jfr_threads_untracked_threads_total counter
            jfr_threads_untracked_threads_total{reason="end_without_start"} 0.0
            jfr_threads_untracked_threads_total{reason="thread_cap"} 0.0
            # HELP jvm_thread_ended_total Threads ended since watching began.
            # TYPE jvm_thread_ended_total counter
            jvm_thread_ended_total{virtual="false"} 1.0
            jvm_thread_ended_total{virtual="true"} 1.0
            # HELP jvm_thread_live Threads alive now: alive at the start of watching, plus started, minus ended.
            # TYPE jvm_thread_live gauge
            jvm_thread_live{virtual="false"} 10.0
            jvm_thread_live{virtual="true"} 1.0
            # HELP jvm_thread_started_total Threads started since watching began.
            # TYPE jvm_thread_started_total counter
            jvm_thread_started_total{virtual="false"} 1.0
            jvm_thread_started_total{virtual="true"} 2.0
            """);
  }

  @Test
  void lifetimesAreAHistogramInSecondsWithClassicBuckets() throws IOException {
    String text = expose(collector(), Set.of("jvm_thread_lifetime_seconds"));

    assertThat(text)
        .isEqualTo(
            """
            # HELP jvm_thread_lifetime_seconds How long threads lived, from start to end.
            # TYPE jvm_thread_lifetime_seconds histogram
            jvm_thread_lifetime_seconds_bucket{virtual="false",le="0.001"} 0
            jvm_thread_lifetime_seconds_bucket{virtual="false",le="0.01"} 0
            jvm_thread_lifetime_seconds_bucket{virtual="false",le="0.1"} 0
            jvm_thread_lifetime_seconds_bucket{virtual="false",le="1.0"} 0
            jvm_thread_lifetime_seconds_bucket{virtual="false",le="10.0"} 1
            jvm_thread_lifetime_seconds_bucket{virtual="false",le="60.0"} 1
            jvm_thread_lifetime_seconds_bucket{virtual="false",le="300.0"} 1
            jvm_thread_lifetime_seconds_bucket{virtual="false",le="1800.0"} 1
            jvm_thread_lifetime_seconds_bucket{virtual="false",le="3600.0"} 1
            jvm_thread_lifetime_seconds_bucket{virtual="false",le="21600.0"} 1
            jvm_thread_lifetime_seconds_bucket{virtual="false",le="86400.0"} 1
            jvm_thread_lifetime_seconds_bucket{virtual="false",le="+Inf"} 1
            jvm_thread_lifetime_seconds_count{virtual="false"} 1
            jvm_thread_lifetime_seconds_sum{virtual="false"} 2.0
            jvm_thread_lifetime_seconds_bucket{virtual="true",le="0.001"} 0
            jvm_thread_lifetime_seconds_bucket{virtual="true",le="0.01"} 0
            jvm_thread_lifetime_seconds_bucket{virtual="true",le="0.1"} 0
            jvm_thread_lifetime_seconds_bucket{virtual="true",le="1.0"} 1
            jvm_thread_lifetime_seconds_bucket{virtual="true",le="10.0"} 1
            jvm_thread_lifetime_seconds_bucket{virtual="true",le="60.0"} 1
            jvm_thread_lifetime_seconds_bucket{virtual="true",le="300.0"} 1
            jvm_thread_lifetime_seconds_bucket{virtual="true",le="1800.0"} 1
            jvm_thread_lifetime_seconds_bucket{virtual="true",le="3600.0"} 1
            jvm_thread_lifetime_seconds_bucket{virtual="true",le="21600.0"} 1
            jvm_thread_lifetime_seconds_bucket{virtual="true",le="86400.0"} 1
            jvm_thread_lifetime_seconds_bucket{virtual="true",le="+Inf"} 1
            jvm_thread_lifetime_seconds_count{virtual="true"} 1
            jvm_thread_lifetime_seconds_sum{virtual="true"} 0.5
            """);
  }

  @Test
  void blockingAndPinningCarryTheClassResponsibleAndTheSite() throws IOException {
    String text =
        expose(collector(), Set.of("jvm_thread_blocked_seconds", "jvm_thread_pinned_seconds"));

    assertThat(text)
        .contains(
            "jvm_thread_blocked_seconds_count{class=\"com.example.Inventory\",kind=\"monitor_enter\",virtual=\"false\"} 1\n")
        .contains(
            "jvm_thread_blocked_seconds_bucket{class=\"com.example.Inventory\",kind=\"monitor_enter\",virtual=\"false\",le=\"0.025\"} 1\n")
        .contains(
            "jvm_thread_blocked_seconds_bucket{class=\"com.example.Inventory\",kind=\"monitor_enter\",virtual=\"false\",le=\"0.01\"} 0\n")
        .contains(
            "jvm_thread_pinned_seconds_count{reason=\"VM call to <clinit> on stack\",site=\"com.example.Config.<clinit>\"} 1\n");
  }

  @Test
  void everyFamilyIsNamedForTheRegistry() {
    PrometheusRegistry registry = new PrometheusRegistry();
    ThreadMetricsCollector collector = collector();
    registry.register(collector);

    assertThat(registry.scrape().stream().map(s -> s.getMetadata().getPrometheusName()))
        .containsExactlyInAnyOrderElementsOf(
            collector.getMetricFamilyDescriptors().stream()
                .map(MetricFamilyDescriptor::getPrometheusName)
                .toList());
  }

  @Test
  void aSecondCopyOnTheSameRegistryIsRefusedAtRegistration() {
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(collector());

    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> registry.register(collector()));
  }

  @Test
  void aScrapeFilteredByNameReadsOnlyTheFamiliesAskedFor() {
    AtomicInteger snapshotReads = new AtomicInteger();
    ThreadEventAnalyzer analyzer = ThreadEventAnalyzer.forRecording(AnalyzerConfig.defaults());
    ThreadMetricsCollector collector =
        new ThreadMetricsCollector(
            () -> {
              snapshotReads.incrementAndGet();
              return analyzer.snapshot();
            },
            () -> SOURCE);

    MetricSnapshots scraped = collector.collect(name -> name.equals("jfr_threads_stream_up"));

    assertThat(scraped.stream().map(s -> s.getMetadata().getPrometheusName()))
        .containsExactly("jfr_threads_stream_up");
    assertThat(snapshotReads).hasValue(0);
  }

  @Test
  void restartsAndLostDataOfTheSourceAreCounters() throws IOException {
    SourceStatistics restarted =
        new SourceStatistics(true, Map.of(), 0, 0, "", -1, 2, 3 * 1024 * 1024);
    ThreadEventAnalyzer analyzer = ThreadEventAnalyzer.forRecording(AnalyzerConfig.defaults());
    String text =
        expose(
            new ThreadMetricsCollector(analyzer::snapshot, () -> restarted),
            Set.of("jfr_threads_stream_restarts", "jfr_threads_data_lost_bytes"));

    assertThat(text)
        .isEqualTo(
            """
            # HELP jfr_threads_data_lost_bytes_total Bytes of events JFR reports as lost (jdk.DataLoss): its buffers were full, so thread starts, ends and blocking in them are missing.
            # TYPE jfr_threads_data_lost_bytes_total counter
            jfr_threads_data_lost_bytes_total 3145728.0
            # HELP jfr_threads_stream_restarts_total Times jfr-threads restarted its JFR recording after someone else stopped it or it failed; events in between are missing.
            # TYPE jfr_threads_stream_restarts_total counter
            jfr_threads_stream_restarts_total 2.0
            """);
  }

  private static ThreadMetricsCollector collector() {
    ThreadEventAnalyzer analyzer = ThreadEventAnalyzer.forRecording(AnalyzerConfig.defaults());
    analyzer.assumeAlreadyLive(ThreadKind.PLATFORM, 10);
    analyzer.onEvent(new ThreadStarted(11, false, SECOND, List.of()));
    analyzer.onEvent(new ThreadEnded(11, false, 3 * SECOND));
    analyzer.onEvent(new ThreadStarted(12, true, SECOND, List.of()));
    analyzer.onEvent(new ThreadEnded(12, true, SECOND + 500 * MILLI));
    analyzer.onEvent(new ThreadStarted(13, true, 2 * SECOND, List.of()));
    analyzer.onEvent(
        new ThreadBlocked(
            20,
            false,
            BlockingKind.MONITOR_ENTER,
            2 * SECOND,
            20 * MILLI,
            "com.example.Inventory",
            List.of()));
    analyzer.onEvent(
        new ThreadPinned(
            13,
            2 * SECOND,
            30 * MILLI,
            "VM call to com.example.Config.<clinit> on stack",
            "LockSupport.park",
            List.of(
                new StackFrame("java.lang.VirtualThread", "parkOnCarrierThread"),
                new StackFrame("com.example.Config", "<clinit>"))));
    analyzer.publish();
    return new ThreadMetricsCollector(analyzer::snapshot, () -> SOURCE);
  }

  private static String expose(ThreadMetricsCollector collector, Set<String> names)
      throws IOException {
    MetricSnapshots snapshots = collector.collect(names::contains);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, snapshots, EscapingScheme.ALLOW_UTF8);
    return out.toString(StandardCharsets.UTF_8);
  }
}
