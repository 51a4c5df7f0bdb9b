package org.jfrthreads.exporter;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import java.util.function.Supplier;

/**
 * A histogram family in seconds whose data points are made at each scrape from the analyzer's
 * HdrHistograms (see {@link PrometheusHistograms}). client_java's {@code Histogram} records values
 * itself and has no callback form; these values are recorded once already, by the analyzer.
 * Thread-safe when {@code points} is.
 */
final class HistogramFamily implements Collector {

  private final MetricFamilyDescriptor descriptor;
  private final Supplier<List<HistogramDataPointSnapshot>> points;

  /**
   * @param points the data points of one scrape; called from the scraping thread, must not block
   */
  HistogramFamily(
      String name,
      String help,
      List<String> labelNames,
      Supplier<List<HistogramDataPointSnapshot>> points) {
    this.descriptor =
        MetricFamilyDescriptor.of(
            MetricType.HISTOGRAM, new MetricMetadata(name, help, Unit.SECONDS), labelNames);
    this.points = points;
  }

  @Override
  public HistogramSnapshot collect() {
    return new HistogramSnapshot(descriptor.getMetadata(), points.get());
  }

  @Override
  public MetricFamilyDescriptor getMetricFamilyDescriptor() {
    return descriptor;
  }
}
