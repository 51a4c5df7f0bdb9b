package org.jfrthreads.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import org.jfrthreads.exporter.JfrThreads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The auto-configuration's conditions and lifecycle, on a bare context with a registry bean. */
class JfrThreadsAutoConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(JfrThreadsAutoConfiguration.class))
          .withBean(PrometheusRegistry.class, PrometheusRegistry::new);

  @Test
  void watchesIntoTheRegistryAndClosingTheContextRemovesTheFamilies() {
    PrometheusRegistry[] registry = new PrometheusRegistry[1];
    runner
        .withPropertyValues("jfr-threads.state-sampling=false")
        .run(
            context -> {
              assertThat(context).hasSingleBean(JfrThreads.class);
              registry[0] = context.getBean(PrometheusRegistry.class);
              assertThat(names(registry[0])).contains("jvm_thread_live", "jfr_threads_stream_up");
            });

    assertThat(names(registry[0])).isEmpty();
  }

  @Test
  void backsOffWhileTheAgentStartsAndOnceItWatches() {
    for (String property :
        List.of(AgentWatchingCondition.STARTING_PROPERTY, AgentWatchingCondition.STATUS_PROPERTY)) {
      System.setProperty(property, "metrics on http://0.0.0.0:9400/metrics, loaded at JVM start");
      try {
        runner.run(context -> assertThat(context).doesNotHaveBean(JfrThreads.class));
      } finally {
        System.clearProperty(property);
      }
    }
  }

  @Test
  void backsOffWhenDisabledOrWithoutARegistry() {
    runner
        .withPropertyValues("jfr-threads.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(JfrThreads.class));
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(JfrThreadsAutoConfiguration.class))
        .run(context -> assertThat(context).doesNotHaveBean(JfrThreads.class));
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void aClientJavaOlderThanTheLibraryNeedsKeepsItOffWithOneErrorNamingTheFix(
      CapturedOutput output) {
    runner
        .withClassLoader(new FilteredClassLoader(MetricType.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(JfrThreads.class));

    assertThat(output)
        .contains(
            "ERROR",
            "jfr-threads: client_java 1.8.0 (io.prometheus:prometheus-metrics-model) is older than"
                + " 1.7.0, which jfr-threads needs: not watching threads. Raise it in the build,"
                + " for example <prometheus-client.version>1.8.0</prometheus-client.version>");
  }

  @Test
  void aBadValueStopsTheStartWithOneMessageNamingTheProperty() {
    runner
        .withPropertyValues("jfr-threads.stack-depth=100")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(
                        "jfr-threads.stack-depth=100: illegal stack depth. Expecting 1 to 64."));
  }

  private static List<String> names(PrometheusRegistry registry) {
    return registry.scrape().stream()
        .map(MetricSnapshot::getMetadata)
        .map(metadata -> metadata.getName())
        .toList();
  }
}
