package org.jfrthreads.analyzer;

import java.util.Arrays;

/**
 * The leak rule at one time scale applied to one series of live counts; see {@link LeakDetector}
 * for the rule and {@link ScaledLeakSeries} for the scales.
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

  /** Into how many parts the trend window is cut, each of which must show growth. */
  static final int PARTS = 5;

  /**
   * The share of pairs that must show growth, and the parts but one that must, when no sample of
   * the window fell: threads that never end. There a flat stretch is a pause between two leaked
   * threads rather than the top of a step or a burst, which always come back down.
   */
  static final double NEVER_FELL_SPREAD = 0.5;

  private final int baselineSamples;
  private final int floorSamples;
  private final int trendSamples;
  private final int stride;
  private final int minRisingSamples;
  private final double bandMads;
  private final double minMonotonicity;
  private final double minGrowthPerSample;
  private final double minGrowthShare;
  private final int clearAfterSamples;
  private final double samplesPerSecond;

  private final long[] ring;
  private long count;
  private final long[] floors;
  private final double[] scratch;

  private double baseline = Double.NaN;
  private double mad = Double.NaN;
  private double growthPerSample;
  // The highest rise above the baseline that came back down, decaying: what this series does
  // and undoes on its own (bursts), as opposed to growth that stays.
  private double excursion;
  private double excursionPeak;
  private final double excursionDecay;
  private boolean inEpisode;
  private long episodeHigh;
  private long lastHighAt;

  /**
   * @param scale the windows and thresholds of one time scale
   * @param zeroSamples how many samples of 0 to assume before the first: a series that appears
   *     after the detector started had no live threads before (or was folded into another)
   */
  LeakSeries(LeakDetectorConfig.Scale scale, long zeroSamples) {
    this.baselineSamples = scale.baselineSamples();
    this.floorSamples = scale.floorSamples();
    this.trendSamples = scale.trendSamples();
    this.stride = scale.stride();
    this.minRisingSamples = scale.minRisingSamples();
    this.bandMads = scale.bandMads();
    this.minMonotonicity = scale.minMonotonicity();
    double intervalSeconds = scale.sampleInterval().toNanos() / 1e9;
    this.samplesPerSecond = 1 / intervalSeconds;
    this.minGrowthPerSample = scale.minGrowthPerSecond() * intervalSeconds;
    this.minGrowthShare = scale.minGrowthShare();
    this.clearAfterSamples = scale.clearAfterSamples();
    this.excursionDecay = Math.pow(0.5, 1.0 / scale.excursionHalfLifeSamples());
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

  /** How many detector samples the floors of the trend window span: {@code stride} each. */
  int spanSamples() {
    return (floorSamples + trendSamples - 1) * stride;
  }

  /**
   * @param live the sample of this scale: the least live count of its interval
   * @param neverFell whether no detector sample fell over the last {@link #spanSamples()}: no
   *     thread of the series ended, as far as its counts show
   */
  Transition sample(long live, boolean neverFell) {
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
    double noise = Math.max(bandMads * mad, MIN_BAND_THREADS);
    rememberExcursion(floor, noise);
    // Cheapest conditions first: most samples of most series fail the rate.
    if (growthPerSample < minGrowthPerSample
        || growthPerSample <= 0
        || newHighs(floors) < minRisingSamples) {
      return Transition.NONE;
    }
    double band = Math.max(Math.max(noise, minGrowthShare * baseline), excursion + noise);
    // Threads that never end: nothing fell, so flat parts are pauses between arrivals (a leak of
    // one thread every 10 s leaves one of five 30-s parts flat one time in twenty).
    double steadyGrowth =
        neverFell
            ? (risenParts(floors) >= PARTS - 1 ? floors[trendSamples - 1] - floors[0] : 0)
            : PARTS * leastPartRise(floors);
    if (floor > baseline + band
        && steadyGrowth >= Math.max(noise * 1.5, minGrowthPerSample * (trendSamples - 1) / 2)
        && steadyGrowth >= minGrowthShare * baseline
        && kendallTau(floors) >= minMonotonicity
        && grewThroughout(
            floors, minGrowthPerSample, noise / 2, neverFell ? NEVER_FELL_SPREAD : SPREAD)) {
      inEpisode = true;
      episodeHigh = floor;
      lastHighAt = count;
      return Transition.STARTED;
    }
    return Transition.NONE;
  }

  // A rise is committed to the excursion only once the floor is back within the noise band: a leak
  // never comes back, so it never raises its own bar.
  private void rememberExcursion(long floor, double noise) {
    excursion *= excursionDecay;
    double rise = floor - baseline;
    if (rise > noise) {
      excursionPeak = Math.max(excursionPeak, rise);
    } else if (excursionPeak > 0) {
      excursion = Math.max(excursion, excursionPeak);
      excursionPeak = 0;
    }
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
  // compared with what came before it rather than with itself. The band measures noise: the MAD
  // of the window's deviations from its own straight line, so that a leak already under way in
  // the baseline window (one that began with the JVM) does not widen the band by its own slope.
  private void computeBaseline() {
    long first = count - ring.length;
    long[] window = new long[baselineSamples];
    for (int i = 0; i < baselineSamples; i++) {
      window[i] = at(first + i);
      scratch[i] = window[i];
    }
    baseline = median(scratch);
    double slope = slope(window);
    double meanY = 0;
    for (long value : window) {
      meanY += value;
    }
    meanY /= baselineSamples;
    double meanX = (baselineSamples - 1) / 2.0;
    for (int i = 0; i < baselineSamples; i++) {
      scratch[i] = window[i] - (meanY + slope * (i - meanX));
    }
    double center = median(scratch.clone());
    for (int i = 0; i < baselineSamples; i++) {
      scratch[i] = Math.abs(scratch[i] - center);
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
   * Whether growth is spread over the window: for at least {@code spread} of the values, the value
   * a third of the window later is higher by at least {@code minGrowthPerValue} per value and by
   * {@code minRise}. A step lifts only the pairs that straddle it, a third of the window's pairs
   * plus one per sample of ramp, so it fails however it falls; {@code minRise} keeps the small
   * staircases that noise leaves in a floor from passing for growth.
   */
  static boolean grewThroughout(
      long[] values, double minGrowthPerValue, double minRise, double spread) {
    int lag = values.length / 3;
    double needed = Math.max(minGrowthPerValue * lag, minRise);
    int pairs = values.length - lag;
    int grown = 0;
    for (int i = 0; i < pairs; i++) {
      if (values[i + lag] - values[i] >= needed) {
        grown++;
      }
    }
    return grown >= spread * pairs;
  }

  /**
   * The least rise of the {@link #PARTS} consecutive parts of the values, each from its first value
   * to its last. A leak keeps climbing, so {@code PARTS} times this is its growth over the window;
   * a step, a ramp of a few samples or a few bursts stacked on one another climb in some parts and
   * leave another flat.
   */
  static long leastPartRise(long[] values) {
    int part = values.length / PARTS;
    long least = Long.MAX_VALUE;
    for (int start = values.length - PARTS * part; start < values.length; start += part) {
      least = Math.min(least, values[start + part - 1] - values[start]);
    }
    return least;
  }

  /** In how many of the {@link #PARTS} consecutive parts the last value exceeds the first. */
  static int risenParts(long[] values) {
    int part = values.length / PARTS;
    int risen = 0;
    for (int start = values.length - PARTS * part; start < values.length; start += part) {
      if (values[start + part - 1] > values[start]) {
        risen++;
      }
    }
    return risen;
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
