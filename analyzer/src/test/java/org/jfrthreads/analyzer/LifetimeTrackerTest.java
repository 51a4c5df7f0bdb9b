package org.jfrthreads.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jfrthreads.analyzer.TestEvents.T0;
import static org.jfrthreads.analyzer.TestEvents.ended;
import static org.jfrthreads.analyzer.TestEvents.seconds;
import static org.jfrthreads.analyzer.TestEvents.started;

import org.jfrthreads.analyzer.internal.ApplicationFrames;
import org.junit.jupiter.api.Test;

class LifetimeTrackerTest {

  private static final int MIN_CAPACITY = new ThreadTable().capacity();

  /**
   * A million virtual threads of a few microseconds each, up to 100,000 alive at once: every one is
   * timed, and once they are gone the tracker holds no more memory than when it began.
   */
  @Test
  void aMillionShortLivedVirtualThreadsLeaveNothingBehind() {
    LifetimeTracker tracker =
        new LifetimeTracker(
            AnalyzerConfig.defaults(),
            new ApplicationFrames(AnalyzerConfig.DEFAULT_LIBRARY_PACKAGES));
    int threads = 1_000_000;
    int overlap = 100_000;
    long expectedSumNanos = 0;
    int peakCapacity = 0;
    for (int i = 0; i < threads + overlap; i++) {
      if (i < threads) {
        long id = i + 1;
        tracker.started(started(id, true, startOf(id)));
      }
      if (i >= overlap) {
        long id = i - overlap + 1;
        tracker.ended(ended(id, true, startOf(id) + lifetimeOf(id)));
        expectedSumNanos += lifetimeOf(id);
      }
      if (i == overlap) {
        peakCapacity = tracker.liveThreadsCapacity();
      }
    }
    int tracked = tracker.trackedThreads();
    int capacityBeforeFlush = tracker.liveThreadsCapacity();

    tracker.flushed(T0 + seconds(1));

    assertThat(tracked).isZero();
    assertThat(peakCapacity).isGreaterThanOrEqualTo(2 * overlap);
    assertThat(capacityBeforeFlush).isEqualTo(peakCapacity);
    assertThat(tracker.liveThreadsCapacity()).isEqualTo(2 * MIN_CAPACITY); // a table per kind
    assertThat(tracker.lifetimes().get(ThreadKind.VIRTUAL).count()).isEqualTo(threads);
    assertThat(tracker.lifetimes().get(ThreadKind.VIRTUAL).sumNanos()).isEqualTo(expectedSumNanos);
    assertThat(tracker.counts().get(ThreadKind.VIRTUAL))
        .isEqualTo(new ThreadCounts(threads, threads, 0));
    assertThat(tracker.untrackedStarts()).isZero();
    assertThat(tracker.unpairedEnds()).isZero();
  }

  @Test
  void aNegativeLifetimeFromAClockStepCountsAsZero() {
    LifetimeTracker tracker =
        new LifetimeTracker(
            AnalyzerConfig.defaults(),
            new ApplicationFrames(AnalyzerConfig.DEFAULT_LIBRARY_PACKAGES));
    tracker.started(started(5, false, T0 + 1_000));
    tracker.ended(ended(5, false, T0));

    assertThat(tracker.lifetimes().get(ThreadKind.PLATFORM).count()).isEqualTo(1);
    assertThat(tracker.lifetimes().get(ThreadKind.PLATFORM).sumNanos()).isZero();
  }

  @Test
  void startsAndEndsWithoutAThreadIdAreNotTracked() {
    LifetimeTracker tracker =
        new LifetimeTracker(
            AnalyzerConfig.defaults(),
            new ApplicationFrames(AnalyzerConfig.DEFAULT_LIBRARY_PACKAGES));
    tracker.started(started(-1, false, T0));
    tracker.ended(ended(-1, false, T0));

    assertThat(tracker.trackedThreads()).isZero();
    assertThat(tracker.untrackedStarts()).isEqualTo(1);
    assertThat(tracker.unpairedEnds()).isEqualTo(1);
    assertThat(tracker.counts().get(ThreadKind.PLATFORM)).isEqualTo(new ThreadCounts(1, 1, 0));
  }

  private static long startOf(long id) {
    return T0 + id * 1_000;
  }

  private static long lifetimeOf(long id) {
    return 5_000 + (id % 7) * 1_000;
  }
}
