package org.jfrthreads.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jfrthreads.analyzer.TestEvents.T0;
import static org.jfrthreads.analyzer.TestEvents.blocked;
import static org.jfrthreads.analyzer.TestEvents.countAndSum;
import static org.jfrthreads.analyzer.TestEvents.ended;
import static org.jfrthreads.analyzer.TestEvents.millis;
import static org.jfrthreads.analyzer.TestEvents.pinned;
import static org.jfrthreads.analyzer.TestEvents.seconds;
import static org.jfrthreads.analyzer.TestEvents.started;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jfrthreads.stream.BlockingKind;
import org.junit.jupiter.api.Test;

/**
 * One writer feeds rounds of events and publishes after each, while readers take snapshots.
 *
 * <p>Every round feeds the same events, and publication {@code r} happens at {@code T0 + r}
 * seconds, so a reader can tell from any snapshot which round it belongs to and what it must
 * contain, exactly: a snapshot mixing two publications, or seen half-built, fails.
 */
class ThreadEventAnalyzerConcurrencyTest {

  private static final int ROUNDS = 2_000;
  private static final int READERS = 4;
  private static final int EVENTS_PER_ROUND = 15;
  private static final int TOP_N = 2;

  private static final AnalyzerConfig CONFIG =
      AnalyzerConfig.builder()
          .topN(TOP_N)
          .maxSeries(5)
          .window(Duration.ofSeconds(10))
          .windowSlices(5)
          .build();

  @Test
  void everySnapshotAReaderSeesIsOnePublicationWhole() throws Exception {
    long[] now = {T0};
    ThreadEventAnalyzer analyzer = new ThreadEventAnalyzer(CONFIG, () -> now[0]);
    AtomicBoolean writerDone = new AtomicBoolean();
    CountDownLatch readersStarted = new CountDownLatch(READERS);
    ExecutorService executor = Executors.newFixedThreadPool(READERS);
    try {
      List<Future<Integer>> readers = new ArrayList<>();
      for (int i = 0; i < READERS; i++) {
        readers.add(
            executor.submit(
                () -> {
                  readersStarted.countDown();
                  return readUntilDone(analyzer, writerDone);
                }));
      }
      readersStarted.await();

      for (int round = 1; round <= ROUNDS; round++) {
        feedRound(analyzer, round);
        now[0] = T0 + seconds(round);
        analyzer.publish();
      }
      writerDone.set(true);

      for (Future<Integer> reader : readers) {
        // Throws with the reader's AssertionError as the cause if a snapshot broke an invariant.
        assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
      }
      assertThat(roundOf(analyzer.snapshot())).isEqualTo(ROUNDS);
    } finally {
      executor.shutdownNow();
    }
  }

  /** Checks each new snapshot, then the last one; returns how many distinct ones it checked. */
  private static int readUntilDone(ThreadEventAnalyzer analyzer, AtomicBoolean writerDone) {
    int checked = 0;
    ThreadActivitySnapshot last = null;
    boolean done;
    do {
      done = writerDone.get();
      ThreadActivitySnapshot snapshot = analyzer.snapshot();
      if (snapshot != last) {
        checkInvariants(snapshot);
        if (last != null) {
          assertThat(roundOf(snapshot)).isGreaterThanOrEqualTo(roundOf(last));
        }
        last = snapshot;
        checked++;
      } else {
        Thread.yield();
      }
    } while (!done);
    assertThat(roundOf(last)).isEqualTo(ROUNDS);
    return checked;
  }

  private static void feedRound(ThreadEventAnalyzer analyzer, int round) {
    long at = T0 + seconds(round - 1);
    // Platform: three start, the first two end after 1 and 2 ms; the third stays alive.
    long first = 3L * round - 2;
    for (long id = first; id < first + 3; id++) {
      analyzer.onEvent(started(id, false, at));
    }
    analyzer.onEvent(ended(first, false, at + millis(1)));
    analyzer.onEvent(ended(first + 1, false, at + millis(2)));
    // Virtual: one of 4 ms whose end comes first.
    long virtual = 1_000_000L + round;
    analyzer.onEvent(ended(virtual, true, at + millis(4)));
    analyzer.onEvent(started(virtual, true, at));
    // Park: 1 + 2 + 3 + 4 + 5 ms over rotating classes, seven in all: more than maxSeries.
    for (int j = 0; j < 5; j++) {
      String blocker = "com.example.Lock" + ((round * 5 + j) % 7);
      analyzer.onEvent(blocked(BlockingKind.PARK, false, blocker, millis(j + 1)));
    }
    analyzer.onEvent(
        blocked(
            BlockingKind.SLEEP,
            true,
            "",
            millis(1),
            "java.lang.Thread.sleep",
            "com.example.Poller.poll"));
    String site = "com.example.Site" + (round % 4) + ".run";
    analyzer.onEvent(pinned("Native or VM frame on stack", millis(1), site));
    analyzer.onEvent(pinned("VM call to com.example.Config.<clinit> on stack", millis(2), site));
  }

