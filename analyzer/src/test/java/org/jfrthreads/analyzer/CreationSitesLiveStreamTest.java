package org.jfrthreads.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.workload.Spawner;
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
      source.start(
          new ThreadEventListener() {
            @Override
            public void onEvent(ThreadEvent event) {
              analyzer.onEvent(event);
            }

            @Override
            public void onFlush() {
              analyzer.onFlush();
              flushes.release();
            }
          });
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
