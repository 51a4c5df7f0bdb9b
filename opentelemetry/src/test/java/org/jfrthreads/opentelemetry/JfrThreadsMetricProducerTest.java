package org.jfrthreads.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.data.SummaryPointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.DistributionDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.jfrthreads.analyzer.ThreadKind;
import org.jfrthreads.exporter.JfrThreads;
import org.jfrthreads.stream.BlockingKind;
import org.junit.jupiter.api.Test;

class JfrThreadsMetricProducerTest {

  private static final Attributes CONTENDED =
      Attributes.builder()
          .put("class", Contention.class.getName())
          .put("kind", "monitor_enter")
          .put("virtual", "false")
          .build();

  @Test
  void countsAndSumsAreThoseOfThePrometheusSideForTheSameEvents() throws Exception {
    PrometheusRegistry prometheus = new PrometheusRegistry();
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (JfrThreadsMetricProducer producer =
            JfrThreadsMetricProducer.start(JfrThreads.builder(), prometheus);
        SdkMeterProvider meters =
            SdkMeterProvider.builder()
                .registerMetricReader(reader)
                .registerMetricProducer(producer)
                .build()) {
      assertThat(producer.problems()).isEmpty();
      Contention.onceOnMonitor();
      assertThat(
              Contention.pollUntil(
                  () ->
                      producer
                              .threads()
                              .snapshot()
                              .blocked(
                                  BlockingKind.MONITOR_ENTER,
                                  ThreadKind.PLATFORM,
                                  Contention.class.getName())
                              .count()
                          == 1,
                  Duration.ofSeconds(30)))
          .as("the contended monitor was analyzed")
          .isTrue();

      // Other threads of this JVM may block meanwhile: compare an OpenTelemetry collection with
      // two Prometheus scrapes around it that agree.
      Map<String, String> before;
      Map<String, String> otel;
      Map<String, String> after;
      Collection<MetricData> collected;
      int attempts = 0;
      do {
        assertThat(attempts++)
            .as("attempts at a collection between two equal scrapes")
            .isLessThan(100);
        before = countsAndSums(prometheus.scrape());
        collected = reader.collectAllMetrics();
        otel = countsAndSums(collected);
        after = countsAndSums(prometheus.scrape());
      } while (!before.equals(after));

      assertThat(otel).isEqualTo(before);
      assertThat(otel)
          .containsKeys(
              "jvm_thread_blocked_seconds" + CONTENDED,
              "jvm_thread_lifetime_seconds{virtual=\"false\"}",
              "jvm_thread_blocked_recent_seconds{kind=\"monitor_enter\", virtual=\"false\"}",
              "jvm_thread_started{virtual=\"false\"}",
              "jfr_threads_events{event=\"jdk.JavaMonitorEnter\"}");
      assertThat(before).hasSameSizeAs(otel);
      assertThat(otel.get("jvm_thread_blocked_seconds" + CONTENDED)).startsWith("1 ");

      ExponentialHistogramPointData contended = blockedPoint(collected);
      assertThat(contended.getScale()).isEqualTo(nativeSchema(prometheus.scrape()));
      assertThat(contended.getPositiveBuckets().getTotalCount()).isEqualTo(1);
      assertThat(contended.getZeroCount()).isZero();
      // The one event (its duration is the exact sum) lies in the one bucket that counts it,
      // within the 1 % that an HdrHistogram bucket spans.
      double base = Math.pow(2, Math.pow(2, -contended.getScale()));
      int index = contended.getPositiveBuckets().getBucketCounts().indexOf(1L);
      int bucket = contended.getPositiveBuckets().getOffset() + index;
      assertThat(contended.getSum())
          .isGreaterThan(Math.pow(base, bucket) * 0.99)
          .isLessThanOrEqualTo(Math.pow(base, bucket + 1) * 1.01);
      // The README's excerpt is taken from this file.
      Files.writeString(
          Path.of("target", "opentelemetry-blocked-point.txt"),
          collected.stream()
                  .filter(metric -> metric.getName().equals("jvm_thread_blocked_seconds"))
                  .map(metric -> metric.getType() + " " + metric.getUnit() + "\n")
                  .findFirst()
                  .orElse("")
              + contended);
    }
  }

