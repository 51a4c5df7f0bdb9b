package org.jfrthreads.exporter;

import io.prometheus.metrics.core.metrics.SummaryWithCallback;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.Exemplar;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.NativeHistogramBuckets;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfrthreads.analyzer.DurationHistogram;
import org.jfrthreads.analyzer.TraceExemplar;

/**
 * Converts a {@link DurationHistogram} (nanoseconds, HdrHistogram) into Prometheus data points
 * (seconds): a histogram with both classic and native buckets, or a summary of quantiles.
 *
 * <p>Both kinds of bucket are filled from the same pass over the HdrHistogram buckets, each
 * HdrHistogram bucket counted where its middle value falls, so the classic and native counts agree
 * with each other and with {@code _count}; {@code _sum} is the exact sum. An HdrHistogram bucket is
 * at most 1 % wide, so a value lands in a neighbouring Prometheus bucket only when it lies within 1
 * % of a boundary.
 *
 * <p>The analyzer's {@linkplain DurationHistogram#exemplars() exemplars} go with the data point,
 * labelled {@value #TRACE_ID} and {@value #SPAN_ID}: the OpenMetrics writer puts on each classic
 * bucket the one whose value falls in it, the latest of that bucket (the analyzer's exemplar
 * buckets are {@link #BLOCKING_BUCKETS_SECONDS}). The Prometheus text format has no exemplars.
 */
final class PrometheusHistograms {

  /** The exemplar labels, as OpenTelemetry and Grafana name them. */
  static final String TRACE_ID = "trace_id";

  static final String SPAN_ID = "span_id";

  /**
   * Classic buckets for blocking and pinned times: 1 ms to 1 min; the same as the analyzer's {@link
   * TraceExemplar#BUCKET_UPPER_BOUNDS_NANOS}, so each bucket shows its latest exemplar.
   */
  static final double[] BLOCKING_BUCKETS_SECONDS = {
    0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, Double.POSITIVE_INFINITY
  };

  /** Classic buckets for thread lifetimes: 1 ms to 1 day. */
  static final double[] LIFETIME_BUCKETS_SECONDS = {
    0.001, 0.01, 0.1, 1, 10, 60, 300, 1800, 3600, 21600, 86400, Double.POSITIVE_INFINITY
  };

  /**
   * Native buckets start at schema 5 (a bucket every 2.2 %, just coarser than the HdrHistogram's 1
   * %) and halve their resolution until at most {@link #MAX_NATIVE_BUCKETS} remain, as the
   * Prometheus Java client does by default.
   */
  static final int INITIAL_NATIVE_SCHEMA = 5;

  static final int MAX_NATIVE_BUCKETS = 160;

  /** The Prometheus Java client's default zero threshold; durations are never that small. */
  static final double NATIVE_ZERO_THRESHOLD = Math.pow(2, -128);

  /** The quantiles of the windowed summaries; 1 is the maximum. */
  static final double[] QUANTILES = {0.5, 0.9, 0.99, 1};

  private PrometheusHistograms() {}

  static HistogramDataPointSnapshot histogram(
      DurationHistogram durations, double[] classicUpperBoundsSeconds, Labels labels) {
    long[] classicCounts = new long[classicUpperBoundsSeconds.length];
    TreeMap<Integer, Long> nativeCounts = new TreeMap<>();
    long[] zeroCount = {0};
    durations.forEachBucket(
        (valueNanos, count) -> {
          double seconds = Unit.nanosToSeconds(valueNanos);
          classicCounts[classicBucket(seconds, classicUpperBoundsSeconds)] += count;
          if (seconds <= NATIVE_ZERO_THRESHOLD) {
            zeroCount[0] += count;
          } else {
            nativeCounts.merge(nativeIndex(seconds, INITIAL_NATIVE_SCHEMA), count, Long::sum);
          }
        });
    int schema = INITIAL_NATIVE_SCHEMA;
    Map<Integer, Long> buckets = nativeCounts;
    while (buckets.size() > MAX_NATIVE_BUCKETS && schema > -4) {
      buckets = halveResolution(buckets);
      schema--;
    }
    return new HistogramDataPointSnapshot(
        ClassicHistogramBuckets.of(classicUpperBoundsSeconds, classicCounts),
        schema,
        zeroCount[0],
        NATIVE_ZERO_THRESHOLD,
        nativeBuckets(buckets),
        NativeHistogramBuckets.EMPTY,
        Unit.nanosToSeconds(durations.sumNanos()),
        labels,
        exemplars(durations.exemplars()),
        0L);
  }

