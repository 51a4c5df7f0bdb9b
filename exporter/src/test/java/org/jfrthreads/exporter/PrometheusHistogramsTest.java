package org.jfrthreads.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBucket;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.NativeHistogramBucket;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jfrthreads.analyzer.DurationHistogram;
import org.junit.jupiter.api.Test;

class PrometheusHistogramsTest {

  private static final double[] BOUNDS = PrometheusHistograms.BLOCKING_BUCKETS_SECONDS;

  @Test
  void durationsLandInTheirClassicBucketAndTheSumIsExact() {
    DurationHistogram durations = Durations.of(2_000_000, 20_000_000, 20_000_000, 700_000_000);

    HistogramDataPointSnapshot point =
        PrometheusHistograms.histogram(durations, BOUNDS, Labels.EMPTY);

    assertThat(classicCounts(point))
        .containsExactly(0L, 1L, 0L, 2L, 0L, 0L, 0L, 0L, 1L, 0L, 0L, 0L, 0L, 0L, 0L);
    assertThat(point.getSum()).isEqualTo(0.742);
    assertThat(point.getCount()).isEqualTo(4);
  }

  @Test
  void classicAndNativeBucketsCountTheSameDurations() {
    Random random = new Random(0);
    long[] nanos = new long[10_000];
    for (int i = 0; i < nanos.length; i++) {
      nanos[i] = (long) Math.exp(random.nextDouble() * Math.log(60e9));
    }

    HistogramDataPointSnapshot point =
        PrometheusHistograms.histogram(Durations.of(nanos), BOUNDS, Labels.EMPTY);

    long nativeTotal = point.getNativeZeroCount();
    for (NativeHistogramBucket bucket : point.getNativeBucketsForPositiveValues()) {
      nativeTotal += bucket.getCount();
    }
    assertThat(nativeTotal).isEqualTo(nanos.length);
    assertThat(classicCounts(point).stream().mapToLong(Long::longValue).sum())
        .isEqualTo(nanos.length);
  }

  @Test
  void eachNativeBucketHoldsTheValuesBetweenItsBoundaries() {
    // 1 s sits on the upper boundary of bucket 0 at every schema; 1.5 s is inside bucket 19 of 32
    // at schema 5 (2^(18/32) = 1.477 < 1.5 <= 2^(19/32) = 1.509).
    assertThat(PrometheusHistograms.nativeIndex(1.0, 5)).isZero();
    assertThat(PrometheusHistograms.nativeIndex(1.5, 5)).isEqualTo(19);
    assertThat(PrometheusHistograms.nativeIndex(0.5, 0)).isEqualTo(-1);
    assertThat(PrometheusHistograms.nativeIndex(3.0, 0)).isEqualTo(2);
  }

  @Test
  void wideDistributionsLowerTheNativeSchemaToStayWithinTheBucketLimit() {
    List<Long> nanos = new ArrayList<>();
    for (double seconds = 1e-6; seconds < 3600; seconds *= 1.01) {
      nanos.add((long) (seconds * 1e9));
    }

    HistogramDataPointSnapshot point =
        PrometheusHistograms.histogram(
            Durations.of(nanos.stream().mapToLong(Long::longValue).toArray()),
            BOUNDS,
            Labels.EMPTY);

    assertThat(point.getNativeBucketsForPositiveValues().size())
        .isLessThanOrEqualTo(PrometheusHistograms.MAX_NATIVE_BUCKETS);
    assertThat(point.getNativeSchema()).isLessThan(PrometheusHistograms.INITIAL_NATIVE_SCHEMA);
  }

  @Test
  void summaryGivesQuantilesInSecondsAndNanWhenEmpty() {
    SummaryDataPointSnapshot filled =
        PrometheusHistograms.summary(
            Durations.of(10_000_000, 20_000_000, 30_000_000), Labels.EMPTY);
    SummaryDataPointSnapshot empty =
        PrometheusHistograms.summary(DurationHistogram.EMPTY, Labels.EMPTY);

    assertThat(filled.getQuantiles())
        .extracting(Quantile::getQuantile)
        .containsExactly(0.5, 0.9, 0.99, 1.0);
    assertThat(filled.getQuantiles().get(3).getValue())
        .isCloseTo(0.030, org.assertj.core.data.Percentage.withPercentage(1));
    assertThat(filled.getCount()).isEqualTo(3);
    assertThat(empty.getQuantiles()).allSatisfy(q -> assertThat(q.getValue()).isNaN());
  }

  private static List<Long> classicCounts(HistogramDataPointSnapshot point) {
    List<Long> counts = new ArrayList<>();
    for (ClassicHistogramBucket bucket : point.getClassicBuckets()) {
      counts.add(bucket.getCount());
    }
    return counts;
  }
}
