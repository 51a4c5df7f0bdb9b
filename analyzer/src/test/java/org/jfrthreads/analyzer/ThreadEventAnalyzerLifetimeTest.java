package org.jfrthreads.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.jfrthreads.analyzer.TestEvents.T0;
import static org.jfrthreads.analyzer.TestEvents.countAndSum;
import static org.jfrthreads.analyzer.TestEvents.ended;
import static org.jfrthreads.analyzer.TestEvents.millis;
import static org.jfrthreads.analyzer.TestEvents.seconds;
import static org.jfrthreads.analyzer.TestEvents.started;

import org.junit.jupiter.api.Test;

/** Starts paired with ends: lifetimes, counts, live threads and the bounds on tracking. */
class ThreadEventAnalyzerLifetimeTest {

  private long nowEpochNanos = T0;

  private ThreadEventAnalyzer analyzer(AnalyzerConfig config) {
    return new ThreadEventAnalyzer(config, () -> nowEpochNanos);
  }

  /** Publishes one second after the previous publication, as a live stream's flushes do. */
  private ThreadActivitySnapshot flush(ThreadEventAnalyzer analyzer) {
    nowEpochNanos += seconds(1);
    analyzer.onFlush();
    return analyzer.snapshot();
  }

  @Test
  void startThenEndGivesTheExactLifetime() {
    ThreadEventAnalyzer analyzer = analyzer(AnalyzerConfig.defaults());
    analyzer.onEvent(started(7, false, T0 + 123));
    analyzer.onEvent(ended(7, false, T0 + 123 + millis(250) + 17));

    ThreadActivitySnapshot snapshot = flush(analyzer);

    assertThat(countAndSum(snapshot.lifetimes(ThreadKind.PLATFORM)))
        .isEqualTo("count=1 sum=" + (millis(250) + 17));
    assertThat(countAndSum(snapshot.recentLifetimes(ThreadKind.PLATFORM)))
        .isEqualTo("count=1 sum=" + (millis(250) + 17));
    assertThat(snapshot.lifetimes(ThreadKind.VIRTUAL).count()).isZero();
    assertThat(snapshot.statistics()).isEqualTo(new AnalyzerStatistics(2, 0, 0, 0, 0));
  }

  @Test
  void recentLifetimesKeepWhatCameBeforeTheFirstFlushForAWholeWindow() {
    nowEpochNanos = T0 + seconds(25); // the first flush falls in the third slice of a minute
    ThreadEventAnalyzer analyzer = analyzer(AnalyzerConfig.defaults());
    analyzer.onEvent(started(7, false, T0));
    analyzer.onEvent(ended(7, false, T0 + millis(1)));

    ThreadActivitySnapshot snapshot = flush(analyzer);
    while (nowEpochNanos < T0 + seconds(79)) {
      snapshot = flush(analyzer);
    }
    ThreadActivitySnapshot windowPassed = flush(analyzer);

    // The first flush at 26 s is in the slice [20 s, 30 s), which leaves the window at 80 s.
    assertThat(snapshot.recentLifetimes(ThreadKind.PLATFORM).count()).isEqualTo(1);
    assertThat(windowPassed.publishedEpochNanos()).isEqualTo(T0 + seconds(80));
    assertThat(windowPassed.recentLifetimes(ThreadKind.PLATFORM).count()).isZero();
    assertThat(windowPassed.lifetimes(ThreadKind.PLATFORM).count()).isEqualTo(1);
  }

