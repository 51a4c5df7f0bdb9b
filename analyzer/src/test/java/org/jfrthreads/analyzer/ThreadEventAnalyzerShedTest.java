package org.jfrthreads.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jfrthreads.analyzer.TestEvents.T0;
import static org.jfrthreads.analyzer.TestEvents.ended;
import static org.jfrthreads.analyzer.TestEvents.millis;
import static org.jfrthreads.analyzer.TestEvents.seconds;
import static org.jfrthreads.analyzer.TestEvents.started;

import org.jfrthreads.analyzer.internal.ApplicationFrames;
import org.junit.jupiter.api.Test;

/** Virtual lifecycle events shed and brought back: figures marked unknown, live count re-based. */
class ThreadEventAnalyzerShedTest {

  private long nowEpochNanos = T0;
  private long nextThreadId = 1_000;

  private ThreadEventAnalyzer analyzer() {
    return new ThreadEventAnalyzer(
        AnalyzerConfig.defaults(), () -> nowEpochNanos, LeakListener.logging(), () -> nextThreadId);
  }

  private ThreadActivitySnapshot flush(ThreadEventAnalyzer analyzer) {
    nowEpochNanos += seconds(1);
    analyzer.onFlush();
    return analyzer.snapshot();
  }

  @Test
  void whileShedTheVirtualFiguresFreezeAndAreMarkedUnknown() {
    ThreadEventAnalyzer analyzer = analyzer();
    analyzer.onEvent(started(1, true, T0));
    analyzer.onEvent(started(2, true, T0));
    ThreadActivitySnapshot before = flush(analyzer);

    analyzer.followVirtualLifecycle(false);
    ThreadActivitySnapshot shed = flush(analyzer);
    // Events JFR recorded before the shedding took effect still arrive: ignored.
    analyzer.onEvent(ended(1, true, T0 + millis(5)));
    analyzer.onEvent(started(3, true, T0 + millis(6)));
    ThreadActivitySnapshot later = flush(analyzer);

    assertThat(before.virtualLifecycle()).isEqualTo(VirtualLifecycle.FOLLOWED);
    assertThat(shed.virtualLifecycle())
        .isEqualTo(new VirtualLifecycle(true, T0 + seconds(2), 0, 1));
    assertThat(later.counts(ThreadKind.VIRTUAL)).isEqualTo(shed.counts(ThreadKind.VIRTUAL));
    assertThat(later.counts(ThreadKind.VIRTUAL)).isEqualTo(new ThreadCounts(2, 0, 2));
    assertThat(later.liveBySite(ThreadKind.VIRTUAL, ApplicationFrames.UNKNOWN)).isZero();
    assertThat(later.statistics().trackedThreads()).isZero();
  }

  @Test
  void platformThreadsAreFollowedWhileVirtualLifecycleIsShed() {
    ThreadEventAnalyzer analyzer = analyzer();
    analyzer.followVirtualLifecycle(false);
    flush(analyzer);

    analyzer.onEvent(started(5, false, T0));
    analyzer.onEvent(ended(5, false, T0 + millis(3)));
    ThreadActivitySnapshot snapshot = flush(analyzer);

    assertThat(snapshot.counts(ThreadKind.PLATFORM)).isEqualTo(new ThreadCounts(1, 1, 0));
    assertThat(snapshot.lifetimes(ThreadKind.PLATFORM).count()).isEqualTo(1);
  }

  @Test
  void backFromSheddingTheLiveCountCountsOnlyThreadsCreatedSince() {
    ThreadEventAnalyzer analyzer = analyzer();
    analyzer.onEvent(started(1, true, T0)); // lives through the shedding
    analyzer.onEvent(started(2, true, T0)); // ends while shed: never seen
    flush(analyzer);
    analyzer.followVirtualLifecycle(false);
    flush(analyzer);
    analyzer.onEvent(started(3, true, T0 + seconds(2))); // recorded before the shedding took effect

    nextThreadId = 10; // ids up to 10 were handed out when the events came back
    analyzer.followVirtualLifecycle(true);
    ThreadActivitySnapshot rebased = flush(analyzer);
    analyzer.onEvent(started(11, true, T0 + seconds(4)));
    analyzer.onEvent(started(12, true, T0 + seconds(4)));
    analyzer.onEvent(ended(1, true, T0 + seconds(4))); // older than the re-base: not counted
    analyzer.onEvent(ended(11, true, T0 + seconds(4) + millis(7)));
    ThreadActivitySnapshot after = flush(analyzer);

    assertThat(rebased.virtualLifecycle())
        .isEqualTo(new VirtualLifecycle(false, 0, T0 + seconds(3), 1));
    assertThat(rebased.counts(ThreadKind.VIRTUAL).live()).isZero();
    assertThat(after.counts(ThreadKind.VIRTUAL)).isEqualTo(new ThreadCounts(4, 1, 1));
    assertThat(after.lifetimes(ThreadKind.VIRTUAL).count()).isEqualTo(1);
    assertThat(after.liveBySite(ThreadKind.VIRTUAL, ApplicationFrames.UNKNOWN)).isEqualTo(1);
    assertThat(after.statistics().unpairedEnds()).isZero();
  }

  @Test
  void theLeakDetectorForgetsTheVirtualSeriesWhileShed() {
    ThreadEventAnalyzer analyzer = analyzer();
    long id = 1;
    for (int second = 0; second < 10; second++) {
      analyzer.onEvent(started(id++, true, nowEpochNanos));
      flush(analyzer);
    }
    assertThat(analyzer.snapshot().leaks().series())
        .anyMatch(series -> series.threadKind() == ThreadKind.VIRTUAL);

    analyzer.followVirtualLifecycle(false);
    ThreadActivitySnapshot shed = flush(analyzer);
    for (int second = 0; second < 5; second++) {
      shed = flush(analyzer);
    }

    assertThat(shed.leaks().series())
        .noneMatch(series -> series.threadKind() == ThreadKind.VIRTUAL);
    assertThat(shed.leaks().series())
        .anyMatch(series -> series.threadKind() == ThreadKind.PLATFORM);
  }
}
