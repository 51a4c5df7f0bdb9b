package org.jfrthreads.cli;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;

/**
 * Which JVM a sidecar watches and whether it reaches it now.
 *
 * <pre>
 * jfr_threads_target_info{target="127.0.0.1:9010",jvm_pid="4711",jvm_version="21.0.5+11"} 1
 * jfr_threads_target_up 1.0
 * </pre>
 *
 * <p>Every other series of the sidecar describes that JVM: one sidecar watches one JVM, so the
 * scrape's own {@code instance} label tells them apart, and the info series joins the JVM's
 * identity on where needed ({@code * on(instance) group_left(jvm_pid) jfr_threads_target_info}).
 * Safe for concurrent scrapes.
 */
final class TargetCollector implements MultiCollector {

  static final String UP = "jfr_threads_target_up";
  static final String INFO = "jfr_threads_target";

  private final RemoteJvmWatch watch;

  TargetCollector(RemoteJvmWatch watch) {
    this.watch = watch;
  }

  @Override
  public MetricSnapshots collect() {
    List<MetricSnapshot> metrics = new ArrayList<>();
    metrics.add(
        new GaugeSnapshot(
            new MetricMetadata(
                UP,
                "1 while the watched JVM is connected; 0 while it is not, and the other series"
                    + " show the last state seen."),
            List.of(new GaugeDataPointSnapshot(watch.targetUp() ? 1 : 0, Labels.EMPTY, null))));
    RemoteJvmWatch.TargetInfo info = watch.targetInfo();
    if (info != null) {
      metrics.add(
          new InfoSnapshot(
              new MetricMetadata(INFO, "The JVM this sidecar watches, as last connected."),
              List.of(
                  new InfoDataPointSnapshot(
                      Labels.of(
                          "target", watch.description(),
                          "jvm_pid", Long.toString(info.pid()),
                          "jvm_version", info.javaVersion())))));
    }
    return new MetricSnapshots(metrics);
  }

  @Override
  public List<String> getPrometheusNames() {
    return List.of(UP, INFO);
  }
}
