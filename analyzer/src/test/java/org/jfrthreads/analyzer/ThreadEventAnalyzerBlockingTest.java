package org.jfrthreads.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;
import static org.jfrthreads.analyzer.TestEvents.T0;
import static org.jfrthreads.analyzer.TestEvents.blocked;
import static org.jfrthreads.analyzer.TestEvents.countAndSum;
import static org.jfrthreads.analyzer.TestEvents.millis;
import static org.jfrthreads.analyzer.TestEvents.pinned;
import static org.jfrthreads.analyzer.TestEvents.seconds;
import static org.jfrthreads.stream.BlockingKind.MONITOR_ENTER;
import static org.jfrthreads.stream.BlockingKind.MONITOR_WAIT;
import static org.jfrthreads.stream.BlockingKind.PARK;
import static org.jfrthreads.stream.BlockingKind.SLEEP;

import java.util.List;
import org.jfrthreads.stream.ThreadEvent;
import org.junit.jupiter.api.Test;

/** Blocking and pinned time: which label an event gets and where its duration lands. */
class ThreadEventAnalyzerBlockingTest {

  private static final String[] SLEEP_IN_POLLER = {
    "java.lang.Thread.sleep0",
    "java.lang.Thread.sleep",
    "com.example.Poller$Loop.poll",
    "com.example.Main.main"
  };

  private ThreadActivitySnapshot analyze(AnalyzerConfig config, ThreadEvent... events) {
    ThreadEventAnalyzer analyzer = new ThreadEventAnalyzer(config, () -> T0 + seconds(1));
    for (ThreadEvent event : events) {
      analyzer.onEvent(event);
    }
    analyzer.publish();
    return analyzer.snapshot();
  }

  private static List<String> describe(List<BlockedSeries> series) {
    return series.stream()
        .map(
            s ->
                s.kind().label()
                    + " "
                    + s.threadKind().virtualLabel()
                    + " "
                    + s.className()
                    + " "
                    + countAndSum(s.durations()))
        .toList();
  }

  private static List<String> describePinned(List<PinnedSeries> series) {
    return series.stream()
        .map(s -> s.reason() + " | " + s.site() + " | " + countAndSum(s.durations()))
        .toList();
  }

  @Test
  void eachKindIsLabelledByTheClassResponsible() {
    ThreadActivitySnapshot snapshot =
        analyze(
            AnalyzerConfig.defaults(),
            blocked(MONITOR_ENTER, false, "com.example.Inventory", millis(2)),
            blocked(MONITOR_ENTER, false, "com.example.Inventory", millis(3)),
            blocked(MONITOR_WAIT, true, "java.lang.Object", millis(50)),
            blocked(PARK, false, "java.util.concurrent.locks.ReentrantLock$NonfairSync", millis(7)),
            blocked(PARK, true, "", millis(11)),
            blocked(SLEEP, false, "", millis(100), SLEEP_IN_POLLER),
            blocked(SLEEP, true, "", millis(20)),
            blocked(SLEEP, true, "", millis(30), "java.lang.Thread.sleep", "java.lang.Thread.run"));

    assertThat(describe(snapshot.blocked()))
        .containsExactly(
            "monitor_enter false com.example.Inventory count=2 sum=" + millis(5),
            "monitor_wait true java.lang.Object count=1 sum=" + millis(50),
            "park false java.util.concurrent.locks.ReentrantLock$NonfairSync count=1 sum="
                + millis(7),
            "park true none count=1 sum=" + millis(11),
            "sleep false com.example.Poller$Loop count=1 sum=" + millis(100),
            "sleep true unknown count=2 sum=" + millis(50));
  }

  @Test
  void sleepSkipsTheConfiguredLibraries() {
    ThreadActivitySnapshot snapshot =
        analyze(
            AnalyzerConfig.builder().libraryPackages("io.netty.").build(),
            blocked(
                SLEEP,
                false,
                "",
                millis(1),
                "java.lang.Thread.sleep",
                "io.netty.util.HashedWheelTimer$Worker.waitForNextTick",
                "com.example.Timers.run"));

    assertThat(describe(snapshot.blocked()))
        .containsExactly("sleep false com.example.Timers count=1 sum=" + millis(1));
  }

  @Test
  void aBlockerClassWinsOverTheStack() {
    ThreadActivitySnapshot snapshot =
        analyze(
            AnalyzerConfig.defaults(),
            blocked(
                PARK,
                false,
                "java.util.concurrent.CountDownLatch$Sync",
                millis(4),
                SLEEP_IN_POLLER));

    assertThat(describe(snapshot.blocked()))
        .containsExactly(
            "park false java.util.concurrent.CountDownLatch$Sync count=1 sum=" + millis(4));
  }

