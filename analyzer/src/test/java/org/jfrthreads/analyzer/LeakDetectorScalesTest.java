package org.jfrthreads.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The default detector on a {@link BusyPool}: quiet for a week, and leaks at every speed flagged in
 * time, once, at their site. {@link LeakScalesSimulation} runs the same on 40 seeds per case.
 */
class LeakDetectorScalesTest {

  // A week on 40 seeds is LeakScalesSimulation's; three days, deploys included, keep this fast.
  private static final int DAYS = 3 * BusyPool.DAY;
  private static final long SECOND = 1_000_000_000L;
  private static final String SITE = "com.example.Sessions.open";

  @ParameterizedTest
  @ValueSource(ints = {1, 5})
  void busyPoolIsNeverSuspectedOverThreeDays(int scale) {
    Random random = new Random(scale);
    LeakScalesSimulation.Run run =
        LeakScalesSimulation.run(new BusyPool(scale, random), 0, -1, DAYS, random);

    assertThat(run.episodes().started).isEmpty();
    assertThat(run.suspectedSamples()).isZero();
  }

  @ParameterizedTest
  @CsvSource({"1, 60", "10, 300", "60, 3600"})
  void leakBesideTheBusyPoolIsOneEpisodeAtItsSiteInTime(int period, int withinSeconds) {
    for (int seed = 1; seed <= 2; seed++) {
      Random random = new Random(seed);
      int leakFrom = 4 * 3_600 + random.nextInt(BusyPool.DAY);
      LeakScalesSimulation.Run run =
          LeakScalesSimulation.run(
              new BusyPool(1, random), leakFrom, period, leakFrom + withinSeconds, random);

      assertThat(run.episodes().started)
          .extracting(episode -> episode.series().site())
          .containsExactly(LeakScalesSimulation.LEAK_SITE);
      assertThat(run.delay(leakFrom)).isNotNull().isBetween(0, withinSeconds);
    }
  }

  @Test
  void leakOfOneThreadEveryTenSecondsIsFlaggedWithinFiveMinutesOnFortySeeds() {
    for (int seed = 1; seed <= 40; seed++) {
      Random random = new Random(seed);
      RecordingLeakListener episodes = new RecordingLeakListener();
      LeakDetector detector = new LeakDetector(LeakDetectorConfig.defaults(), episodes);
      int leakFrom = 100 + random.nextInt(100);
      long leaked = 0;
      for (int s = 0; s <= leakFrom + 300 && episodes.started.isEmpty(); s++) {
        if (s >= leakFrom && random.nextInt(10) == 0) {
          leaked++;
        }
        detector.observe(
            s * SECOND,
            Map.of(ThreadKind.PLATFORM, 200 + leaked),
            s < leakFrom
                ? List.of()
                : List.of(new SiteLiveCount(ThreadKind.PLATFORM, SITE, leaked)));
      }

      assertThat(episodes.started)
          .as("seed %d", seed)
          .extracting(episode -> episode.series().site())
          .containsExactly(SITE);
    }
  }

  @Test
  void threadsThatNeverEndButCameInOneStepAreNoLeak() {
    // A pool's core threads never end: its count never falls, and a rise of load adds a step.
    for (int ramp : new int[] {5, 20, 40, 60}) {
      RecordingLeakListener episodes = new RecordingLeakListener();
      LeakDetector detector = new LeakDetector(LeakDetectorConfig.defaults(), episodes);
      for (int s = 0; s < 4 * 3_600; s++) {
        long core = 100 + Math.round(40 * Math.clamp((s - 3_600 + 1) / (double) ramp, 0, 1));
        detector.observe(
            s * SECOND,
            Map.of(ThreadKind.PLATFORM, core + 12),
            List.of(new SiteLiveCount(ThreadKind.PLATFORM, SITE, core)));
      }

      assertThat(episodes.started).as("ramp of %d s", ramp).isEmpty();
    }
  }

  @ParameterizedTest
  @CsvSource({"false, 1", "true, 2"})
  void aLeakThatPausesIsOneEpisodeUnlessOneOfItsThreadsEnds(boolean oneEnds, int episodes) {
    // One thread every 10 s, a 10-minute pause, then again: the 3-minute scale flags it and sees
    // no new high for longer than its clear span (3 minutes).
    RecordingLeakListener listener = new RecordingLeakListener();
    LeakDetector detector = new LeakDetector(LeakDetectorConfig.defaults(), listener);
    long leaked = 0;
    for (int s = 0; s < 1_700; s++) {
      boolean leaking = (s >= 100 && s < 500) || s >= 1_100;
      if (leaking && s % 10 == 0) {
        leaked++;
      }
      if (oneEnds && s == 600) {
        leaked--;
      }
      detector.observe(
          s * SECOND,
          Map.of(ThreadKind.PLATFORM, 200 + leaked),
          s < 100 ? List.of() : List.of(new SiteLiveCount(ThreadKind.PLATFORM, SITE, leaked)));
    }

    assertThat(listener.started)
        .extracting(episode -> episode.series().site())
        .containsOnly(SITE)
        .hasSize(episodes);
    assertThat(listener.started.getFirst().startedEpochNanos()).isLessThan(500 * SECOND);
  }

  @Test
  void configRejectsSlowWindowsOutOfOrder() {
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(
            () ->
                LeakDetectorConfig.builder()
                    .slowWindows(Duration.ofMinutes(40), Duration.ofMinutes(3)))
        .withMessage(
            "PT3M: illegal slow window. Expecting each longer than the one before (PT40M).");
  }

  @Test
  void configRejectsASlowWindowNoLongerThanTheFastTrendWindow() {
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> LeakDetectorConfig.builder().slowWindows(Duration.ofSeconds(30)).build())
        .withMessageStartingWith("PT30S: illegal slow window. Expecting longer than the fast");
  }

  @Test
  void slowScalesKeepTheSampleCountsAndStretchTheInterval() {
    LeakDetectorConfig config = LeakDetectorConfig.defaults();

    assertThat(config.scales())
        .extracting(scale -> scale.trendWindow())
        .containsExactly(Duration.ofSeconds(30), Duration.ofMinutes(3), Duration.ofMinutes(40));
    assertThat(config.scales()).extracting(LeakDetectorConfig.Scale::trendSamples).containsOnly(30);
  }
}
