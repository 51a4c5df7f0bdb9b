package org.jfrthreads.analyzer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Runs the {@link LeakDetector} with its default configuration over seeded weeks of a {@link
 * BusyPool}, alone and with a leak from a site of its own, and prints the false episodes per
 * simulated week by load shape and the detection delay by leak speed. Not a test: the README quotes
 * what it prints; {@code LeakDetectorScalesTest} checks the same claims on fewer seeds.
 *
 * <pre>
 * mvn -B -q -pl analyzer -am test-compile
 * java -cp analyzer/target/classes:analyzer/target/test-classes:jfr-stream/target/classes:\
 *   ~/.m2/repository/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar \
 *   org.jfrthreads.analyzer.LeakScalesSimulation [seeds]
 * </pre>
 */
final class LeakScalesSimulation {

  static final String POOL_SITE = "com.example.Pool.worker";
  static final String LEAK_SITE = "com.example.Sessions.open";
  private static final long SECOND = 1_000_000_000L;
  private static final int WEEK = 7 * BusyPool.DAY;

  private LeakScalesSimulation() {}

  public static void main(String[] args) {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    System.out.printf("%d seeds per case, default LeakDetectorConfig%n", seeds);
    for (int scale : new int[] {1, 5}) {
      int episodes = 0;
      int seedsWithEpisodes = 0;
      long suspectedSamples = 0;
      for (int seed = 1; seed <= seeds; seed++) {
        Random random = new Random(seed);
        Run run = run(new BusyPool(scale, random), 0, -1, WEEK, random);
        episodes += run.episodes.started.size();
        seedsWithEpisodes += run.episodes.started.isEmpty() ? 0 : 1;
        suspectedSamples += run.suspectedSamples;
      }
      System.out.printf(
          "busy pool x%d (%d threads avg), 7 days: %d episodes in %d weeks (%.2f per week),"
              + " %d seeds with any, %d suspected samples%n",
          scale,
          200 * scale,
          episodes,
          seeds,
          episodes / (double) seeds,
          seedsWithEpisodes,
          suspectedSamples);
    }
    for (int scale : new int[] {1, 5}) {
      for (int period : new int[] {1, 10, 60}) {
        List<Integer> delays = new ArrayList<>();
        int missed = 0;
        int extraEpisodes = 0;
        for (int seed = 1; seed <= seeds; seed++) {
          Random random = new Random(seed);
          int leakFrom = 4 * 3_600 + random.nextInt(BusyPool.DAY);
          Run run =
              run(new BusyPool(scale, random), leakFrom, period, leakFrom + 2 * 3_600, random);
          Integer delay = run.delay(leakFrom);
          if (delay == null) {
            missed++;
          } else {
            delays.add(delay);
          }
          extraEpisodes += run.episodes.started.size() - (delay == null ? 0 : 1);
        }
        Collections.sort(delays);
        System.out.printf(
            "leak of 1 thread/%ds beside pool x%d: missed on %d/%d seeds, flagged after %s s"
                + " (min/median/90th/max), other episodes %d%n",
            period,
            scale,
            missed,
            seeds,
            delays.isEmpty()
                ? "-"
                : delays.getFirst()
                    + "/"
                    + delays.get(delays.size() / 2)
                    + "/"
                    + delays.get(delays.size() * 9 / 10)
                    + "/"
                    + delays.getLast(),
            extraEpisodes);
      }
    }
  }

  /** The episodes of one run, and how many samples had a suspected series. */
  record Run(RecordingLeakListener episodes, long suspectedSamples) {

    /** Seconds from the leak's start to its first episode, or null if not flagged after it. */
    Integer delay(int leakFrom) {
      for (LeakEpisode episode : episodes.started) {
        long second = episode.startedEpochNanos() / SECOND;
        if (second >= leakFrom && episode.series().site().equals(LEAK_SITE)) {
          return (int) (second - leakFrom);
        }
      }
      return null;
    }
  }

  /**
   * Feeds {@code seconds} of the pool, plus from {@code leakFrom} a leak of one thread every {@code
   * leakPeriod} seconds on average (each second leaks one with probability {@code 1/leakPeriod}) at
   * a site of its own; none if {@code leakPeriod} is negative.
   */
  static Run run(BusyPool pool, int leakFrom, int leakPeriod, int seconds, Random random) {
    RecordingLeakListener episodes = new RecordingLeakListener();
    LeakDetector detector = new LeakDetector(LeakDetectorConfig.defaults(), episodes);
    long suspected = 0;
    long leaked = 0;
    for (int s = 0; s < seconds; s++) {
      long poolLive = pool.applyAsLong(s);
      if (leakPeriod > 0 && s >= leakFrom && random.nextInt(leakPeriod) == 0) {
        leaked++;
      }
      List<SiteLiveCount> sites =
          leaked == 0
              ? List.of(new SiteLiveCount(ThreadKind.PLATFORM, POOL_SITE, poolLive))
              : List.of(
                  new SiteLiveCount(ThreadKind.PLATFORM, POOL_SITE, poolLive),
                  new SiteLiveCount(ThreadKind.PLATFORM, LEAK_SITE, leaked));
      LeakDetectorSnapshot snapshot =
          detector.observe(s * SECOND, Map.of(ThreadKind.PLATFORM, poolLive + leaked + 12), sites);
      if (!snapshot.suspected().isEmpty()) {
        suspected++;
      }
    }
    return new Run(episodes, suspected);
  }
}
