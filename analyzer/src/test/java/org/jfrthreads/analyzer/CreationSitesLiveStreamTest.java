package org.jfrthreads.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.workload.Spawner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jfrthreads.stream.ThreadEvent;
import org.jfrthreads.stream.ThreadEventListener;
import org.jfrthreads.stream.ThreadEventSettings;
import org.jfrthreads.stream.ThreadEventSource;
import org.jfrthreads.stream.ThreadEventSources;
import org.junit.jupiter.api.Test;

/** Creation sites from real jdk.ThreadStart events of real threads. */
class CreationSitesLiveStreamTest {

  private static final String SITE = "com.example.workload.Spawner.spawn";
  private static final int THREADS = 3;

  @Test
  void threadsStartedFromAKnownMethodAreCountedThereAndLeaveWhenTheyEnd() throws Exception {
    ThreadEventAnalyzer analyzer = new ThreadEventAnalyzer(AnalyzerConfig.defaults());
    Semaphore flushes = new Semaphore(0);
    try (ThreadEventSource source = ThreadEventSources.thisJvm(ThreadEventSettings.defaults())) {
      source.start(publishingTo(analyzer, flushes));
      // The stream records from its first flush on; threads started before may be missed.
      assertThat(flushes.tryAcquire(30, TimeUnit.SECONDS)).isTrue();

      CountDownLatch release = new CountDownLatch(1);
      List<Thread> threads = Spawner.spawn(THREADS, release);
      long whileAlive =
          awaitFlushUntil(
              flushes, () -> analyzer.snapshot().liveBySite(ThreadKind.PLATFORM, SITE), THREADS);

      release.countDown();
      for (Thread thread : threads) {
        thread.join();
      }
      long afterEnd =
          awaitFlushUntil(
              flushes, () -> analyzer.snapshot().liveBySite(ThreadKind.PLATFORM, SITE), 0);

      assertThat(whileAlive).isEqualTo(THREADS);
      assertThat(afterEnd).isZero();
    }
  }

  @Test
  void threadsLeakingFromAKnownMethodAreSuspectedAndTheirSiteNamed() throws Exception {
    // Short windows so that a leak is judged within seconds; the analyzer publishes once a second.
    LeakDetectorConfig quick =
        LeakDetectorConfig.builder()
            .baselineWindow(Duration.ofSeconds(3))
            .floorSamples(1)
            .trendSamples(10)
            .minRisingSamples(3)
            .build();
    RecordingLeakListener episodes = new RecordingLeakListener();
    ThreadEventAnalyzer analyzer =
        new ThreadEventAnalyzer(
            AnalyzerConfig.builder().leakDetection(quick).build(),
            CreationSitesLiveStreamTest::epochNanos,
            episodes);
    Semaphore flushes = new Semaphore(0);
    CountDownLatch release = new CountDownLatch(1);
    List<Thread> leaked = new ArrayList<>();
    try (ThreadEventSource source = ThreadEventSources.thisJvm(ThreadEventSettings.defaults())) {
      source.start(publishingTo(analyzer, flushes));
      assertThat(flushes.tryAcquire(30, TimeUnit.SECONDS)).isTrue();

      // Three more threads after every flush, none ending, until an episode starts.
      for (int flush = 0; flush < 40 && episodes.started.isEmpty(); flush++) {
        leaked.addAll(Spawner.spawn(3, release));
        flushes.tryAcquire(5, TimeUnit.SECONDS);
      }
    } finally {
      release.countDown();
      for (Thread thread : leaked) {
        thread.join();
      }
    }

    assertThat(episodes.started).extracting(episode -> episode.series().site()).contains(SITE);
  }

  private static ThreadEventListener publishingTo(ThreadEventAnalyzer analyzer, Semaphore flushes) {
    return new ThreadEventListener() {
      @Override
      public void onEvent(ThreadEvent event) {
        analyzer.onEvent(event);
      }

      @Override
      public void onFlush() {
        analyzer.onFlush();
        flushes.release();
      }
    };
  }

  private static long epochNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /**
   * Waits flush after flush (at most 30) until {@code value} reads {@code expected}; returns it.
   */
  private static long awaitFlushUntil(Semaphore flushes, LongSupplier value, long expected)
      throws InterruptedException {
    for (int i = 0; i < 30 && value.getAsLong() != expected; i++) {
      flushes.tryAcquire(5, TimeUnit.SECONDS);
    }
    return value.getAsLong();
  }
}
