package org.jfrthreads.analyzer;

import java.util.List;

/**
 * The leak rule at every time scale of a {@link LeakDetectorConfig}, applied to one series: one
 * {@link LeakSeries} per scale, the slower ones fed the smallest live count of each of their longer
 * intervals. The series is in an episode while any scale is.
 *
 * <p>Memory is bounded: {@code baseline + floor + trend} samples per scale, whatever the windows.
 *
 * <p>Not thread-safe: one writer thread.
 */
final class ScaledLeakSeries {

  private final LeakSeries[] rules;
  private final int[] strides;
  private final long[] intervalMin;
  private final int[] intervalSamples;
  private final int capacity;
  private long latest;
  private final long slowestClearSamples;
  private long samplesTaken;
  private long episodeStartedAt;
  private long episodeHigh;
  private long lastHighAt;
  private boolean sampled;
  private long samplesSinceFall;
  private boolean inEpisode;
  private int reporting; // the scale whose baseline and growth are reported

  /**
   * @param zeroSamples how many samples of 0 to assume before the first (see {@link LeakSeries})
   */
  ScaledLeakSeries(List<LeakDetectorConfig.Scale> scales, long zeroSamples) {
    int n = scales.size();
    rules = new LeakSeries[n];
    strides = new int[n];
    intervalMin = new long[n];
    intervalSamples = new int[n];
    int longest = 0;
    long slowestClear = 0;
    for (int i = 0; i < n; i++) {
      slowestClear =
          Math.max(slowestClear, (long) scales.get(i).clearAfterSamples() * scales.get(i).stride());
      rules[i] = new LeakSeries(scales.get(i), zeroSamples);
      strides[i] = scales.get(i).stride();
      intervalMin[i] = Long.MAX_VALUE;
      longest = Math.max(longest, rules[i].capacity() * strides[i]);
    }
    capacity = longest;
    slowestClearSamples = slowestClear;
    // The zeros assumed before the first sample never fell either.
    samplesSinceFall = Math.min(zeroSamples, capacity);
    sampled = zeroSamples > 0;
  }

  /** How many detector samples the slowest scale keeps. */
  int capacity() {
    return capacity;
  }

  LeakSeries.Transition sample(long live) {
    // Judged on every detector sample, not on the least of an interval: the least of 80 noisy
    // samples of a pool on its daily rise never falls, though the pool's threads end all the time.
    samplesSinceFall = sampled && live < latest ? 0 : samplesSinceFall + 1;
    sampled = true;
    latest = live;
    for (int i = 0; i < rules.length; i++) {
      intervalMin[i] = Math.min(intervalMin[i], live);
      if (++intervalSamples[i] == strides[i]) {
        rules[i].sample(intervalMin[i], samplesSinceFall >= rules[i].spanSamples());
        intervalMin[i] = Long.MAX_VALUE;
        intervalSamples[i] = 0;
      }
    }
    int open = -1;
    for (int i = 0; i < rules.length && open < 0; i++) {
      if (rules[i].inEpisode()) {
        open = i;
      }
    }
    boolean was = inEpisode;
    samplesTaken++;
    if (was && live > episodeHigh) {
      episodeHigh = live;
      lastHighAt = samplesTaken;
    }
    inEpisode = open >= 0 || (was && pausedNotStopped());
    if (inEpisode && !was) {
      reporting = open;
      episodeStartedAt = samplesTaken;
      episodeHigh = live;
      lastHighAt = samplesTaken;
    } else if (!inEpisode) {
      reporting = 0;
    }
    if (inEpisode == was) {
      return LeakSeries.Transition.NONE;
    }
    return inEpisode ? LeakSeries.Transition.STARTED : LeakSeries.Transition.CLEARED;
  }

  // Threads that never end: while nothing of the series ended since its episode started, a scale
  // that sees no new high for its clear span may be watching a slow leak pause between two threads
  // (one thread a minute sometimes waits three); the episode stays open until the slowest scale's
  // clear span passes without a new high, or a thread ends.
  private boolean pausedNotStopped() {
    return samplesSinceFall >= samplesTaken - episodeStartedAt
        && samplesTaken - lastHighAt < slowestClearSamples;
  }

  boolean inEpisode() {
    return inEpisode;
  }

  /** The latest detector sample, 0 before the first. */
  long latest() {
    return latest;
  }

  /** The baseline of the scale that suspected the episode, or of the fastest scale. */
  double baseline() {
    return rules[reporting].baseline();
  }

  /** The growth of the scale that suspected the episode, or of the fastest scale. */
  double growthPerSecond() {
    return rules[reporting].growthPerSecond();
  }

  /** The trend window of the scale that suspected the episode, or of the fastest scale. */
  int reportingScale() {
    return reporting;
  }
}