  @Test
  void endBeforeStartInTheSameFlushPairs() {
    ThreadEventAnalyzer analyzer = analyzer(AnalyzerConfig.defaults());
    analyzer.onEvent(ended(11, true, T0 + millis(40)));
    analyzer.onEvent(started(11, true, T0 + millis(10)));

    ThreadActivitySnapshot first = flush(analyzer);
    flush(analyzer);
    ThreadActivitySnapshot later = flush(analyzer);

    assertThat(countAndSum(first.lifetimes(ThreadKind.VIRTUAL)))
        .isEqualTo("count=1 sum=" + millis(30));
    assertThat(first.counts(ThreadKind.VIRTUAL)).isEqualTo(new ThreadCounts(1, 1, 0));
    // Paired: nothing left tracked, and nothing turns unpaired later.
    assertThat(later.statistics()).isEqualTo(new AnalyzerStatistics(2, 0, 0, 0, 0));
  }

  @Test
  void endWhoseStartComesInTheNextFlushStillPairs() {
    ThreadEventAnalyzer analyzer = analyzer(AnalyzerConfig.defaults());
    analyzer.onEvent(ended(12, false, T0 + millis(900)));
    flush(analyzer);
    analyzer.onEvent(started(12, false, T0 + millis(100)));

    ThreadActivitySnapshot snapshot = flush(analyzer);
    snapshot = flush(analyzer);

    assertThat(countAndSum(snapshot.lifetimes(ThreadKind.PLATFORM)))
        .isEqualTo("count=1 sum=" + millis(800));
    assertThat(snapshot.statistics().unpairedEnds()).isZero();
    assertThat(snapshot.statistics().trackedThreads()).isZero();
  }

  @Test
  void endWithoutStartIsUnpairedOnlyAfterTheFollowingFlush() {
    ThreadEventAnalyzer analyzer = analyzer(AnalyzerConfig.defaults());
    analyzer.onEvent(ended(13, false, T0));

    ThreadActivitySnapshot arrivalFlush = flush(analyzer);
    ThreadActivitySnapshot followingFlush = flush(analyzer);
    ThreadActivitySnapshot later = flush(analyzer);

    assertThat(arrivalFlush.statistics().unpairedEnds()).isZero();
    assertThat(followingFlush.statistics().unpairedEnds()).isEqualTo(1);
    assertThat(later.statistics().unpairedEnds()).isEqualTo(1);
    assertThat(later.lifetimes(ThreadKind.PLATFORM).count()).isZero();
    assertThat(later.counts(ThreadKind.PLATFORM)).isEqualTo(new ThreadCounts(0, 1, 0));
  }

  @Test
  void threadBeyondTheCapIsUntrackedAndItsEndUnpaired() {
    ThreadEventAnalyzer analyzer = analyzer(AnalyzerConfig.builder().maxTrackedThreads(2).build());
    analyzer.onEvent(started(1, false, T0));
    analyzer.onEvent(started(2, false, T0));
    analyzer.onEvent(started(3, false, T0));

    ThreadActivitySnapshot full = flush(analyzer);
    analyzer.onEvent(ended(3, false, T0 + millis(5)));
    analyzer.onEvent(ended(1, false, T0 + millis(7)));
    analyzer.onEvent(ended(2, false, T0 + millis(9)));
    flush(analyzer);
    ThreadActivitySnapshot after = flush(analyzer);

    assertThat(full.statistics()).isEqualTo(new AnalyzerStatistics(3, 2, 1, 0, 0));
    assertThat(full.counts(ThreadKind.PLATFORM)).isEqualTo(new ThreadCounts(3, 0, 3));
    assertThat(after.statistics()).isEqualTo(new AnalyzerStatistics(6, 0, 1, 1, 0));
    assertThat(countAndSum(after.lifetimes(ThreadKind.PLATFORM)))
        .isEqualTo("count=2 sum=" + millis(16));
  }