  @Test
  void familiesKeepTheirNamesUnitsAndTypes() {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (JfrThreadsMetricProducer producer = JfrThreadsMetricProducer.start(JfrThreads.builder());
        SdkMeterProvider meters =
            SdkMeterProvider.builder()
                .registerMetricReader(reader)
                .registerMetricProducer(producer)
                .build()) {
      Map<String, String> types = new TreeMap<>();
      for (MetricData metric : reader.collectAllMetrics()) {
        types.put(metric.getName(), metric.getType() + " " + metric.getUnit());
      }

      assertThat(types)
          .containsEntry("jvm_thread_lifetime_seconds", "EXPONENTIAL_HISTOGRAM s")
          .containsEntry("jvm_thread_lifetime_recent_seconds", "SUMMARY s")
          .containsEntry("jvm_thread_started", "DOUBLE_SUM ")
          .containsEntry("jvm_thread_live", "DOUBLE_GAUGE ")
          .containsEntry("jvm_thread_states", "DOUBLE_GAUGE ")
          .containsEntry("jfr_threads_stream_up", "DOUBLE_GAUGE ")
          .containsEntry("jfr_threads_sampler_interval_seconds", "DOUBLE_GAUGE s");
      assertThat(
              reader.collectAllMetrics().stream()
                  .filter(metric -> metric.getName().equals("jvm_thread_started"))
                  .findFirst()
                  .orElseThrow()
                  .getDoubleSumData()
                  .isMonotonic())
          .isTrue();
    }
  }

  @Test
  void aProducerNoSdkCollectsFromSaysSoAndOneThatIsCollectedDoesNot() {
    try (JfrThreadsMetricProducer producer = JfrThreadsMetricProducer.start(JfrThreads.builder())) {
      assertThat(producer.uncollectedProblem())
          .hasValueSatisfying(
              problem ->
                  assertThat(problem)
                      .startsWith("no OpenTelemetry SDK has collected the thread metrics")
                      .contains("registerMetricProducer", "only the OpenTelemetry API"));

      InMemoryMetricReader reader = InMemoryMetricReader.create();
      try (SdkMeterProvider meters =
          SdkMeterProvider.builder()
              .registerMetricReader(reader)
              .registerMetricProducer(producer)
              .build()) {
        assertThat(reader.collectAllMetrics()).isNotEmpty();
      }
      assertThat(producer.uncollectedProblem()).isEmpty();
    }
  }

  @Test
  void afterCloseACollectionHasNothing() {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    JfrThreadsMetricProducer producer = JfrThreadsMetricProducer.start(JfrThreads.builder());
    try (SdkMeterProvider meters =
        SdkMeterProvider.builder()
            .registerMetricReader(reader)
            .registerMetricProducer(producer)
            .build()) {
      producer.close();
      producer.close();

      assertThat(reader.collectAllMetrics()).isEmpty();
    }
  }

  private static ExponentialHistogramPointData blockedPoint(Collection<MetricData> metrics) {
    return metrics.stream()
        .filter(metric -> metric.getName().equals("jvm_thread_blocked_seconds"))
        .flatMap(metric -> metric.getExponentialHistogramData().getPoints().stream())
        .filter(point -> point.getAttributes().equals(CONTENDED))
        .findFirst()
        .orElseThrow();
  }

  private static int nativeSchema(MetricSnapshots snapshots) {
    for (MetricSnapshot snapshot : snapshots) {
      if (snapshot instanceof HistogramSnapshot histogram
          && snapshot.getMetadata().getName().equals("jvm_thread_blocked_seconds")) {
        for (HistogramDataPointSnapshot point : histogram.getDataPoints()) {
          if (point.getLabels().get("class").equals(Contention.class.getName())) {
            return point.getNativeSchema();
          }
        }
      }
    }
    throw new AssertionError("no contended series");
  }

  /** "name{attributes}" to "count sum" for every histogram and summary, the value of counters. */
  private static Map<String, String> countsAndSums(MetricSnapshots snapshots) {
    Map<String, String> values = new TreeMap<>();
    for (MetricSnapshot snapshot : snapshots) {
      if (snapshot instanceof HistogramSnapshot
          || snapshot instanceof SummarySnapshot
          || snapshot instanceof CounterSnapshot) {
        for (DataPointSnapshot point : snapshot.getDataPoints()) {
          String key =
              snapshot.getMetadata().getPrometheusName()
                  + SnapshotConversion.attributes(point.getLabels());
          values.put(
              key,
              point instanceof DistributionDataPointSnapshot distribution
                  ? distribution.getCount() + " " + distribution.getSum()
                  : String.valueOf(((CounterSnapshot.CounterDataPointSnapshot) point).getValue()));
        }
      }
    }
    return values;
  }

  private static Map<String, String> countsAndSums(Collection<MetricData> metrics) {
    Map<String, String> values = new TreeMap<>();
    for (MetricData metric : metrics) {
      for (PointData point : metric.getData().getPoints()) {
        String key = metric.getName() + point.getAttributes();
        if (metric.getType() == MetricDataType.EXPONENTIAL_HISTOGRAM) {
          ExponentialHistogramPointData histogram = (ExponentialHistogramPointData) point;
          values.put(key, histogram.getCount() + " " + histogram.getSum());
        } else if (metric.getType() == MetricDataType.SUMMARY) {
          SummaryPointData summary = (SummaryPointData) point;
          values.put(key, summary.getCount() + " " + summary.getSum());
        } else if (metric.getType() == MetricDataType.DOUBLE_SUM) {
          values.put(key, String.valueOf(((DoublePointData) point).getValue()));
        }
      }
    }
    return values;
  }
}
