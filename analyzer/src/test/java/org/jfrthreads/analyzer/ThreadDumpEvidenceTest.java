package org.jfrthreads.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.jfrthreads.analyzer.internal.ApplicationFrames;
import org.junit.jupiter.api.Test;

class ThreadDumpEvidenceTest {

  private final ThreadDumpEvidence evidence =
      new ThreadDumpEvidence(ManagementFactory.getThreadMXBean(), frames());

  @Test
  void namesTheTopApplicationFrameOfRealParkedThreads() throws Exception {
    CountDownLatch parked = new CountDownLatch(3);
    CountDownLatch release = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Thread thread = new Thread(() -> waitForRelease(parked, release));
      thread.start();
      threads.add(thread);
    }
    try {
      parked.await();
      long[] ids = threads.stream().mapToLong(Thread::threadId).toArray();
      // A thread counted down just before it waits: look until all three are in their wait.
      String found = "";
      while (!found.contains("(3)")) {
        found =
            new ThreadDumpEvidence(ManagementFactory.getThreadMXBean(), frames()).describe(ids, 0);
      }

      assertThat(found)
          .isEqualTo(
              "top frames of 3 of them: org.jfrthreads.analyzer.ThreadDumpEvidenceTest.waitForRelease (3)");
    } finally {
      release.countDown();
      for (Thread thread : threads) {
        thread.join();
      }
    }
  }

  @Test
  void looksAtMostOnceAMinute() {
    long[] self = {Thread.currentThread().threadId()};

    assertThat(evidence.describe(self, 0)).startsWith("top frames of 1 of them: ");
    assertThat(evidence.describe(self, ThreadDumpEvidence.MIN_GAP_NANOS - 1)).isEmpty();
    assertThat(evidence.describe(self, ThreadDumpEvidence.MIN_GAP_NANOS)).isNotEmpty();
  }

  @Test
  void noThreadsNoEvidence() {
    assertThat(evidence.describe(new long[0], 0)).isEmpty();
    assertThat(evidence.describe(new long[] {Long.MAX_VALUE}, 0)).isEmpty();
  }

  // The project's own packages count as a library by default; here they are the application.
  private static ApplicationFrames frames() {
    return new ApplicationFrames(List.of("java.", "jdk.", "sun."));
  }

  private static void waitForRelease(CountDownLatch parked, CountDownLatch release) {
    parked.countDown();
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
