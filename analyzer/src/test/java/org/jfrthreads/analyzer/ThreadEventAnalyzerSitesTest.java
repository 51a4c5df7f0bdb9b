package org.jfrthreads.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jfrthreads.stream.StackFrame;
import org.jfrthreads.stream.ThreadEnded;
import org.jfrthreads.stream.ThreadStarted;
import org.junit.jupiter.api.Test;

class ThreadEventAnalyzerSitesTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long START = 1_700_000_000L * SECOND;

  // What jdk.ThreadStart records: innermost first, Thread.start, then the code that called it.
  private static final List<StackFrame> FAN_OUT_STACK =
      List.of(
          new StackFrame("java.lang.Thread", "start"),
          new StackFrame("com.example.Orders", "fanOut"),
          new StackFrame("com.example.Orders", "handle"));
  private static final List<StackFrame> EXECUTOR_STACK =
      List.of(
          new StackFrame("java.lang.Thread", "start"),
          new StackFrame("java.util.concurrent.ThreadPoolExecutor", "addWorker"),
          new StackFrame("java.util.concurrent.ThreadPoolExecutor", "execute"),
          new StackFrame("com.example.Reports", "submit"));

  private long now = START;
  private final RecordingLeakListener leaks = new RecordingLeakListener();
  private final ThreadEventAnalyzer analyzer =
      new ThreadEventAnalyzer(AnalyzerConfig.defaults(), () -> now, leaks);

  @Test
  void liveThreadsAreCountedUnderTheFirstApplicationFrameOfTheirStart() {
    analyzer.onEvent(new ThreadStarted(1, false, START, FAN_OUT_STACK));
    analyzer.onEvent(new ThreadStarted(2, false, START, FAN_OUT_STACK));
    analyzer.onEvent(new ThreadStarted(3, false, START, EXECUTOR_STACK));
    analyzer.onEvent(new ThreadStarted(4, true, START, List.of()));
    analyzer.publish();

    assertThat(analyzer.snapshot().liveBySite())
        .containsExactly(
            new SiteLiveCount(ThreadKind.PLATFORM, "com.example.Orders.fanOut", 2),
            new SiteLiveCount(ThreadKind.PLATFORM, "com.example.Reports.submit", 1),
            new SiteLiveCount(ThreadKind.VIRTUAL, "unknown", 1));
  }

  @Test
  void threadsLeaveTheirSiteWhenTheyEnd() {
    analyzer.onEvent(new ThreadStarted(1, false, START, FAN_OUT_STACK));
    analyzer.onEvent(new ThreadStarted(2, false, START, FAN_OUT_STACK));
    analyzer.onEvent(new ThreadStarted(3, false, START, EXECUTOR_STACK));
    analyzer.onEvent(new ThreadEnded(1, false, START + SECOND));
    analyzer.onEvent(new ThreadEnded(3, false, START + SECOND));
    analyzer.publish();

    ThreadActivitySnapshot snapshot = analyzer.snapshot();
    assertThat(snapshot.liveBySite())
        .containsExactly(new SiteLiveCount(ThreadKind.PLATFORM, "com.example.Orders.fanOut", 1));
    assertThat(snapshot.liveBySite(ThreadKind.PLATFORM, "com.example.Orders.fanOut")).isEqualTo(1);
    assertThat(snapshot.liveBySite(ThreadKind.PLATFORM, "com.example.Reports.submit")).isZero();
  }

  @Test
  void anEndBeforeItsStartNeverCountsTheThreadAsLive() {
    analyzer.onEvent(new ThreadEnded(1, false, START + SECOND));
    analyzer.onEvent(new ThreadStarted(1, false, START, FAN_OUT_STACK));
    analyzer.publish();

    assertThat(analyzer.snapshot().liveBySite()).isEmpty();
  }

  @Test
  void sitesBeyondTopNFoldIntoOther() {
    ThreadEventAnalyzer small =
        new ThreadEventAnalyzer(AnalyzerConfig.builder().topN(1).build(), () -> now, leaks);
    small.onEvent(new ThreadStarted(1, false, START, FAN_OUT_STACK));
    small.onEvent(new ThreadStarted(2, false, START, FAN_OUT_STACK));
    small.onEvent(new ThreadStarted(3, false, START, EXECUTOR_STACK));
    small.publish();

    assertThat(small.snapshot().liveBySite())
        .containsExactly(
            new SiteLiveCount(ThreadKind.PLATFORM, "com.example.Orders.fanOut", 2),
            new SiteLiveCount(ThreadKind.PLATFORM, "other", 1));
  }

  @Test
  void aThreadLeakingFromOneSiteIsSuspectedAndNamed() {
    long id = 1;
    for (int second = 0; second < 200; second++) {
      now = START + second * SECOND;
      if (second >= 100) {
        analyzer.onEvent(new ThreadStarted(id++, false, now, FAN_OUT_STACK));
      }
      // Steady churn elsewhere: one short-lived executor thread a second.
      analyzer.onEvent(new ThreadStarted(100_000 + second, false, now, EXECUTOR_STACK));
      analyzer.onEvent(new ThreadEnded(100_000 + second, false, now));
      analyzer.publish();
    }

    LeakDetectorSnapshot state = analyzer.snapshot().leaks();
    assertThat(state.find(ThreadKind.PLATFORM, "com.example.Orders.fanOut").suspected()).isTrue();
    // One episode per leak: the site explains the growth of the total, which is not flagged.
    assertThat(state.total(ThreadKind.PLATFORM).suspected()).isFalse();
    assertThat(leaks.started)
        .extracting(episode -> episode.series().site())
        .containsExactly("com.example.Orders.fanOut");
  }

  @Test
  void disabledLeakDetectionPublishesTheEmptyState() {
    ThreadEventAnalyzer analyzer =
        new ThreadEventAnalyzer(
            AnalyzerConfig.builder()
                .leakDetection(LeakDetectorConfig.builder().enabled(false).build())
                .build(),
            () -> now,
            leaks);
    analyzer.onEvent(new ThreadStarted(1, false, START, FAN_OUT_STACK));
    analyzer.publish();

    assertThat(analyzer.snapshot().leaks()).isEqualTo(LeakDetectorSnapshot.EMPTY);
  }

  @Test
  void emptySnapshotHasNoSitesAndNoLeaks() {
    assertThat(ThreadActivitySnapshot.EMPTY.liveBySite()).isEmpty();
    assertThat(ThreadActivitySnapshot.EMPTY.leaks()).isEqualTo(LeakDetectorSnapshot.EMPTY);
  }
}
