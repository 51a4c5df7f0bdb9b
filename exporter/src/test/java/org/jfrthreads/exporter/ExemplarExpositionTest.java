package org.jfrthreads.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jfrthreads.analyzer.AnalyzerConfig;
import org.jfrthreads.analyzer.ThreadEventAnalyzer;
import org.jfrthreads.analyzer.TraceExemplar;
import org.jfrthreads.stream.BlockingKind;
import org.jfrthreads.stream.SourceStatistics;
import org.jfrthreads.stream.ThreadBlocked;
import org.jfrthreads.stream.ThreadPinned;
import org.jfrthreads.stream.TraceScope;
import org.junit.jupiter.api.Test;

/** Exemplars on the blocking and pinned histograms: in OpenMetrics, and only there. */
class ExemplarExpositionTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long MILLI = 1_000_000L;
  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String SPAN = "b7ad6b7169203331";
  private static final SourceStatistics SOURCE = new SourceStatistics(true, Map.of(), 0, 0, "", -1);

  @Test
  void eachClassicBucketCarriesItsLatestExemplarInOpenMetrics() throws IOException {
    String text = expose(collector(), OpenMetricsTextFormatWriter.create());

    assertThat(text)
        .contains(
            "jvm_thread_blocked_seconds_bucket{class=\"com.example.Inventory\",kind=\"monitor_enter\",virtual=\"false\",le=\"0.025\"} 1 # {span_id=\""
                + SPAN
                + "\",trace_id=\""
                + TRACE
                + "\"} 0.02 2.020\n",
            "jvm_thread_blocked_seconds_bucket{class=\"com.example.Inventory\",kind=\"monitor_enter\",virtual=\"false\",le=\"0.5\"} 2 # {span_id=\"00f067aa0ba902b7\",trace_id=\"4bf92f3577b34da6a3ce929d0e0e4736\"} 0.3 2.400\n",
            "jvm_thread_pinned_seconds_bucket{reason=\"VM call to <clinit> on stack\",site=\"unknown\",le=\"0.05\"} 1 # {span_id=\""
                + SPAN
                + "\",trace_id=\""
                + TRACE
                + "\"} 0.03 2.030\n",
            "jfr_threads_exemplar_candidates_total{outcome=\"dropped\"} 0.0\n",
            "jfr_threads_exemplar_candidates_total{outcome=\"matched\"} 3.0\n",
            "jfr_threads_exemplar_candidates_total{outcome=\"without_scope\"} 0.0\n");
    assertThat(text.lines().filter(line -> line.contains("trace_id")).count()).isEqualTo(3);
  }

  @Test
  void thePrometheusTextFormatIsUnaffected() throws IOException {
    String text = expose(collector(), PrometheusTextFormatWriter.create());

    assertThat(text).doesNotContain("trace_id").doesNotContain(" # {");
    assertThat(text)
        .contains(
            "jvm_thread_blocked_seconds_bucket{class=\"com.example.Inventory\",kind=\"monitor_enter\",virtual=\"false\",le=\"0.025\"} 1\n");
  }

  @Test
  void theExemplarBucketsOfTheAnalyzerAreTheClassicBuckets() {
    assertThat(
            TraceExemplar.BUCKET_UPPER_BOUNDS_NANOS.stream()
                .map(nanos -> nanos == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : nanos / 1e9)
                .toList())
        .containsExactlyElementsOf(
            Arrays.stream(PrometheusHistograms.BLOCKING_BUCKETS_SECONDS).boxed().toList());
  }

  private static ThreadMetricsCollector collector() {
    ThreadEventAnalyzer analyzer = ThreadEventAnalyzer.forRecording(AnalyzerConfig.defaults());
    analyzer.onEvent(new TraceScope(99, SECOND, 20 * MILLI, "f".repeat(32), "f".repeat(16)));
    analyzer.onEvent(blocked(2 * SECOND, 20 * MILLI));
    analyzer.onEvent(new TraceScope(20, 2 * SECOND, 50 * MILLI, TRACE, SPAN));
    analyzer.onEvent(blocked(2 * SECOND + 100 * MILLI, 300 * MILLI));
    analyzer.onEvent(
        new TraceScope(
            20,
            2 * SECOND + 50 * MILLI,
            400 * MILLI,
            "4bf92f3577b34da6a3ce929d0e0e4736",
            "00f067aa0ba902b7"));
    analyzer.onEvent(
        new ThreadPinned(
            13,
            2 * SECOND,
            30 * MILLI,
            "VM call to com.example.Config.<clinit> on stack",
            "",
            List.of()));
    analyzer.onEvent(new TraceScope(13, 2 * SECOND, 40 * MILLI, TRACE, SPAN));
    analyzer.publish();
    return new ThreadMetricsCollector(analyzer::snapshot, () -> SOURCE);
  }

  private static ThreadBlocked blocked(long startNanos, long durationNanos) {
    return new ThreadBlocked(
        20,
        false,
        BlockingKind.MONITOR_ENTER,
        startNanos,
        durationNanos,
        "com.example.Inventory",
        List.of());
  }

  private interface Writer {
    void write(java.io.OutputStream out, MetricSnapshots snapshots, EscapingScheme scheme)
        throws IOException;
  }

  private static String expose(ThreadMetricsCollector collector, OpenMetricsTextFormatWriter writer)
      throws IOException {
    return expose(collector, (Writer) writer::write);
  }

  private static String expose(ThreadMetricsCollector collector, PrometheusTextFormatWriter writer)
      throws IOException {
    return expose(collector, (Writer) writer::write);
  }

  private static String expose(ThreadMetricsCollector collector, Writer writer) throws IOException {
    Set<String> names =
        Set.of(
            ThreadMetricsCollector.BLOCKED,
            ThreadMetricsCollector.PINNED,
            ThreadMetricsCollector.EXEMPLAR_CANDIDATES);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(out, collector.collect(names::contains), EscapingScheme.ALLOW_UTF8);
    return out.toString(StandardCharsets.UTF_8);
  }
}