  private static Exemplars exemplars(List<TraceExemplar> traced) {
    if (traced.isEmpty()) {
      return Exemplars.EMPTY;
    }
    List<Exemplar> exemplars = new ArrayList<>(traced.size());
    for (TraceExemplar exemplar : traced) {
      exemplars.add(
          Exemplar.builder()
              .value(Unit.nanosToSeconds(exemplar.durationNanos()))
              .labels(Labels.of(TRACE_ID, exemplar.traceId(), SPAN_ID, exemplar.spanId()))
              .timestampMillis(exemplar.endEpochNanos() / 1_000_000L)
              .build());
    }
    return Exemplars.of(exemplars);
  }

  static SummaryDataPointSnapshot summary(DurationHistogram durations, Labels labels) {
    return new SummaryDataPointSnapshot(
        durations.count(),
        Unit.nanosToSeconds(durations.sumNanos()),
        quantiles(durations),
        labels,
        Exemplars.EMPTY,
        0L);
  }

  /** Reports {@code durations} as one data point of a {@link SummaryWithCallback}. */
  static void summary(
      SummaryWithCallback.Callback callback, DurationHistogram durations, String... labelValues) {
    callback.call(
        durations.count(),
        Unit.nanosToSeconds(durations.sumNanos()),
        quantiles(durations),
        labelValues);
  }

  /** The {@link #QUANTILES} in seconds; NaN when there is no value. */
  private static Quantiles quantiles(DurationHistogram durations) {
    Quantile[] quantiles = new Quantile[QUANTILES.length];
    for (int i = 0; i < QUANTILES.length; i++) {
      double value =
          durations.count() == 0
              ? Double.NaN
              : Unit.nanosToSeconds(durations.valueAtQuantile(QUANTILES[i]));
      quantiles[i] = new Quantile(QUANTILES[i], value);
    }
    return Quantiles.of(quantiles);
  }

  private static int classicBucket(double seconds, double[] upperBounds) {
    for (int i = 0; i < upperBounds.length; i++) {
      if (seconds <= upperBounds[i]) {
        return i;
      }
    }
    return upperBounds.length - 1;
  }

  /**
   * The native bucket of {@code value}: bucket {@code i} holds (base^(i-1), base^i] with base =
   * 2^(2^-schema).
   */
  static int nativeIndex(double value, int schema) {
    return (int) Math.ceil(Math.log(value) / Math.log(2) * Math.scalb(1.0, schema));
  }

  /** Merges bucket pairs: at schema s-1, bucket i covers buckets 2i-1 and 2i of schema s. */
  private static Map<Integer, Long> halveResolution(Map<Integer, Long> buckets) {
    TreeMap<Integer, Long> halved = new TreeMap<>();
    buckets.forEach((index, count) -> halved.merge(Math.floorDiv(index + 1, 2), count, Long::sum));
    return halved;
  }

  private static NativeHistogramBuckets nativeBuckets(Map<Integer, Long> buckets) {
    int[] indexes = new int[buckets.size()];
    long[] counts = new long[buckets.size()];
    int i = 0;
    for (Map.Entry<Integer, Long> bucket : buckets.entrySet()) {
      indexes[i] = bucket.getKey();
      counts[i] = bucket.getValue();
      i++;
    }
    return NativeHistogramBuckets.of(indexes, counts);
  }
}
