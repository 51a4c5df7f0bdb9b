package org.jfrthreads.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

class LeakDetectorTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long START = 1_700_000_000L * SECOND;
  private static final int THIRTY_MINUTES = 30 * 60;
  // Every claim about synthetic load holds for each of these seeds, not for one lucky seed.
  private static final int SEEDS = 10;

  // The rule at its fastest scale alone, without the share of the baseline a series must add
  // there: what these tests check is the rule's conditions on a total. LeakDetectorScalesTest
  // checks the defaults on a busy pool.
  static final LeakDetectorConfig FAST =
      LeakDetectorConfig.builder().slowWindows().minFastGrowthShare(0).build();

  private final RecordingLeakListener listener = new RecordingLeakListener();
  private final LeakDetector detector = new LeakDetector(FAST, listener);

  /** Feeds one platform-thread total per second; returns the snapshot after the last. */
  private LeakDetectorSnapshot run(LongUnaryOperator series, int seconds) {
    feed(detector, series, seconds);
    return detector.snapshot();
  }

  private static long at(int second) {
    return START + second * SECOND;
  }

  @Test
  void leakOfOneThreadPerSecondIsFlaggedWithinAMinute() {
    int leakFrom = 120;
    run(
        SyntheticLoad.leaking(SyntheticLoad.steady(200, 5, new Random(1)), 1, leakFrom, 10_000),
        300);

    assertThat(listener.started).hasSize(1);
    LeakEpisode episode = listener.started.get(0);
    assertThat(episode.startedEpochNanos()).isBetween(at(leakFrom), at(leakFrom + 60));
    assertThat(episode.series().threadKind()).isEqualTo(ThreadKind.PLATFORM);
    assertThat(episode.series().site()).isEqualTo(LeakDetector.ALL_SITES);
    assertThat(episode.series().baseline()).isBetween(195.0, 205.0);
    // At the start the trend window still holds floors from before the leak.
    assertThat(episode.series().growthPerSecond()).isBetween(0.25, 1.2);
    assertThat(listener.cleared).isEmpty();
    assertThat(detector.snapshot().total(ThreadKind.PLATFORM).growthPerSecond())
        .isBetween(0.8, 1.2);
  }

  @Test
  void leakOfOneThreadPerSecondIsFlaggedWithinAMinuteWhateverTheSeed() {
    assertThat(
            seedsFlaggedLateOrNever(
                seed -> SyntheticLoad.steady(200, 5, new Random(seed)), FAST, 60))
        .isEmpty();
  }

  @Test
  void leakUnderBurstyLoadIsFlaggedWithinFourMinutesWhateverTheSeed() {
    // The fast scale alone may never flag it: a series must rise above the largest burst it made
    // and undid before, and these bursts reach +300. The 3-minute scale of the defaults does.
    assertThat(
            seedsFlaggedLateOrNever(
                seed -> SyntheticLoad.bursty(200, 5, 0.05, 300, 4, new Random(seed)),
                LeakDetectorConfig.defaults(),
                240))
        .isEmpty();
  }

  @Test
  void snapshotReportsSuspectedBaselineAndGrowthWhileLeaking() {
    LeakDetectorSnapshot snapshot =
        run(
            SyntheticLoad.leaking(SyntheticLoad.steady(200, 0, new Random(3)), 1, 120, 10_000),
            240);

    LeakSeriesState total = snapshot.total(ThreadKind.PLATFORM);
    assertThat(total.suspected()).isTrue();
    assertThat(total.live()).isEqualTo(200 + 119);
    assertThat(total.baseline()).isEqualTo(200.0);
    assertThat(total.growthPerSecond()).isEqualTo(1.0);
    assertThat(snapshot.suspected()).containsExactly(total);
    assertThat(snapshot.episodesStarted()).isEqualTo(1);
    assertThat(snapshot.sampledEpochNanos()).isEqualTo(at(239));
  }

  @Test
  void steadyBurstyLoadRaisesNoAlarmOverThirtyMinutes() {
    // Bursts of 20 to 300 threads on 200, 1 to 4 s long, starting in 5 % of the seconds.
    assertThat(
            seedsWithAlarms(seed -> SyntheticLoad.bursty(200, 5, 0.05, 300, 4, new Random(seed))))
        .isEmpty();
  }

  @Test
  void theRuleAsFirstStatedAlarmsOnTheSameBurstyLoad() {
    int seedsWithAlarms = 0;
    for (int seed = 1; seed <= SEEDS; seed++) {
      LongUnaryOperator load = SyntheticLoad.bursty(200, 5, 0.05, 300, 4, new Random(seed));
      long[] samples = new long[THIRTY_MINUTES];
      for (int s = 0; s < samples.length; s++) {
        samples[s] = load.applyAsLong(s);
      }
      if (FirstStatedRule.alarms(samples, 60, 1.5, 5) > 0) {
        seedsWithAlarms++;
      }
    }

    // Where the rule above raises none on any seed, the first-stated one alarms on most.
    assertThat(seedsWithAlarms).isGreaterThan(SEEDS / 2);
  }

  @Test
  void stepChangeThatHoldsFlatRaisesNoAlarm() {
    assertThat(
            seedsWithAlarms(
                seed -> {
                  LongUnaryOperator steady = SyntheticLoad.steady(200, 5, new Random(seed));
                  return second -> steady.applyAsLong(second) + (second >= 600 ? 150 : 0);
                }))
        .isEmpty();
  }

  @Test
  void slowOscillationRaisesNoAlarmOverThirtyMinutes() {
    // ±15 threads over a 10-minute period: steepest slope 2π·15/600 ≈ 0.16 threads/s, below
    // minGrowthPerSecond (0.25). A steeper sine is flagged in its rises: see the class Javadoc.
    assertThat(
            seedsWithAlarms(
                seed -> {
                  LongUnaryOperator steady = SyntheticLoad.steady(200, 3, new Random(seed));
                  return second ->
                      steady.applyAsLong(second)
                          + Math.round(15 * Math.sin(2 * Math.PI * second / 600));
                }))
        .isEmpty();
  }

  /** Seeds (1 to {@link #SEEDS}) whose series raise an episode within thirty minutes. */
  private static List<Integer> seedsWithAlarms(IntFunction<LongUnaryOperator> load) {
    List<Integer> seeds = new ArrayList<>();
    for (int seed = 1; seed <= SEEDS; seed++) {
      RecordingLeakListener episodes = new RecordingLeakListener();
      feed(new LeakDetector(FAST, episodes), load.apply(seed), THIRTY_MINUTES);
      if (!episodes.started.isEmpty()) {
        seeds.add(seed);
      }
    }
    return seeds;
  }

  /**
   * Seeds whose load plus a leak of 1 thread/s from the tenth minute is not flagged, or flagged
   * before the leak or more than {@code withinSeconds} into it.
   */
  private static List<Integer> seedsFlaggedLateOrNever(
      IntFunction<LongUnaryOperator> load, LeakDetectorConfig config, int withinSeconds) {
    int leakFrom = 600;
    List<Integer> seeds = new ArrayList<>();
    for (int seed = 1; seed <= SEEDS; seed++) {
      RecordingLeakListener episodes = new RecordingLeakListener();
      feed(
          new LeakDetector(config, episodes),
          SyntheticLoad.leaking(load.apply(seed), 1, leakFrom, 10_000),
          leakFrom + withinSeconds + 1);
      if (episodes.started.size() != 1
          || episodes.started.get(0).startedEpochNanos() < at(leakFrom)) {
        seeds.add(seed);
      }
    }
    return seeds;
  }

  private static void feed(LeakDetector detector, LongUnaryOperator series, int seconds) {
    for (int s = 0; s < seconds; s++) {
      detector.observe(at(s), Map.of(ThreadKind.PLATFORM, series.applyAsLong(s)), List.of());
    }
  }

  @Test
  void growthStoppingClearsTheEpisode() {
    int leakFrom = 120;
    int leakUntil = 240;
    run(
        SyntheticLoad.leaking(SyntheticLoad.steady(200, 5, new Random(9)), 1, leakFrom, leakUntil),
        600);

    assertThat(listener.started).hasSize(1);
    assertThat(listener.cleared).hasSize(1);
    // The floor stops rising a few samples after the leak (noise may lift it once or twice more);
    // clearAfter (30 s) after its last high the episode clears.
    assertThat(listener.clearedAtEpochNanos.get(0))
        .isBetween(at(leakUntil + 30), at(leakUntil + 60));
    assertThat(listener.cleared.get(0).series().suspected()).isFalse();
    assertThat(detector.snapshot().total(ThreadKind.PLATFORM).suspected()).isFalse();
  }

  @Test
  void growthResumingAfterAClearIsANewEpisode() {
    LongUnaryOperator steady = SyntheticLoad.steady(200, 5, new Random(10));
    run(
        second ->
            steady.applyAsLong(second)
                + Math.clamp(second - 120, 0, 120)
                + Math.clamp(second - 600, 0, 120),
        900);

    assertThat(listener.started).hasSize(2);
    assertThat(listener.cleared).hasSize(2);
  }

  @Test
  void aLeakFromOneSiteIsOneEpisodeNamingTheSite() {
    Random random = new Random(11);
    for (int s = 0; s < 240; s++) {
      long leaking = 10 + Math.max(0, s - 120);
      long steady = 100 + random.nextInt(5);
      detector.observe(
          at(s),
          Map.of(ThreadKind.PLATFORM, leaking + steady),
          List.of(
              new SiteLiveCount(ThreadKind.PLATFORM, "com.example.Orders.fanOut", leaking),
              new SiteLiveCount(ThreadKind.PLATFORM, "com.example.Pool.start", steady)));
    }

    // The total grows as fast, but the site explains it: one episode, one WARN.
    assertThat(listener.started)
        .extracting(episode -> episode.series().site())
        .containsExactly("com.example.Orders.fanOut");
    assertThat(detector.snapshot().total(ThreadKind.PLATFORM).suspected()).isFalse();
    assertThat(listener.started.get(0).topSites()).isEmpty();
  }

  @Test
  void episodeOfAKindNamesTheSitesThatGrewWhenNoSiteExplainsItsGrowth() {
    Random random = new Random(11);
    String[] names = {"a.A.a", "b.B.b", "c.C.c", "d.D.d"};
    for (int s = 0; s < 300; s++) {
      // Four sites each growing at 0.15 threads/s, below the rate a series must reach alone.
      List<SiteLiveCount> sites = new ArrayList<>();
      long total = 0;
      for (int i = 0; i < names.length; i++) {
        long live = 10 + (long) (0.15 * Math.max(0, s - 120)) + random.nextInt(2);
        sites.add(new SiteLiveCount(ThreadKind.PLATFORM, names[i], live));
        total += live;
      }
      detector.observe(at(s), Map.of(ThreadKind.PLATFORM, total), sites);
    }

    assertThat(listener.started)
        .extracting(episode -> episode.series().site())
        .containsExactly(LeakDetector.ALL_SITES);
    LeakEpisode total = listener.started.get(0);
    assertThat(total.topSites()).extracting(LeakSeriesState::site).isSubsetOf(names).isNotEmpty();
    assertThat(LoggingLeakListener.describeStart(total))
        .startsWith("Suspected thread leak: platform threads: ")
        .contains("Top creation sites: ");
  }

  @Test
  void samplesAtTheConfiguredIntervalWhateverThePublicationRate() {
    for (int i = 0; i < 10; i++) {
      detector.observe(START + i * SECOND / 4, Map.of(ThreadKind.PLATFORM, 1L + i), List.of());
    }

    // Publications every 250 ms, one sample a second: at 0, 1 s and 2 s.
    assertThat(detector.snapshot().sampledEpochNanos()).isEqualTo(START + 2 * SECOND);
    assertThat(detector.snapshot().total(ThreadKind.PLATFORM).live()).isEqualTo(9);
  }

  @Test
  void seriesBeyondMaxSeriesAreCountedAndIgnored() {
    LeakDetector small =
        new LeakDetector(LeakDetectorConfig.builder().maxSeries(2).build(), listener);
    LeakDetectorSnapshot snapshot =
        small.observe(
            START,
            Map.of(ThreadKind.PLATFORM, 3L),
            List.of(
                new SiteLiveCount(ThreadKind.PLATFORM, "a.A.a", 1),
                new SiteLiveCount(ThreadKind.PLATFORM, "b.B.b", 2)));

    assertThat(snapshot.series())
        .extracting(LeakSeriesState::site)
        .containsExactly("a.A.a", "b.B.b");
    assertThat(snapshot.overflowedSeries()).isEqualTo(1);
  }

  @Test
  void seriesAbsentFromTheInputCountsAsZeroThenIsForgottenAndItsEpisodeCleared() {
    for (int s = 0; s < 200; s++) {
      detector.observe(
          at(s),
          Map.of(),
          List.of(new SiteLiveCount(ThreadKind.VIRTUAL, "unknown", 100L + Math.max(0, s - 100))));
    }
    assertThat(listener.started).hasSize(1);

    LeakDetectorSnapshot absentOnce = detector.observe(at(200), Map.of(), List.of());

    assertThat(absentOnce.series()).extracting(LeakSeriesState::live).containsExactly(0L);
    int capacity = 60 + 5 + 30 - 1;
    for (int s = 201; s < 200 + capacity; s++) {
      detector.observe(at(s), Map.of(), List.of());
    }
    assertThat(detector.snapshot().series()).isEmpty();
    assertThat(listener.cleared).hasSize(1);
  }

  @Test
  void siteThatStartsLeakingSecondsAfterTheWatchBeganIsFlaggedWithinAMinute() {
    for (int s = 0; s < 90; s++) {
      List<SiteLiveCount> sites =
          s < 6
              ? List.of()
              : List.of(new SiteLiveCount(ThreadKind.PLATFORM, "com.example.Sessions.open", s - 5));
      detector.observe(at(s), Map.of(ThreadKind.PLATFORM, 20L + Math.max(0, s - 5)), sites);
    }

    assertThat(listener.started)
        .extracting(episode -> episode.series().site())
        .containsExactly("com.example.Sessions.open");
    assertThat(listener.started.get(0).startedEpochNanos()).isLessThanOrEqualTo(at(6 + 60));
  }

  @Test
  void aNoiselessLeakThatBeganWithTheWatchIsFlaggedOnceItsSeriesIsJudged() {
    // The baseline window is itself a ramp: its noise, not its slope, sets the band.
    run(second -> 20L + second, 130);

    assertThat(listener.started).hasSize(1);
    assertThat(listener.started.get(0).startedEpochNanos()).isLessThanOrEqualTo(at(100));
  }

  @Test
  void siteAppearingLaterIsTakenToHaveBeenAtZeroSoItsLeakIsFlaggedAtOnce() {
    for (int s = 0; s < 160; s++) {
      List<SiteLiveCount> sites =
          s < 100
              ? List.of()
              : List.of(
                  new SiteLiveCount(ThreadKind.PLATFORM, "com.example.Orders.fanOut", s - 99));
      detector.observe(at(s), Map.of(ThreadKind.PLATFORM, 200L), sites);
    }

    assertThat(listener.started)
        .extracting(episode -> episode.series().site())
        .containsExactly("com.example.Orders.fanOut");
    assertThat(listener.started.get(0).series().baseline()).isZero();
  }

  @Test
  void listenerFailureDoesNotStopDetection() {
    LeakDetector failing =
        new LeakDetector(
            FAST,
            new LeakListener() {
              @Override
              public void episodeStarted(LeakEpisode episode) {
                throw new IllegalStateException("listener broken");
              }

              @Override
              public void episodeCleared(LeakEpisode episode, long clearedEpochNanos) {}
            });
    LeakDetectorSnapshot last = LeakDetectorSnapshot.EMPTY;
    for (int s = 0; s < 240; s++) {
      last =
          failing.observe(
              at(s), Map.of(ThreadKind.PLATFORM, 100L + Math.max(0, s - 120)), List.of());
    }

    assertThat(last.total(ThreadKind.PLATFORM).suspected()).isTrue();
  }

  @Test
  void configRejectsMinRisingSamplesAboveTrendSamples() {
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(
            () -> LeakDetectorConfig.builder().trendSamples(10).minRisingSamples(11).build())
        .withMessage("11: illegal minRisingSamples. Expecting at most trendSamples (10).");
  }

  @Test
  void configRejectsBaselineWindowShorterThanThreeSamples() {
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(
            () ->
                LeakDetectorConfig.builder()
                    .sampleInterval(Duration.ofSeconds(10))
                    .baselineWindow(Duration.ofSeconds(20))
                    .build())
        .withMessage(
            "PT20S: illegal baselineWindow. Expecting at least 3 sample intervals (PT30S).");
  }
}