  @Test
  void durationsLandInTheirKindAndThreadKindOverTheWindowToo() {
    ThreadActivitySnapshot snapshot =
        analyze(
            AnalyzerConfig.defaults(),
            blocked(PARK, false, "a.A", millis(1)),
            blocked(PARK, false, "b.B", millis(2)),
            blocked(PARK, true, "a.A", millis(4)),
            blocked(MONITOR_ENTER, true, "a.A", millis(8)),
            blocked(SLEEP, false, "", -5));

    assertThat(countAndSum(snapshot.recentBlocked(PARK, ThreadKind.PLATFORM)))
        .isEqualTo("count=2 sum=" + millis(3));
    assertThat(countAndSum(snapshot.recentBlocked(PARK, ThreadKind.VIRTUAL)))
        .isEqualTo("count=1 sum=" + millis(4));
    assertThat(countAndSum(snapshot.recentBlocked(MONITOR_ENTER, ThreadKind.VIRTUAL)))
        .isEqualTo("count=1 sum=" + millis(8));
    assertThat(countAndSum(snapshot.recentBlocked(MONITOR_ENTER, ThreadKind.PLATFORM)))
        .isEqualTo("count=0 sum=0");
    // A negative duration (a clock step) counts as zero.
    assertThat(countAndSum(snapshot.recentBlocked(SLEEP, ThreadKind.PLATFORM)))
        .isEqualTo("count=1 sum=0");
    assertThat(countAndSum(snapshot.blocked(PARK, ThreadKind.PLATFORM, "b.B")))
        .isEqualTo("count=1 sum=" + millis(2));
    assertThat(snapshot.blocked(PARK, ThreadKind.PLATFORM, "c.C"))
        .isSameAs(DurationHistogram.EMPTY);
    assertThat(snapshot.blocked(PARK, ThreadKind.PLATFORM, "a.A").maxNanos())
        .isCloseTo(millis(1), withPercentage(1));
  }

  @Test
  void classesBeyondTopNFoldIntoOther() {
    ThreadActivitySnapshot snapshot =
        analyze(
            AnalyzerConfig.builder().topN(2).build(),
            blocked(PARK, false, "c1", millis(1)),
            blocked(PARK, false, "c2", millis(50)),
            blocked(PARK, false, "c3", millis(30)),
            blocked(PARK, false, "c3", millis(30)),
            blocked(PARK, false, "c4", millis(2)),
            blocked(PARK, false, "c5", millis(40)));

    assertThat(describe(snapshot.blocked()))
        .containsExactly(
            "park false c3 count=2 sum=" + millis(60),
            "park false c2 count=1 sum=" + millis(50),
            "park false other count=3 sum=" + millis(43));
  }

  @Test
  void classesBeyondMaxSeriesAreCountedAsOverflow() {
    ThreadActivitySnapshot snapshot =
        analyze(
            AnalyzerConfig.builder().topN(2).maxSeries(2).build(),
            blocked(PARK, false, "c1", millis(1)),
            blocked(PARK, false, "c2", millis(3)),
            blocked(PARK, false, "c3", millis(300)),
            blocked(PARK, false, "c1", millis(1)),
            blocked(MONITOR_ENTER, false, "c4", millis(1)));

    assertThat(describe(snapshot.blocked()))
        .containsExactly(
            "monitor_enter false c4 count=1 sum=" + millis(1),
            "park false c2 count=1 sum=" + millis(3),
            "park false c1 count=2 sum=" + millis(2),
            "park false other count=1 sum=" + millis(300));
    assertThat(snapshot.statistics().overflowedEvents()).isEqualTo(1);
  }

  @Test
  void pinnedTimeIsLabelledByReasonCategoryAndSite() {
    ThreadActivitySnapshot snapshot =
        analyze(
            AnalyzerConfig.defaults(),
            pinned(
                "VM call to com.example.Config.<clinit> on stack",
                millis(5),
                "java.lang.VirtualThread.park",
                "com.example.Config.<clinit>",
                "com.example.Handler.handle"),
            pinned(
                "VM call to com.example.Other.<clinit> on stack",
                millis(6),
                "java.lang.VirtualThread.park",
                "com.example.Config.<clinit>",
                "com.example.Handler.handle"),
            pinned("Native or VM frame on stack", millis(7), "com.example.Jni.call"),
            pinned("", millis(9)));

    assertThat(describePinned(snapshot.pinned()))
        .containsExactly(
            "VM call to <clinit> on stack | com.example.Config.<clinit> | count=2 sum="
                + millis(11),
            "unknown | unknown | count=1 sum=" + millis(9),
            "Native or VM frame on stack | com.example.Jni.call | count=1 sum=" + millis(7));
    assertThat(countAndSum(snapshot.recentPinned())).isEqualTo("count=4 sum=" + millis(27));
  }

  @Test
  void pinnedPairsBeyondTopNFoldIntoOtherOther() {
    ThreadActivitySnapshot snapshot =
        analyze(
            AnalyzerConfig.builder().topN(1).build(),
            pinned("Native or VM frame on stack", millis(5), "com.example.A.a"),
            pinned("Native or VM frame on stack", millis(3), "com.example.B.b"),
            pinned("Native or VM frame on stack", millis(1), "com.example.C.c"));

    assertThat(describePinned(snapshot.pinned()))
        .containsExactly(
            "Native or VM frame on stack | com.example.A.a | count=1 sum=" + millis(5),
            "other | other | count=2 sum=" + millis(4));
  }
}
