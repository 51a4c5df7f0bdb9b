package org.jfrthreads.analyzer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The sampling, windows and thresholds of a {@link LeakDetector}; see there for the rule they feed.
 *
 * <pre>{@code
 * LeakDetectorConfig config = LeakDetectorConfig.builder()
 *     .slowWindows(Duration.ofMinutes(5), Duration.ofHours(1))
 *     .minGrowthShare(0.3)
 *     .build();
 * }</pre>
 *
 * <p>The sample interval, windows and thresholds set the fastest time scale, whose trend window is
 * {@code trendSamples} sample intervals (30 s by default). Each of the {@link #slowWindows() slow
 * windows} adds a slower scale with the same numbers of samples, each sample being the smallest
 * live count seen over its longer interval, and the same growth in threads over its trend window.
 */
public final class LeakDetectorConfig {

  // How long a series remembers a burst it made and undid, in samples of its scale: 6 hours at the
  // fastest scale with the defaults, and as many samples at the slower ones.
  private static final int EXCURSION_HALF_LIFE_SAMPLES = 6 * 3_600;

  private static final LeakDetectorConfig DEFAULTS = builder().build();

  private final boolean enabled;
  private final Duration sampleInterval;
  private final Duration baselineWindow;
  private final double bandMads;
  private final int minRisingSamples;
  private final int floorSamples;
  private final int trendSamples;
  private final double minMonotonicity;
  private final double minGrowthPerSecond;
  private final Duration clearAfter;
  private final int maxSeries;
  private final List<Duration> slowWindows;
  private final double minGrowthShare;
  private final double minFastGrowthShare;
  private final List<Scale> scales;

  private LeakDetectorConfig(Builder builder) {
    this.enabled = builder.enabled;
    this.sampleInterval = builder.sampleInterval;
    this.baselineWindow = builder.baselineWindow;
    this.bandMads = builder.bandMads;
    this.minRisingSamples = builder.minRisingSamples;
    this.floorSamples = builder.floorSamples;
    this.trendSamples = builder.trendSamples;
    this.minMonotonicity = builder.minMonotonicity;
    this.minGrowthPerSecond = builder.minGrowthPerSecond;
    this.clearAfter = builder.clearAfter;
    this.maxSeries = builder.maxSeries;
    this.slowWindows = List.copyOf(builder.slowWindows);
    this.minGrowthShare = builder.minGrowthShare;
    this.minFastGrowthShare = builder.minFastGrowthShare;
    this.scales = buildScales();
  }

  public static LeakDetectorConfig defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether the analyzer runs a detector at all. */
  public boolean enabled() {
    return enabled;
  }

  /** How often a live count is sampled per series. */
  public Duration sampleInterval() {
    return sampleInterval;
  }

  /** The span of samples whose median is the baseline. */
  public Duration baselineWindow() {
    return baselineWindow;
  }

  /** The half-width of the band above the baseline, in median absolute deviations. */
  public double bandMads() {
    return bandMads;
  }

  /** How many times the floor must have reached a new high within the trend window. */
  public int minRisingSamples() {
    return minRisingSamples;
  }

  /** How many samples a floor is the minimum of: bursts shorter than that never lift it. */
  public int floorSamples() {
    return floorSamples;
  }

  /** How many floors the growth rate and its monotonicity are measured over. */
  public int trendSamples() {
    return trendSamples;
  }

  /** The Kendall rank correlation of the floors with time needed to call growth monotone. */
  public double minMonotonicity() {
    return minMonotonicity;
  }

  /** The slowest growth reported as a leak, in threads per second. */
  public double minGrowthPerSecond() {
    return minGrowthPerSecond;
  }

  /** How long the floor must make no new high before an episode clears. */
  public Duration clearAfter() {
    return clearAfter;
  }

  /** How many series are followed; further ones are ignored and counted. */
  public int maxSeries() {
    return maxSeries;
  }

  /** The trend windows of the slower time scales, shortest first. */
  public List<Duration> slowWindows() {
    return slowWindows;
  }

  /**
   * On the slow scales, how far above its baseline a series must have risen, as a share of that
   * baseline, before growth is suspected.
   */
  public double minGrowthShare() {
    return minGrowthShare;
  }

  /**
   * On the fastest scale, how far above its baseline a series must have risen, as a share of that
   * baseline: a pool that adds a third of its threads within seconds, for a burst, looks like a
   * fast leak for as long as the burst climbs.
   */
  public double minFastGrowthShare() {
    return minFastGrowthShare;
  }

  int samplesIn(Duration span) {
    return (int) Math.max(1, span.toNanos() / sampleInterval.toNanos());
  }

  /** The time scales, fastest first. */
  List<Scale> scales() {
    return scales;
  }

