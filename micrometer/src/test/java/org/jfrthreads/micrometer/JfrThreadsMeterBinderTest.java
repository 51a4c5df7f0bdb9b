package org.jfrthreads.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JfrThreadsMeterBinderTest {

  private static final String CONTENDED_COUNT =
      "jvm_thread_blocked_seconds_count{class=\"org.jfrthreads.micrometer.Contention\","
          + "kind=\"monitor_enter\",virtual=\"false\"} 1";

  @Test
  void aScrapeOfThePrometheusMeterRegistryShowsTheLibrarysFamilies() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (JfrThreadsMeterBinder binder = new JfrThreadsMeterBinder()) {
      binder.bindTo(registry);
      assertThat(binder.isWatching()).isTrue();
      assertThat(binder.problems()).isEmpty();

      Contention.onceOnMonitor();

      assertThat(
              Contention.pollUntil(
                  () -> registry.scrape().contains(CONTENDED_COUNT), Duration.ofSeconds(30)))
          .as("the contended monitor is in Micrometer's scrape:\n%s", registry.scrape())
          .isTrue();
      String scrape = registry.scrape();
      assertThat(scrape)
          .contains(
              "# TYPE jvm_thread_blocked_seconds histogram",
              "jvm_thread_blocked_seconds_bucket{class=\"org.jfrthreads.micrometer.Contention\","
                  + "kind=\"monitor_enter\",virtual=\"false\",le=\"0.025\"} 0",
              "jvm_thread_blocked_seconds_bucket{class=\"org.jfrthreads.micrometer.Contention\","
                  + "kind=\"monitor_enter\",virtual=\"false\",le=\"+Inf\"} 1",
              "# TYPE jvm_thread_blocked_recent_seconds summary",
              "# TYPE jvm_thread_lifetime_seconds histogram",
              "# TYPE jvm_thread_started_total counter",
              "# TYPE jvm_thread_live gauge",
              "# TYPE jvm_thread_states gauge",
              "# TYPE jfr_threads_stream_up gauge",
              "jfr_threads_stream_up 1");
      // The README's excerpt is taken from this file.
      Files.writeString(Path.of("target", "micrometer-scrape.txt"), scrape);
    }
  }

  @Test
  void closingRemovesTheFamiliesAndABinderDoesNotBindTwice() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    CompositeMeterRegistry composite = new CompositeMeterRegistry();
    composite.add(new SimpleMeterRegistry());
    composite.add(registry);
    JfrThreadsMeterBinder binder = new JfrThreadsMeterBinder();

    binder.bindTo(composite);
    binder.bindTo(registry);
    assertThat(binder.isWatching()).isTrue();
    assertThat(registry.scrape()).contains("# TYPE jvm_thread_live gauge");

    binder.close();
    binder.close();
    assertThat(binder.isWatching()).isFalse();
    assertThat(registry.scrape()).doesNotContain("jvm_thread_live", "jfr_threads_");
    binder.bindTo(registry);
    assertThat(registry.scrape()).doesNotContain("jvm_thread_live");
  }

  @Test
  void aRegistryWithoutPrometheusGetsNothingAndNoWatching() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (JfrThreadsMeterBinder binder = new JfrThreadsMeterBinder()) {
      binder.bindTo(registry);

      assertThat(binder.isWatching()).isFalse();
      assertThat(registry.getMeters()).isEmpty();
    }
  }
}