  @Test
  void withNoTrackingAllowedEveryThreadIsCountedButNoneTimed() {
    ThreadEventAnalyzer analyzer = analyzer(AnalyzerConfig.builder().maxTrackedThreads(0).build());
    analyzer.onEvent(started(1, true, T0));
    analyzer.onEvent(ended(1, true, T0 + 5));
    analyzer.onEvent(ended(2, true, T0 + 5));
    analyzer.onEvent(started(2, true, T0));
    flush(analyzer);

    ThreadActivitySnapshot snapshot = flush(analyzer);

    assertThat(snapshot.counts(ThreadKind.VIRTUAL)).isEqualTo(new ThreadCounts(2, 2, 0));
    assertThat(snapshot.lifetimes(ThreadKind.VIRTUAL).count()).isZero();
    assertThat(snapshot.statistics()).isEqualTo(new AnalyzerStatistics(4, 0, 2, 2, 0));
  }

  @Test
  void liveCountsAreTheAlreadyLivePlusStartedMinusEnded() {
    ThreadEventAnalyzer analyzer = analyzer(AnalyzerConfig.defaults());
    analyzer.assumeAlreadyLive(ThreadKind.PLATFORM, 10);
    for (long id = 100; id < 103; id++) {
      analyzer.onEvent(started(id, false, T0));
    }
    // Five ends: the three started plus two threads older than the watch.
    for (long id = 98; id < 103; id++) {
      analyzer.onEvent(ended(id, false, T0 + 1));
    }
    analyzer.onEvent(started(200, true, T0));
    analyzer.onEvent(started(201, true, T0));
    analyzer.onEvent(ended(200, true, T0 + 1));

    ThreadActivitySnapshot snapshot = flush(analyzer);

    assertThat(snapshot.counts(ThreadKind.PLATFORM)).isEqualTo(new ThreadCounts(3, 5, 8));
    assertThat(snapshot.counts(ThreadKind.VIRTUAL)).isEqualTo(new ThreadCounts(2, 1, 1));
  }

  @Test
  void liveCountsNeverGoBelowZero() {
    ThreadEventAnalyzer analyzer = analyzer(AnalyzerConfig.defaults());
    analyzer.assumeAlreadyLive(ThreadKind.VIRTUAL, 1);
    analyzer.onEvent(started(1, true, T0));
    for (long id = 2; id <= 5; id++) {
      analyzer.onEvent(ended(id, true, T0));
    }
    analyzer.onEvent(ended(6, false, T0));

    ThreadActivitySnapshot snapshot = flush(analyzer);

    assertThat(snapshot.counts(ThreadKind.VIRTUAL)).isEqualTo(new ThreadCounts(1, 4, 0));
    assertThat(snapshot.counts(ThreadKind.PLATFORM)).isEqualTo(new ThreadCounts(0, 1, 0));
  }

  @Test
  void assumeAlreadyLiveRejectsANegativeCount() {
    ThreadEventAnalyzer analyzer = analyzer(AnalyzerConfig.defaults());

    assertThatIllegalArgumentException()
        .isThrownBy(() -> analyzer.assumeAlreadyLive(ThreadKind.PLATFORM, -1))
        .withMessage("-1: illegal live count. Expecting 0 or more.");
  }

  @Test
  void nothingIsPublishedBeforeTheFirstFlush() {
    ThreadEventAnalyzer analyzer = analyzer(AnalyzerConfig.defaults());
    analyzer.onEvent(started(1, false, T0));

    assertThat(analyzer.snapshot()).isSameAs(ThreadActivitySnapshot.EMPTY);
    assertThat(flush(analyzer).publishedEpochNanos()).isEqualTo(nowEpochNanos);
  }

  @Test
  void aRecordingAnalyzerPublishesAtTheTimeOfTheLatestEvent() {
    ThreadEventAnalyzer analyzer = ThreadEventAnalyzer.forRecording(AnalyzerConfig.defaults());
    analyzer.onEvent(started(1, false, T0 + seconds(30)));
    analyzer.onEvent(ended(1, false, T0 + seconds(90)));
    analyzer.onEvent(started(2, false, T0 + seconds(60)));

    analyzer.onFlush();

    assertThat(analyzer.snapshot().publishedEpochNanos()).isEqualTo(T0 + seconds(90));
  }
}