  private static int roundOf(ThreadActivitySnapshot snapshot) {
    long published = snapshot.publishedEpochNanos();
    return published == 0 ? 0 : (int) ((published - T0) / seconds(1));
  }

  private static void checkInvariants(ThreadActivitySnapshot snapshot) {
    long r = roundOf(snapshot);
    String round = "round " + r;

    assertThat(snapshot.counts(ThreadKind.PLATFORM))
        .as(round)
        .isEqualTo(new ThreadCounts(3 * r, 2 * r, r));
    assertThat(snapshot.counts(ThreadKind.VIRTUAL)).as(round).isEqualTo(new ThreadCounts(r, r, 0));
    assertThat(countAndSum(snapshot.lifetimes(ThreadKind.PLATFORM)))
        .as(round)
        .isEqualTo("count=" + 2 * r + " sum=" + millis(3) * r);
    assertThat(countAndSum(snapshot.lifetimes(ThreadKind.VIRTUAL)))
        .as(round)
        .isEqualTo("count=" + r + " sum=" + millis(4) * r);
    for (ThreadKind kind : ThreadKind.values()) {
      assertThat(snapshot.lifetimes(kind).count())
          .as(round)
          .isLessThanOrEqualTo(snapshot.counts(kind).ended());
      assertThat(snapshot.recentLifetimes(kind).count())
          .as(round)
          .isLessThanOrEqualTo(snapshot.lifetimes(kind).count());
    }

    List<BlockedSeries> park = series(snapshot, BlockingKind.PARK, ThreadKind.PLATFORM);
    assertThat(total(park)).as(round).isEqualTo("count=" + 5 * r + " sum=" + millis(15) * r);
    assertThat(park.size()).as(round).isLessThanOrEqualTo(TOP_N + 1);
    assertThat(distinctLabels(park)).as(round).isEqualTo(park.size());
    long inOther =
        snapshot.blocked(BlockingKind.PARK, ThreadKind.PLATFORM, BlockingTracker.OTHER).count();
    assertThat(inOther).as(round).isGreaterThanOrEqualTo(snapshot.statistics().overflowedEvents());
    // The window holds at least the last round and never more than everything.
    assertThat(snapshot.recentBlocked(BlockingKind.PARK, ThreadKind.PLATFORM).count())
        .as(round)
        .isBetween(Math.min(r, 1) * 5, 5 * r);
    assertThat(total(series(snapshot, BlockingKind.SLEEP, ThreadKind.VIRTUAL)))
        .as(round)
        .isEqualTo("count=" + r + " sum=" + millis(1) * r);
    assertThat(series(snapshot, BlockingKind.MONITOR_ENTER, ThreadKind.PLATFORM))
        .as(round)
        .isEmpty();

    long pinnedCount = snapshot.pinned().stream().mapToLong(s -> s.durations().count()).sum();
    long pinnedSum = snapshot.pinned().stream().mapToLong(s -> s.durations().sumNanos()).sum();
    assertThat(pinnedCount).as(round).isEqualTo(2 * r);
    assertThat(pinnedSum).as(round).isEqualTo(millis(3) * r);
    assertThat(snapshot.pinned().size()).as(round).isLessThanOrEqualTo(TOP_N + 1);
    assertThat(snapshot.recentPinned().count()).as(round).isLessThanOrEqualTo(pinnedCount);

    AnalyzerStatistics statistics = snapshot.statistics();
    assertThat(statistics.eventsProcessed()).as(round).isEqualTo(EVENTS_PER_ROUND * r);
    assertThat(statistics.trackedThreads()).as(round).isEqualTo(r);
    assertThat(statistics.untrackedStarts()).as(round).isZero();
    assertThat(statistics.unpairedEnds()).as(round).isZero();
  }

  private static List<BlockedSeries> series(
      ThreadActivitySnapshot snapshot, BlockingKind kind, ThreadKind threadKind) {
    return snapshot.blocked().stream()
        .filter(s -> s.kind() == kind && s.threadKind() == threadKind)
        .toList();
  }

  private static String total(List<BlockedSeries> series) {
    long count = series.stream().mapToLong(s -> s.durations().count()).sum();
    long sum = series.stream().mapToLong(s -> s.durations().sumNanos()).sum();
    return "count=" + count + " sum=" + sum;
  }

  private static int distinctLabels(List<BlockedSeries> series) {
    Set<String> labels = new HashSet<>();
    series.forEach(s -> labels.add(s.className()));
    return labels.size();
  }
}
