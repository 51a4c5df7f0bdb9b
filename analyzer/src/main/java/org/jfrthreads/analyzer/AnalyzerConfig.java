package org.jfrthreads.analyzer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jfrthreads.stream.internal.Durations;

/**
 * The bounds and windows of a {@link ThreadEventAnalyzer}.
 *
 * <pre>{@code
 * AnalyzerConfig config = AnalyzerConfig.builder()
 *     .topN(10)
 *     .libraryPackages("io.netty.", "org.springframework.")
 *     .build();
 * }</pre>
 */
public final class AnalyzerConfig {

  /**
   * Class-name prefixes never taken for application code when looking for a site: the JDK, and the
   * libraries jfr-threads runs on.
   */
  public static final List<String> DEFAULT_LIBRARY_PACKAGES =
      List.of(
          "java.",
          "javax.",
          "jdk.",
          "sun.",
          "com.sun.",
          // the libraries jfr-threads itself runs on: their threads are ours, not the application's
          "io.prometheus.",
          "org.HdrHistogram.",
          "org.jfrthreads.stream.",
          "org.jfrthreads.analyzer.",
          "org.jfrthreads.exporter.");

  private static final AnalyzerConfig DEFAULTS = builder().build();

  private final int topN;
  private final int maxSeries;
  private final int maxTrackedThreads;
  private final Duration window;
  private final int windowSlices;
  private final List<String> libraryPackages;
  private final LeakDetectorConfig leakDetection;
  private final Duration exemplarWait;
  private final int maxExemplarCandidates;

  private AnalyzerConfig(Builder builder) {
    this.exemplarWait = builder.exemplarWait;
    this.maxExemplarCandidates = builder.maxExemplarCandidates;
    this.topN = builder.topN;
    this.maxSeries = builder.maxSeries;
    this.maxTrackedThreads = builder.maxTrackedThreads;
    this.window = builder.window;
    this.windowSlices = builder.windowSlices;
    this.libraryPackages = List.copyOf(builder.libraryPackages);
    this.leakDetection = builder.leakDetection;
  }

  public static AnalyzerConfig defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** How many classes or sites keep a series of their own per kind; the rest fold into other. */
  public int topN() {
    return topN;
  }

  /** How many classes or sites are tracked per kind before new ones go straight to other. */
  public int maxSeries() {
    return maxSeries;
  }

  /** How many live threads are followed for their lifetime; the rest are counted as untracked. */
  public int maxTrackedThreads() {
    return maxTrackedThreads;
  }

  /** The span of the windowed quantiles. */
  public Duration window() {
    return window;
  }

  /** Into how many slices the window is cut: it moves by {@code window / windowSlices}. */
  public int windowSlices() {
    return windowSlices;
  }

  /** Class-name prefixes skipped when looking for the application frame of a stack. */
  public List<String> libraryPackages() {
    return libraryPackages;
  }

  /** How live counts are watched for leaks; {@link LeakDetectorConfig#defaults()} unless set. */
  public LeakDetectorConfig leakDetection() {
    return leakDetection;
  }

  /**
   * How long after a blocking event ends its traced scope may close and still name its trace; the
   * event's exemplar waits that long at most (its count never waits).
   */
  public Duration exemplarWait() {
    return exemplarWait;
  }

  /** How many events may wait for their traced scope at once; past it, they are dropped. */
  public int maxExemplarCandidates() {
    return maxExemplarCandidates;
  }

  /** Builds an {@link AnalyzerConfig}; every setter validates its argument. */
  public static final class Builder {
    private int topN = 20;
    private int maxSeries = 200;
    private int maxTrackedThreads = 250_000;
    private Duration window = Duration.ofMinutes(1);
    private int windowSlices = 6;
    private final List<String> libraryPackages = new ArrayList<>(DEFAULT_LIBRARY_PACKAGES);
    private LeakDetectorConfig leakDetection = LeakDetectorConfig.defaults();
    // Scopes are delivered at JFR's flush, about a second apart: a few seconds past it.
    private Duration exemplarWait = Duration.ofSeconds(5);
    private int maxExemplarCandidates = 4_096;

    private Builder() {}

    /**
     * How long after a blocking event ends its traced scope may close and still name its trace, 0
     * to 1 min; default 5 s.
     */
    public Builder exemplarWait(Duration exemplarWait) {
      Objects.requireNonNull(exemplarWait, "exemplarWait");
      if (exemplarWait.isNegative() || exemplarWait.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new IllegalArgumentException(
            Durations.format(exemplarWait) + ": illegal exemplarWait. Expecting 0 to 1 min.");
      }
      this.exemplarWait = exemplarWait;
      return this;
    }

    /**
     * Events that may wait for their traced scope at once, 0 to 1,000,000 (about 100 bytes each);
     * default 4,096. 0 keeps no exemplar.
     */
    public Builder maxExemplarCandidates(int maxExemplarCandidates) {
      this.maxExemplarCandidates =
          checkRange("maxExemplarCandidates", maxExemplarCandidates, 0, 1_000_000);
      return this;
    }

    /** Series of their own per kind, 1 to 1000; default 20. */
    public Builder topN(int topN) {
      this.topN = checkRange("topN", topN, 1, 1000);
      this.maxSeries = Math.max(maxSeries, topN);
      return this;
    }

    /** Classes or sites tracked per kind, at least {@code topN}; default 200. */
    public Builder maxSeries(int maxSeries) {
      this.maxSeries = checkRange("maxSeries", maxSeries, 1, 100_000);
      return this;
    }

    /** Live threads followed for their lifetime; default 250,000 (at most about 20 MB). */
    public Builder maxTrackedThreads(int maxTrackedThreads) {
      this.maxTrackedThreads = checkRange("maxTrackedThreads", maxTrackedThreads, 0, 1 << 28);
      return this;
    }

    /** The span of the windowed quantiles, 1 s to 1 h; default 1 minute. */
    public Builder window(Duration window) {
      Objects.requireNonNull(window, "window");
      if (window.compareTo(Duration.ofSeconds(1)) < 0
          || window.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException(
            Durations.format(window) + ": illegal window. Expecting 1 s to 1 h.");
      }
      this.window = window;
      return this;
    }

    /** Slices of the window, 1 to 60; default 6. */
    public Builder windowSlices(int windowSlices) {
      this.windowSlices = checkRange("windowSlices", windowSlices, 1, 60);
      return this;
    }

    /**
     * Adds class-name prefixes of libraries whose frames are skipped when looking for a site (the
     * JDK's are always skipped), for example {@code "io.netty."}.
     */
    public Builder libraryPackages(String... prefixes) {
      for (String prefix : prefixes) {
        if (Objects.requireNonNull(prefix, "prefix").isBlank()) {
          throw new IllegalArgumentException(
              "\"" + prefix + "\": illegal package prefix. Expecting a name.");
        }
        libraryPackages.add(prefix);
      }
      return this;
    }

    /** Leak detection thresholds, or disabled; default {@link LeakDetectorConfig#defaults()}. */
    public Builder leakDetection(LeakDetectorConfig leakDetection) {
      this.leakDetection = Objects.requireNonNull(leakDetection, "leakDetection");
      return this;
    }

    public AnalyzerConfig build() {
      if (maxSeries < topN) {
        throw new IllegalArgumentException(
            maxSeries + ": illegal maxSeries. Expecting at least topN (" + topN + ").");
      }
      return new AnalyzerConfig(this);
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