  /**
   * The windows and thresholds of one time scale.
   *
   * @param stride how many detector samples make one sample of this scale: their minimum
   * @param sampleInterval {@code stride} detector sample intervals
   * @param minGrowthShare the smallest rise above the baseline, as a share of the baseline
   */
  record Scale(
      int stride,
      Duration sampleInterval,
      int baselineSamples,
      int floorSamples,
      int trendSamples,
      int minRisingSamples,
      double bandMads,
      double minMonotonicity,
      double minGrowthPerSecond,
      double minGrowthShare,
      int clearAfterSamples,
      int excursionHalfLifeSamples) {

    /** The span the growth of this scale is measured over. */
    Duration trendWindow() {
      return sampleInterval.multipliedBy(trendSamples);
    }
  }

  // A slow scale keeps the fast scale's numbers of samples over a longer interval, and asks for
  // the same growth in threads over its trend window: a leak of 7.5 threads (0.25/s over 30 s)
  // in 30 s, in 3 minutes or in 40 minutes.
  private List<Scale> buildScales() {
    List<Scale> built = new ArrayList<>();
    int baselineSamples = Math.max(3, samplesIn(baselineWindow));
    int clearAfterSamples = samplesIn(clearAfter);
    built.add(
        new Scale(
            1,
            sampleInterval,
            baselineSamples,
            floorSamples,
            trendSamples,
            minRisingSamples,
            bandMads,
            minMonotonicity,
            minGrowthPerSecond,
            minFastGrowthShare,
            clearAfterSamples,
            EXCURSION_HALF_LIFE_SAMPLES));
    for (Duration window : slowWindows) {
      int stride = (int) Math.max(1, window.toNanos() / sampleInterval.toNanos() / trendSamples);
      double slowdown = (double) stride;
      built.add(
          new Scale(
              stride,
              sampleInterval.multipliedBy(stride),
              baselineSamples,
              floorSamples,
              trendSamples,
              minRisingSamples,
              bandMads,
              minMonotonicity,
              minGrowthPerSecond / slowdown,
              minGrowthShare,
              clearAfterSamples,
              EXCURSION_HALF_LIFE_SAMPLES));
    }
    return List.copyOf(built);
  }

  /** Builds a {@link LeakDetectorConfig}; every setter validates its argument. */
  public static final class Builder {
    private boolean enabled = true;
    private Duration sampleInterval = Duration.ofSeconds(1);
    private Duration baselineWindow = Duration.ofSeconds(60);
    private double bandMads = 1.5;
    private int minRisingSamples = 5;
    private int floorSamples = 5;
    private int trendSamples = 30;
    private double minMonotonicity = 0.6;
    private double minGrowthPerSecond = 0.25;
    private Duration clearAfter = Duration.ofSeconds(30);
    private int maxSeries = 64;
    private List<Duration> slowWindows = List.of(Duration.ofMinutes(3), Duration.ofMinutes(40));
    private double minGrowthShare = 0.25;
    private double minFastGrowthShare = 1.5;

    private Builder() {}

    /**
     * The trend windows of the slower time scales, each longer than the last and than the fast
     * trend window ({@code trendSamples} sample intervals), at most 24 h, at most four; none turns
     * the slow scales off. Default 3 min and 40 min: a leak of a thread every 10 s is flagged
     * within about 3 minutes, one of a thread a minute within about 45.
     */
    public Builder slowWindows(Duration... windows) {
      List<Duration> checked = new ArrayList<>();
      for (Duration window : windows) {
        Objects.requireNonNull(window, "window");
        if (window.compareTo(Duration.ofSeconds(1)) < 0
            || window.compareTo(Duration.ofHours(24)) > 0) {
          throw new IllegalArgumentException(
              window + ": illegal slow window. Expecting 1 s to 24 h.");
        }
        if (!checked.isEmpty() && window.compareTo(checked.getLast()) <= 0) {
          throw new IllegalArgumentException(
              window
                  + ": illegal slow window. Expecting each longer than the one before ("
                  + checked.getLast()
                  + ").");
        }
        checked.add(window);
      }
      if (checked.size() > 4) {
        throw new IllegalArgumentException(
            checked.size() + ": illegal number of slow windows. Expecting at most 4.");
      }
      this.slowWindows = List.copyOf(checked);
      return this;
    }

    /** 0 (off) to 10; default 0.25: a slow leak must add a quarter of its series' baseline. */
    public Builder minGrowthShare(double minGrowthShare) {
      if (!(minGrowthShare >= 0 && minGrowthShare <= 10)) {
        throw new IllegalArgumentException(
            minGrowthShare + ": illegal minGrowthShare. Expecting 0 to 10.");
      }
      this.minGrowthShare = minGrowthShare;
      return this;
    }

    /** Whether to detect leaks at all; default true. */
    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /** 100 ms to 1 h; default 1 s. */
    public Builder sampleInterval(Duration sampleInterval) {
      this.sampleInterval = checkSpan("sampleInterval", sampleInterval, Duration.ofMillis(100));
      return this;
    }

