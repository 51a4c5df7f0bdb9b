package org.jfrthreads.opentelemetry;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.Data;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramBuckets;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramData;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramPointData;
import io.opentelemetry.sdk.metrics.data.GaugeData;
import io.opentelemetry.sdk.metrics.data.HistogramData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.data.SumData;
import io.opentelemetry.sdk.metrics.data.SummaryData;
import io.opentelemetry.sdk.metrics.data.SummaryPointData;
import io.opentelemetry.sdk.metrics.data.ValueAtQuantile;
import io.opentelemetry.sdk.resources.Resource;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.NativeHistogramBuckets;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Turns Prometheus snapshots into OpenTelemetry metric data, point by point, without changing a
 * count or a sum. Stateless but for the start time; thread-safe.
 */
final class SnapshotConversion {

  static final InstrumentationScopeInfo SCOPE = InstrumentationScopeInfo.create("org.jfrthreads");

  private final long startEpochNanos;
  private final Clock clock;

  SnapshotConversion(long startEpochNanos, Clock clock) {
    this.startEpochNanos = startEpochNanos;
    this.clock = clock;
  }

  List<MetricData> convert(MetricSnapshots snapshots, Resource resource) {
    long epochNanos = clock.now();
    List<MetricData> metrics = new ArrayList<>(snapshots.size());
    for (MetricSnapshot snapshot : snapshots) {
      MetricMetadata metadata = snapshot.getMetadata();
      Family family = new Family(resource, metadata, epochNanos);
      switch (snapshot) {
        case CounterSnapshot counter -> metrics.add(family.counter(counter));
        case GaugeSnapshot gauge -> metrics.add(family.gauge(gauge));
        case HistogramSnapshot histogram -> metrics.add(family.histogram(histogram));
        case SummarySnapshot summary -> metrics.add(family.summary(summary));
        // The library's collectors make none of the other kinds (info, state set, unknown).
        default -> {}
      }
    }
    return metrics;
  }

  private final class Family {
    private final Resource resource;
    private final MetricMetadata metadata;
    private final long epochNanos;

    Family(Resource resource, MetricMetadata metadata, long epochNanos) {
      this.resource = resource;
      this.metadata = metadata;
      this.epochNanos = epochNanos;
    }

    MetricData counter(CounterSnapshot counter) {
      List<DoublePointData> points = new ArrayList<>();
      for (CounterSnapshot.CounterDataPointSnapshot point : counter.getDataPoints()) {
        points.add(
            DoublePointData.create(
                startEpochNanos,
                epochNanos,
                attributes(point.getLabels()),
                point.getValue(),
                List.of()));
      }
      return data(
          MetricDataType.DOUBLE_SUM,
          SumData.createDoubleSumData(true, AggregationTemporality.CUMULATIVE, points));
    }

    MetricData gauge(GaugeSnapshot gauge) {
      List<DoublePointData> points = new ArrayList<>();
      for (GaugeSnapshot.GaugeDataPointSnapshot point : gauge.getDataPoints()) {
        points.add(
            DoublePointData.create(
                startEpochNanos,
                epochNanos,
                attributes(point.getLabels()),
                point.getValue(),
                List.of()));
      }
      return data(MetricDataType.DOUBLE_GAUGE, GaugeData.createDoubleGaugeData(points));
    }

    MetricData histogram(HistogramSnapshot histogram) {
      boolean exponential =
          histogram.getDataPoints().stream()
              .allMatch(HistogramDataPointSnapshot::hasNativeHistogramData);
      if (!exponential) {
        List<HistogramPointData> points = new ArrayList<>();
        for (HistogramDataPointSnapshot point : histogram.getDataPoints()) {
          points.add(explicitBuckets(point));
        }
        return data(
            MetricDataType.HISTOGRAM,
            HistogramData.create(AggregationTemporality.CUMULATIVE, points));
      }
      List<ExponentialHistogramPointData> points = new ArrayList<>();
      for (HistogramDataPointSnapshot point : histogram.getDataPoints()) {
        int scale = point.getNativeSchema();
        points.add(
            ExponentialHistogramPointData.create(
                scale,
                point.hasSum() ? point.getSum() : 0,
                point.getNativeZeroCount(),
                false,
                0,
                false,
                0,
                exponentialBuckets(scale, point.getNativeBucketsForPositiveValues()),
                exponentialBuckets(scale, point.getNativeBucketsForNegativeValues()),
                startEpochNanos,
                epochNanos,
                attributes(point.getLabels()),
                List.of()));
      }
      return data(
          MetricDataType.EXPONENTIAL_HISTOGRAM,
          ExponentialHistogramData.create(AggregationTemporality.CUMULATIVE, points));
    }

