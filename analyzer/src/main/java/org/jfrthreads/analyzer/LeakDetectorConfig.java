package org.jfrthreads.analyzer;

import java.time.Duration;
import java.util.Objects;

/**
 * The sampling, windows and thresholds of a {@link LeakDetector}; see there for the rule they feed.
 *
 * <pre>{@code
 * LeakDetectorConfig config = LeakDetectorConfig.builder()
 *     .baselineWindow(Duration.ofMinutes(5))
 *     .minGrowthPerSecond(0.05)
 *     .build();
 * }</pre>
 */
public final class LeakDetectorConfig {

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

  int samplesIn(Duration span) {
    return (int) Math.max(1, span.toNanos() / sampleInterval.toNanos());
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

    private Builder() {}

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
