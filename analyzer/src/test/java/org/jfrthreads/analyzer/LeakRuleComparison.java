package org.jfrthreads.analyzer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.function.LongUnaryOperator;

/**
 * Runs the {@link LeakDetector} rule and the original rule ({@link FirstStatedRule}) over
 * many seeds of each synthetic load, and prints how often each alarms and how soon leaks are
 * flagged, over 30-minute series. Not a test; {@link LeakScalesSimulation} gives the figures of the
 * default detector over weeks of a busy pool, quoted in the README.
 *
 * <pre>
 * mvn -B -q -pl analyzer -am test-compile
 * java -cp analyzer/target/classes:analyzer/target/test-classes:jfr-stream/target/classes:\
 *   ~/.m2/repository/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar \
 *   org.jfrthreads.analyzer.LeakRuleComparison
 * </pre>
 */
final class LeakRuleComparison {

  private static final long SECOND = 1_000_000_000L;
  private static final int SEEDS = 40;
  private static final int THIRTY_MINUTES = 30 * 60;
  private static final int LEAK_FROM = 300;

  private LeakRuleComparison() {}

  public static void main(String[] args) {
    Map<String, IntFunction<LongUnaryOperator>> steadyLoads = new LinkedHashMap<>();
    steadyLoads.put(
        "bursts of 1-4 s", seed -> SyntheticLoad.bursty(200, 5, 0.05, 300, 4, new Random(seed)));
    steadyLoads.put(
        "bursts of 1-20 s", seed -> SyntheticLoad.bursty(500, 10, 0.02, 400, 20, new Random(seed)));
    steadyLoads.put("step +150", seed -> withStep(seed, 1));
    steadyLoads.put("step +150 ramped over 5 s", seed -> withStep(seed, 5));
    steadyLoads.put("sine ±15, 10 min", seed -> withSine(seed, 15));
    steadyLoads.put("sine ±20, 10 min", seed -> withSine(seed, 20));
    steadyLoads.forEach(
        (name, load) -> {
          int detector = 0;
          int firstStated = 0;
          for (int seed = 1; seed <= SEEDS; seed++) {
            long[] samples = samples(load.apply(seed), THIRTY_MINUTES);
            if (firstEpisodeSecond(samples) >= 0) {
              detector++;
            }
            if (FirstStatedRule.alarms(samples, 60, 1.5, 5) > 0) {
              firstStated++;
            }
          }
          System.out.printf(
              "%-28s alarmed on %2d/%d seeds; original rule on %2d/%d%n",
              name, detector, SEEDS, firstStated, SEEDS);
        });

    Map<String, IntFunction<LongUnaryOperator>> leaks = new LinkedHashMap<>();
    leaks.put("1/s, noise ±5", seed -> leak(SyntheticLoad.steady(200, 5, new Random(seed)), 1));
    leaks.put("1/s, noise ±10", seed -> leak(SyntheticLoad.steady(500, 10, new Random(seed)), 1));
    leaks.put(
        "1/s, bursts of 1-4 s",
        seed -> leak(SyntheticLoad.bursty(200, 5, 0.05, 300, 4, new Random(seed)), 1));
    leaks.put("0.5/s, noise ±5", seed -> leak(SyntheticLoad.steady(200, 5, new Random(seed)), 0.5));
    leaks.forEach(
        (name, load) -> {
          List<Integer> delays = new ArrayList<>();
          int missed = 0;
          for (int seed = 1; seed <= SEEDS; seed++) {
            int at = firstEpisodeSecond(samples(load.apply(seed), 2 * LEAK_FROM));
            if (at < LEAK_FROM) {
              missed++;
            } else {
              delays.add(at - LEAK_FROM);
            }
          }
          Collections.sort(delays);
          System.out.printf(
              "leak %-22s missed or early on %d/%d seeds; flagged after %s s (min/median/max)%n",
              name,
              missed,
              SEEDS,
              delays.isEmpty()
                  ? "-"
                  : delays.get(0) + "/" + delays.get(delays.size() / 2) + "/" + delays.getLast());
        });
  }

  private static LongUnaryOperator withStep(int seed, int rampSeconds) {
    LongUnaryOperator steady = SyntheticLoad.steady(200, 5, new Random(seed));
    int step = 150 / rampSeconds;
    return second -> steady.applyAsLong(second) + step * Math.clamp(second - 599, 0, rampSeconds);
  }

  private static LongUnaryOperator withSine(int seed, int amplitude) {
    LongUnaryOperator steady = SyntheticLoad.steady(200, 3, new Random(seed));
    return second ->
        steady.applyAsLong(second) + Math.round(amplitude * Math.sin(2 * Math.PI * second / 600));
  }

  private static LongUnaryOperator leak(LongUnaryOperator load, double threadsPerSecond) {
    return SyntheticLoad.leaking(load, threadsPerSecond, LEAK_FROM, Long.MAX_VALUE);
  }

  private static long[] samples(LongUnaryOperator load, int seconds) {
    long[] samples = new long[seconds];
    for (int s = 0; s < seconds; s++) {
      samples[s] = load.applyAsLong(s);
    }
    return samples;
  }

  /** The second the detector's first episode started, or -1. */
  private static int firstEpisodeSecond(long[] samples) {
    RecordingLeakListener episodes = new RecordingLeakListener();
    LeakDetector detector = new LeakDetector(LeakDetectorConfig.defaults(), episodes);
    for (int s = 0; s < samples.length; s++) {
      detector.observe(s * SECOND, Map.of(ThreadKind.PLATFORM, samples[s]), List.of());
      if (!episodes.started.isEmpty()) {
        return s;
      }
    }
    return -1;
  }
}