    private HistogramPointData explicitBuckets(HistogramDataPointSnapshot point) {
      ClassicHistogramBuckets buckets = point.getClassicBuckets();
      List<Double> boundaries = new ArrayList<>();
      List<Long> counts = new ArrayList<>();
      for (int i = 0; i < buckets.size(); i++) {
        if (buckets.getUpperBound(i) != Double.POSITIVE_INFINITY) {
          boundaries.add(buckets.getUpperBound(i));
        }
        counts.add(buckets.getCount(i));
      }
      return HistogramPointData.create(
          startEpochNanos,
          epochNanos,
          attributes(point.getLabels()),
          point.hasSum() ? point.getSum() : 0,
          false,
          0,
          false,
          0,
          boundaries,
          counts);
    }

    MetricData summary(SummarySnapshot summary) {
      List<SummaryPointData> points = new ArrayList<>();
      for (SummarySnapshot.SummaryDataPointSnapshot point : summary.getDataPoints()) {
        List<ValueAtQuantile> quantiles = new ArrayList<>();
        for (Quantile quantile : point.getQuantiles()) {
          quantiles.add(ValueAtQuantile.create(quantile.getQuantile(), quantile.getValue()));
        }
        points.add(
            SummaryPointData.create(
                startEpochNanos,
                epochNanos,
                attributes(point.getLabels()),
                point.hasCount() ? point.getCount() : 0,
                point.hasSum() ? point.getSum() : 0,
                quantiles));
      }
      return data(MetricDataType.SUMMARY, SummaryData.create(points));
    }

    private MetricData data(MetricDataType type, Data<?> data) {
      return new BridgedMetricData(
          resource,
          SCOPE,
          metadata.getPrometheusName(),
          metadata.getHelp() == null ? "" : metadata.getHelp(),
          unit(metadata),
          type,
          data);
    }
  }

  /**
   * Prometheus native bucket {@code i} holds (base^(i-1), base^i]; OpenTelemetry bucket {@code k}
   * holds (base^k, base^(k+1)], with the same base at scale = schema. So native bucket {@code i} is
   * exponential bucket {@code i - 1}, and the sparse native buckets become a dense run from the
   * first non-empty one.
   */
  static ExponentialHistogramBuckets exponentialBuckets(int scale, NativeHistogramBuckets buckets) {
    if (buckets.size() == 0) {
      return ExponentialHistogramBuckets.create(scale, 0, Collections.emptyList());
    }
    int first = buckets.getBucketIndex(0);
    int last = buckets.getBucketIndex(buckets.size() - 1);
    Long[] counts = new Long[last - first + 1];
    Arrays.fill(counts, 0L);
    for (int i = 0; i < buckets.size(); i++) {
      counts[buckets.getBucketIndex(i) - first] = buckets.getCount(i);
    }
    return ExponentialHistogramBuckets.create(scale, first - 1, List.of(counts));
  }

  static Attributes attributes(Labels labels) {
    AttributesBuilder attributes = Attributes.builder();
    for (int i = 0; i < labels.size(); i++) {
      attributes.put(labels.getName(i), labels.getValue(i));
    }
    return attributes.build();
  }

  /** UCUM, as OpenTelemetry names units: {@code s} for seconds; empty when there is none. */
  static String unit(MetricMetadata metadata) {
    if (!metadata.hasUnit()) {
      return "";
    }
    Unit unit = metadata.getUnit();
    return unit.equals(Unit.SECONDS) ? "s" : unit.toString();
  }
}
