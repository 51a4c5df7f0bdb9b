package org.jfrthreads.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jfrthreads.analyzer.ThreadKind;
import org.junit.jupiter.api.Test;

/**
 * Real virtual-thread churn drives the governor up; when the churn stops it steps back and the live
 * count of virtual threads is re-based. Asserts on levels and metrics; the waits only poll.
 */
class OverheadGovernorLiveTest {

  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @Test
  void churnShedsLifecycleEventsAndQuietBringsThemBack() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    try (JfrThreads threads =
        JfrThreads.builder()
            .registry(registry)
            .stateSampling(false)
            .governorCheckInterval(Duration.ofMillis(200))
            .governorQuietChecks(25) // 5 s: long enough to scrape while shed
            .start()) {
      AtomicBoolean churning = new AtomicBoolean(true);
      Thread churn = Thread.ofPlatform().daemon().start(() -> churn(churning));
      boolean shed =
          Poll.until(
              () -> threads.overhead().level() >= 1 && threads.snapshot().virtualLifecycle().shed(),
              PATIENCE);
      String whileShed = scrape(registry);
      churning.set(false);
      churn.join();

      assertThat(shed).as("the governor stepped up under churn").isTrue();
      assertThat(whileShed)
          .contains("jfr_threads_virtual_lifecycle_shed 1.0")
          .contains("jfr_threads_governor_steps_total{direction=\"up\"}")
          .contains("jfr_threads_cpu_budget_ratio 0.01")
          .doesNotContain("jvm_thread_live{virtual=\"true\"}")
          .doesNotContain("jvm_thread_started_total{virtual=\"true\"}")
          .contains("jvm_thread_live{virtual=\"false\"}")
          .containsPattern("jfr_threads_governor_level [1-4]\\.0")
          .containsPattern("jfr_threads_cpu_seconds_total\\{part=\"dispatch\"} [0-9.]+");

      boolean back =
          Poll.until(
              () ->
                  threads.overhead().level() == 0 && !threads.snapshot().virtualLifecycle().shed(),
              PATIENCE);
      assertThat(back).as("the governor stepped back once the churn stopped").isTrue();
      assertThat(threads.overhead().stepsDown()).isPositive();
      assertThat(threads.snapshot().virtualLifecycle().rebasedEpochNanos()).isPositive();

      // Re-based: the live count counts the virtual threads created from now on, exactly.
      List<Thread> parked = new ArrayList<>();
      CountDownLatch release = new CountDownLatch(1);
      for (int i = 0; i < 50; i++) {
        parked.add(Thread.ofVirtual().start(() -> await(release)));
      }
      boolean counted =
          Poll.until(() -> threads.snapshot().counts(ThreadKind.VIRTUAL).live() == 50, PATIENCE);
      String afterwards = scrape(registry);
      release.countDown();
      for (Thread thread : parked) {
        thread.join();
      }

      assertThat(counted)
          .as(
              "live virtual threads after the re-base: %s",
              threads.snapshot().counts(ThreadKind.VIRTUAL))
          .isTrue();
      assertThat(afterwards)
          .contains("jfr_threads_virtual_lifecycle_shed 0.0")
          .contains("jfr_threads_governor_level 0.0")
          .contains("jvm_thread_live{virtual=\"true\"} 50.0");
    }
  }

  private static void churn(AtomicBoolean churning) {
    try {
      while (churning.get()) {
        Thread[] batch = new Thread[1_000];
        for (int i = 0; i < batch.length; i++) {
          batch[i] = Thread.ofVirtual().start(() -> {});
        }
        for (Thread thread : batch) {
          thread.join();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String scrape(PrometheusRegistry registry) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape(), EscapingScheme.ALLOW_UTF8);
    return out.toString(StandardCharsets.UTF_8);
  }
}
