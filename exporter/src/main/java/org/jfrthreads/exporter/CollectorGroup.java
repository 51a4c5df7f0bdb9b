package org.jfrthreads.exporter;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Families registered and scraped as one: each is a {@link Collector} of a single family
 * (client_java's callback metrics, or a {@link HistogramFamily}) that states its name, type, labels
 * and help up front, so the registry refuses a second copy at registration, and a scrape filtered
 * by name calls only the families asked for. Immutable; thread-safe when its families are.
 */
final class CollectorGroup implements MultiCollector {

  private final List<Collector> families;
  private final List<MetricFamilyDescriptor> descriptors;

  CollectorGroup(List<Collector> families) {
    this.families = List.copyOf(families);
    List<MetricFamilyDescriptor> descriptors = new ArrayList<>();
    for (Collector family : this.families) {
      descriptors.add(family.getMetricFamilyDescriptor());
    }
    this.descriptors = List.copyOf(descriptors);
  }

  @Override
  public MetricSnapshots collect() {
    return collect(name -> true);
  }

  @Override
  public MetricSnapshots collect(Predicate<String> includedNames) {
    List<MetricSnapshot> snapshots = new ArrayList<>();
    for (int i = 0; i < families.size(); i++) {
      if (includedNames.test(descriptors.get(i).getPrometheusName())) {
        snapshots.add(families.get(i).collect());
      }
    }
    return new MetricSnapshots(snapshots);
  }

  @Override
  public List<MetricFamilyDescriptor> getMetricFamilyDescriptors() {
    return descriptors;
  }
}
