package org.jfrthreads.analyzer;

import java.util.Arrays;

/**
 * The leak rule applied to one series of live counts; see {@link LeakDetector} for the rule.
 *
 * <p>Keeps the last {@code baseline + floor + trend} samples in a ring, and, during an episode, the
 * baseline frozen at its start. Each sample costs {@code O(trend * floor + trend² + baseline log
 * baseline)}, some two thousand operations with the defaults.
 *
 * <p>Not thread-safe: one writer thread.
 */
final class LeakSeries {

  /** The smallest band half-width: a flat series has a MAD of 0, and one thread is not a leak. */
  static final double MIN_BAND_THREADS = 1.0;

  /** The share of pairs a third of the window apart that must show growth. */
  static final double SPREAD = 0.9;

  private final int baselineSamples;
  private final int floorSamples;
  private final int trendSamples;
  private final int minRisingSamples;
  private final double bandMads;
  private final double minMonotonicity;
  private final double minGrowthPerSample;
  private final int clearAfterSamples;
  private final double samplesPerSecond;

  private final long[] ring;
  private long count;
  private final long[] floors;
  private final double[] scratch;

  private double baseline = Double.NaN;
  private double mad = Double.NaN;
  private double growthPerSample;
  private boolean inEpisode;
  private long episodeHigh;
  private long lastHighAt;

  /**
   * @param zeroSamples how many samples of 0 to assume before the first: a series that appears
   *     after the detector started had no live threads before (or was folded into another)
   */
  LeakSeries(LeakDetectorConfig config, long zeroSamples) {
    this.baselineSamples = Math.max(3, config.samplesIn(config.baselineWindow()));
    this.floorSamples = config.floorSamples();
    this.trendSamples = config.trendSamples();
    this.minRisingSamples = config.minRisingSamples();
    this.bandMads = config.bandMads();
    this.minMonotonicity = config.minMonotonicity();
    double intervalSeconds = config.sampleInterval().toNanos() / 1e9;
    this.samplesPerSecond = 1 / intervalSeconds;
    this.minGrowthPerSample = config.minGrowthPerSecond() * intervalSeconds;
    this.clearAfterSamples = config.samplesIn(config.clearAfter());
    this.ring = new long[baselineSamples + floorSamples + trendSamples - 1];
    this.floors = new long[trendSamples];
    this.scratch = new double[baselineSamples];
    this.count = Math.min(zeroSamples, ring.length);
  }

  /** How many samples the series keeps. */
  int capacity() {
    return ring.length;
  }

  /** What a sample changed for the episode of this series. */
  enum Transition {
    NONE,
    STARTED,
    CLEARED
  }

  Transition sample(long live) {
    ring[(int) (count % ring.length)] = live;
    count++;
    if (count < ring.length) {
      return Transition.NONE;
    }
    computeFloors();
    growthPerSample = slope(floors);
    long floor = floors[trendSamples - 1];
    if (inEpisode) {
      if (floor > episodeHigh) {
        episodeHigh = floor;
        lastHighAt = count;
      }
      if (count - lastHighAt >= clearAfterSamples) {
        inEpisode = false;
        return Transition.CLEARED;
      }
      return Transition.NONE;
    }
    computeBaseline();
    double band = Math.max(bandMads * mad, MIN_BAND_THREADS);
    boolean aboveBand = floor > baseline + band;
    if (aboveBand
        && growthPerSample >= minGrowthPerSample
        && growthPerSample > 0
        && newHighs(floors) >= minRisingSamples
        && kendallTau(floors) >= minMonotonicity
        && grewThroughout(floors, minGrowthPerSample, band / 2)) {
      inEpisode = true;
      episodeHigh = floor;
      lastHighAt = count;
      return Transition.STARTED;
    }
    return Transition.NONE;
  }

  /** Whether an episode is open: growth was suspected and has not stopped yet. */
  boolean inEpisode() {
    return inEpisode;
  }

  /** The median of the baseline window, frozen during an episode; NaN until the ring is full. */
  double baseline() {
    return baseline;
  }

  /** The least-squares slope of the floors over the trend window, in threads per second. */
  double growthPerSecond() {
    return growthPerSample * samplesPerSecond;
  }

  /** The latest sample, 0 before the first. */
  long latest() {
    return count == 0 ? 0 : ring[(int) ((count - 1) % ring.length)];
  }

  private long at(long index) {
    return ring[(int) (index % ring.length)];
  }

  // floors[i] = min of the floorSamples samples ending at the i-th of the last trendSamples.
  private void computeFloors() {
    long last = count - 1;
    for (int i = 0; i < trendSamples; i++) {
      long end = last - (trendSamples - 1 - i);
      long min = Long.MAX_VALUE;
      for (long j = end - floorSamples + 1; j <= end; j++) {
        min = Math.min(min, at(j));
      }
      floors[i] = min;
    }
  }

  // The baseline window ends where the samples of the trend window begin, so that a rise is
  // compared with what came before it rather than with itself.
  private void computeBaseline() {
    long first = count - ring.length;
    for (int i = 0; i < baselineSamples; i++) {
      scratch[i] = at(first + i);
    }
    baseline = median(scratch);
    for (int i = 0; i < baselineSamples; i++) {
      scratch[i] = Math.abs(scratch[i] - baseline);
    }
    mad = median(scratch);
  }

  private static double median(double[] values) {
    Arrays.sort(values);
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  static double slope(long[] values) {
    int n = values.length;
    double meanX = (n - 1) / 2.0;
    double meanY = 0;
    for (long v : values) {
      meanY += v;
    }
    meanY /= n;
    double num = 0;
    double den = 0;
    for (int i = 0; i < n; i++) {
      num += (i - meanX) * (values[i] - meanY);
      den += (i - meanX) * (i - meanX);
    }
    return num / den;
  }

  /** Kendall's tau of the values against their order: 1 strictly rising, 0 no trend. */
  static double kendallTau(long[] values) {
    int n = values.length;
    long s = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        s += Long.signum(values[j] - values[i]);
      }
    }
    return s / (n * (n - 1) / 2.0);
  }

  /**
   * Whether growth is spread over the window: for at least {@link #SPREAD} of the values, the value
   * a third of the window later is higher by at least {@code minGrowthPerValue} per value and by
   * {@code minRise}. A step lifts only the pairs that straddle it, a third of the window's pairs
   * plus one per sample of ramp, so it fails however it falls; {@code minRise} keeps the small
   * staircases that noise leaves in a floor from passing for growth.
   */
  static boolean grewThroughout(long[] values, double minGrowthPerValue, double minRise) {
    int lag = values.length / 3;
    double needed = Math.max(minGrowthPerValue * lag, minRise);
    int pairs = values.length - lag;
    int grown = 0;
    for (int i = 0; i < pairs; i++) {
      if (values[i + lag] - values[i] >= needed) {
        grown++;
      }
    }
    return grown >= SPREAD * pairs;
  }

  /** How many values exceed every value before them (the first excluded). */
  static int newHighs(long[] values) {
    int highs = 0;
    long high = values[0];
    for (int i = 1; i < values.length; i++) {
      if (values[i] > high) {
        high = values[i];
        highs++;
      }
    }
    return highs;
  }
}