    /** At least 3 sample intervals; default 60 s. */
    public Builder baselineWindow(Duration baselineWindow) {
      this.baselineWindow = checkSpan("baselineWindow", baselineWindow, Duration.ofMillis(100));
      return this;
    }

    /** 0 to 100; default 1.5. */
    public Builder bandMads(double bandMads) {
      if (!(bandMads >= 0 && bandMads <= 100)) {
        throw new IllegalArgumentException(bandMads + ": illegal bandMads. Expecting 0 to 100.");
      }
      this.bandMads = bandMads;
      return this;
    }

    /** 1 to 1000, at most {@code trendSamples}; default 5. */
    public Builder minRisingSamples(int minRisingSamples) {
      this.minRisingSamples = checkRange("minRisingSamples", minRisingSamples, 1, 1000);
      return this;
    }

    /** 1 (no smoothing) to 1000; default 5. */
    public Builder floorSamples(int floorSamples) {
      this.floorSamples = checkRange("floorSamples", floorSamples, 1, 1000);
      return this;
    }

    /** 10 to 1000; default 30. */
    public Builder trendSamples(int trendSamples) {
      this.trendSamples = checkRange("trendSamples", trendSamples, 10, 1000);
      return this;
    }

    /** -1 (off) to 1; default 0.6. */
    public Builder minMonotonicity(double minMonotonicity) {
      if (!(minMonotonicity >= -1 && minMonotonicity <= 1)) {
        throw new IllegalArgumentException(
            minMonotonicity + ": illegal minMonotonicity. Expecting -1 to 1.");
      }
      this.minMonotonicity = minMonotonicity;
      return this;
    }

    /** 0 or more threads per second; default 0.25. */
    public Builder minGrowthPerSecond(double minGrowthPerSecond) {
      if (!(minGrowthPerSecond >= 0 && minGrowthPerSecond < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException(
            minGrowthPerSecond
                + ": illegal minGrowthPerSecond. Expecting a finite rate, 0 or more.");
      }
      this.minGrowthPerSecond = minGrowthPerSecond;
      return this;
    }

    /** At least one sample interval; default 30 s. */
    public Builder clearAfter(Duration clearAfter) {
      this.clearAfter = checkSpan("clearAfter", clearAfter, Duration.ofMillis(100));
      return this;
    }

    /** 1 to 10,000; default 64. */
    public Builder maxSeries(int maxSeries) {
      this.maxSeries = checkRange("maxSeries", maxSeries, 1, 10_000);
      return this;
    }

    /**
     * 0 (off) to 10; default 1: within the fast trend window a series must double, so that a burst
     * of a busy pool is not a leak; a leak inside a large series is left to the slow scales.
     */
    public Builder minFastGrowthShare(double minFastGrowthShare) {
      if (!(minFastGrowthShare >= 0 && minFastGrowthShare <= 10)) {
        throw new IllegalArgumentException(
            minFastGrowthShare + ": illegal minFastGrowthShare. Expecting 0 to 10.");
      }
      this.minFastGrowthShare = minFastGrowthShare;
      return this;
    }

    public LeakDetectorConfig build() {
      if (baselineWindow.compareTo(sampleInterval.multipliedBy(3)) < 0) {
        throw new IllegalArgumentException(
            baselineWindow
                + ": illegal baselineWindow. Expecting at least 3 sample intervals ("
                + sampleInterval.multipliedBy(3)
                + ").");
      }
      if (clearAfter.compareTo(sampleInterval) < 0) {
        throw new IllegalArgumentException(
            clearAfter
                + ": illegal clearAfter. Expecting at least one sample interval ("
                + sampleInterval
                + ").");
      }
      if (minRisingSamples > trendSamples) {
        throw new IllegalArgumentException(
            minRisingSamples
                + ": illegal minRisingSamples. Expecting at most trendSamples ("
                + trendSamples
                + ").");
      }
      Duration fastWindow = sampleInterval.multipliedBy(trendSamples);
      if (!slowWindows.isEmpty() && slowWindows.getFirst().compareTo(fastWindow) <= 0) {
        throw new IllegalArgumentException(
            slowWindows.getFirst()
                + ": illegal slow window. Expecting longer than the fast trend window ("
                + fastWindow
                + ", trendSamples sample intervals).");
      }
      return new LeakDetectorConfig(this);
    }

    private static Duration checkSpan(String name, Duration span, Duration min) {
      Objects.requireNonNull(span, name);
      if (span.compareTo(min) < 0 || span.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException(
            span + ": illegal " + name + ". Expecting " + min + " to 1 h.");
      }
      return span;
    }

    private static int checkRange(String name, int value, int min, int max) {
      if (value < min || value > max) {
        throw new IllegalArgumentException(
            value + ": illegal " + name + ". Expecting " + min + " to " + max + ".");
      }
      return value;
    }
  }
}
