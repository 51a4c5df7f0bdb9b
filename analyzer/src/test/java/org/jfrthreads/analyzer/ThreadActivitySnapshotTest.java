package org.jfrthreads.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.jfrthreads.analyzer.TestEvents.T0;
import static org.jfrthreads.analyzer.TestEvents.blocked;
import static org.jfrthreads.analyzer.TestEvents.ended;
import static org.jfrthreads.analyzer.TestEvents.millis;
import static org.jfrthreads.analyzer.TestEvents.pinned;
import static org.jfrthreads.analyzer.TestEvents.started;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jfrthreads.stream.BlockingKind;
import org.junit.jupiter.api.Test;

class ThreadActivitySnapshotTest {

  private static ThreadActivitySnapshot published() {
    ThreadEventAnalyzer analyzer = new ThreadEventAnalyzer(AnalyzerConfig.defaults(), () -> T0);
    analyzer.onEvent(started(1, false, T0));
    analyzer.onEvent(ended(1, false, T0 + millis(1)));
    analyzer.onEvent(blocked(BlockingKind.PARK, true, "", millis(2)));
    analyzer.onEvent(pinned("", millis(3)));
    analyzer.publish();
    return analyzer.snapshot();
  }

  @Test
  void collectionsOfAPublishedSnapshotAreUnmodifiable() {
    ThreadActivitySnapshot snapshot = published();

    assertThat(snapshot.blocked()).isNotEmpty().isUnmodifiable();
    assertThat(snapshot.pinned()).isNotEmpty().isUnmodifiable();
    assertThat(snapshot.counts()).isNotEmpty().isUnmodifiable();
    assertThat(snapshot.lifetimes()).isNotEmpty().isUnmodifiable();
    assertThat(snapshot.recentLifetimes()).isNotEmpty().isUnmodifiable();
    assertThat(snapshot.recentBlocked()).isNotEmpty().isUnmodifiable();
    assertThat(snapshot.recentBlocked().values())
        .allSatisfy(byThread -> assertThat(byThread).isNotEmpty().isUnmodifiable());
    assertThatExceptionOfType(UnsupportedOperationException.class)
        .isThrownBy(() -> snapshot.recentBlocked().get(BlockingKind.PARK).clear());
  }

  @Test
  void theSnapshotKeepsCopiesOfWhatItWasBuiltFrom() {
    Map<ThreadKind, ThreadCounts> counts = new EnumMap<>(ThreadKind.class);
    counts.put(ThreadKind.PLATFORM, new ThreadCounts(1, 0, 1));
    List<BlockedSeries> blocked = new ArrayList<>();
    blocked.add(
        new BlockedSeries(
            BlockingKind.SLEEP, ThreadKind.PLATFORM, "a.A", TestEvents.histogramOf(millis(1))));
    Map<ThreadKind, DurationHistogram> recentPark = new HashMap<>();
    recentPark.put(ThreadKind.VIRTUAL, DurationHistogram.EMPTY);
    Map<BlockingKind, Map<ThreadKind, DurationHistogram>> recentBlocked = new HashMap<>();
    recentBlocked.put(BlockingKind.PARK, recentPark);
    List<PinnedSeries> pinned = new ArrayList<>();

    ThreadActivitySnapshot snapshot =
        new ThreadActivitySnapshot(
            T0,
            counts,
            Map.of(),
            Map.of(),
            blocked,
            recentBlocked,
            pinned,
            DurationHistogram.EMPTY,
            AnalyzerStatistics.ZERO,
            List.of(),
            LeakDetectorSnapshot.EMPTY,
            VirtualLifecycle.FOLLOWED);
    counts.put(ThreadKind.VIRTUAL, new ThreadCounts(5, 5, 0));
    blocked.clear();
    recentPark.put(ThreadKind.PLATFORM, DurationHistogram.EMPTY);
    recentBlocked.clear();
    pinned.add(new PinnedSeries("unknown", "unknown", DurationHistogram.EMPTY));

    assertThat(snapshot.counts()).containsOnlyKeys(ThreadKind.PLATFORM);
    assertThat(snapshot.blocked()).hasSize(1);
    assertThat(snapshot.recentBlocked()).containsOnlyKeys(BlockingKind.PARK);
    assertThat(snapshot.recentBlocked().get(BlockingKind.PARK))
        .containsOnlyKeys(ThreadKind.VIRTUAL);
    assertThat(snapshot.pinned()).isEmpty();
  }

  @Test
  void missingEntriesReadAsZeroOrEmpty() {
    ThreadActivitySnapshot empty = ThreadActivitySnapshot.EMPTY;

    assertThat(empty.counts(ThreadKind.VIRTUAL)).isEqualTo(ThreadCounts.ZERO);
    assertThat(empty.lifetimes(ThreadKind.PLATFORM)).isSameAs(DurationHistogram.EMPTY);
    assertThat(empty.recentLifetimes(ThreadKind.PLATFORM)).isSameAs(DurationHistogram.EMPTY);
    assertThat(empty.recentBlocked(BlockingKind.SLEEP, ThreadKind.VIRTUAL))
        .isSameAs(DurationHistogram.EMPTY);
    assertThat(empty.blocked(BlockingKind.SLEEP, ThreadKind.VIRTUAL, "a.A"))
        .isSameAs(DurationHistogram.EMPTY);
    assertThat(empty.statistics()).isEqualTo(AnalyzerStatistics.ZERO);
  }
}
