package org.jfrthreads.analyzer.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.jfrthreads.analyzer.AnalyzerConfig;
import org.jfrthreads.analyzer.ThreadEventAnalyzer;
import org.jfrthreads.exporter.ThreadMetricsCollector;
import org.jfrthreads.exporter.ThreadStateCollector;
import org.jfrthreads.stream.SourceStatistics;
import org.junit.jupiter.api.Test;

/**
 * A scrape serves the state sampler's latest pass: with 10,000 live platform threads it makes no
 * {@code ThreadMXBean} call, however many scrapes come. (In the sampler's package for its
 * package-private bean seam.)
 */
class ScrapeAtTenThousandThreadsTest {

  private static final int THREADS = 10_000;

  @Test
  void scrapesNeverCallThreadMxBean() throws Exception {
    AtomicInteger beanCalls = new AtomicInteger();
    ThreadMXBean real = ManagementFactory.getThreadMXBean();
    ThreadMXBean counting =
        (ThreadMXBean)
            Proxy.newProxyInstance(
                ThreadMXBean.class.getClassLoader(),
                new Class<?>[] {ThreadMXBean.class},
                (proxy, method, args) -> {
                  beanCalls.incrementAndGet();
                  return method.invoke(real, args);
                });
    CountDownLatch release = new CountDownLatch(1);
    List<Thread> parked = new ArrayList<>();
    try (ThreadStateSampler sampler =
        ThreadStateSampler.builder().threads(counting).stackDepth(0).build()) {
      for (int i = 0; i < THREADS; i++) {
        parked.add(Thread.ofPlatform().daemon().start(() -> awaitQuietly(release)));
      }
      sampler.sampleNow();
      ThreadEventAnalyzer analyzer = new ThreadEventAnalyzer(AnalyzerConfig.defaults());
      PrometheusRegistry registry = new PrometheusRegistry();
      registry.register(new ThreadStateCollector(sampler::latest, analyzer::snapshot));
      registry.register(
          new ThreadMetricsCollector(
              analyzer::snapshot,
              () -> new SourceStatistics(true, java.util.Map.of(), 0, 0, "", -1)));
      int callsBeforeScrapes = beanCalls.get();

      MetricSnapshots scraped = null;
      for (int i = 0; i < 5; i++) {
        scraped = registry.scrape();
      }

      assertThat(beanCalls.get()).isEqualTo(callsBeforeScrapes);
      assertThat(waitingThreads(scraped)).isGreaterThanOrEqualTo(THREADS);
    } finally {
      release.countDown();
      for (Thread thread : parked) {
        thread.join();
      }
    }
  }

  private static double waitingThreads(MetricSnapshots scraped) {
    for (MetricSnapshot metric : scraped) {
      if (metric.getMetadata().getName().equals(ThreadStateCollector.STATES)) {
        for (GaugeSnapshot.GaugeDataPointSnapshot point :
            ((GaugeSnapshot) metric).getDataPoints()) {
          if (point.getLabels().get("state").equals("WAITING")) {
            return point.getValue();
          }
        }
      }
    }
    return -1;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
