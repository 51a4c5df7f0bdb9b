package org.jfrthreads.stream;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jfrthreads.stream.internal.Durations;

/**
 * Which thread events a source asks JFR for, and the shortest blocking worth reporting.
 *
 * <p>Stack traces are requested only where a code site is read from them: {@code jdk.ThreadStart}
 * (the parent's {@code start()} call is the creation site), {@code jdk.ThreadSleep} (the sleeping
 * code) and {@code jdk.VirtualThreadPinned} (the pinned code). Monitor, wait and park events carry
 * their class and need no stack, which keeps them cheap.
 *
 * <p>The application's traced scopes ({@link TraceScope}) are asked for too, with the {@linkplain
 * #lowestThreshold() lowest threshold}; an application that emits none pays nothing for it.
 *
 * <p>JFR merges these settings with those of any other recording in the same JVM (the union of
 * enabled events, the lowest threshold), so sources drop what falls below {@link #threshold} by
 * themselves.
 *
 * <pre>{@code
 * ThreadEventSettings settings = ThreadEventSettings.builder()
 *     .threshold(BlockingKind.PARK, Duration.ofMillis(20))
 *     .virtualThreadLifecycle(false)
 *     .build();
 * }</pre>
 */
public final class ThreadEventSettings {

  /**
   * Default threshold of monitor enter, monitor wait, park and sleep events. Thresholds of 0 to 20
   * ms did not differ in throughput within the error ({@code benchmarks/RESULTS.md},
   * WorkloadOverheadBenchmark); 10 ms bounds the events a busy JVM sends while keeping every wait
   * worth a look, and is what JFR's own "profile" settings use.
   */
  public static final Duration DEFAULT_BLOCKING_THRESHOLD = Duration.ofMillis(10);

  /** Default threshold of pinned virtual-thread events, JFR's own default. */
  public static final Duration DEFAULT_PINNED_THRESHOLD = Duration.ofMillis(1);

  /** Default number of innermost frames kept from a stack. */
  public static final int DEFAULT_STACK_DEPTH = 16;

  private static final ThreadEventSettings DEFAULTS = builder().build();

  private final Map<BlockingKind, Duration> thresholds;
  private final Duration pinnedThreshold;
  private final boolean virtualThreadLifecycle;
  private final int stackDepth;

  private ThreadEventSettings(Builder builder) {
    this.thresholds = new EnumMap<>(builder.thresholds);
    this.pinnedThreshold = builder.pinnedThreshold;
    this.virtualThreadLifecycle = builder.virtualThreadLifecycle;
    this.stackDepth = builder.stackDepth;
  }

  /** The default settings. */
  public static ThreadEventSettings defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The shortest blocking of this kind that is reported. */
  public Duration threshold(BlockingKind kind) {
    return thresholds.get(kind);
  }

  /** The shortest pinned blocking that is reported. */
  public Duration pinnedThreshold() {
    return pinnedThreshold;
  }

  /** Whether {@code jdk.VirtualThreadStart} and {@code jdk.VirtualThreadEnd} are enabled. */
  public boolean virtualThreadLifecycle() {
    return virtualThreadLifecycle;
  }

  /** How many innermost frames of a stack are kept. */
  public int stackDepth() {
    return stackDepth;
  }

  /**
   * These settings in the form of {@code RecordingStream.setSettings} (and of {@code
   * RemoteRecordingStream}): {@code "jdk.ThreadPark#threshold" -> "10 ms"} and so on.
   */
  public Map<String, String> toJfrSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    enable(settings, "jdk.ThreadStart", true, null);
    enable(settings, "jdk.ThreadEnd", false, null);
    if (virtualThreadLifecycle) {
      enable(settings, "jdk.VirtualThreadStart", false, null);
      enable(settings, "jdk.VirtualThreadEnd", false, null);
    }
    for (BlockingKind kind : BlockingKind.values()) {
      enable(settings, kind.eventName(), kind == BlockingKind.SLEEP, thresholds.get(kind));
    }
    enable(settings, "jdk.VirtualThreadPinned", true, pinnedThreshold);
    // The application's scopes: one shorter than every threshold holds no blocking event that is
    // reported, so JFR drops it before it is written and short scopes cost almost nothing.
    for (String scope : TraceScope.EVENT_NAMES) {
      enable(settings, scope, false, lowestThreshold());
    }
    return settings;
  }

  /**
   * The lowest of the blocking and pinned thresholds: the threshold of the traced scopes ({@link
   * TraceScope}), whose events serve only to name the span of a reported blocking event.
   */
  public Duration lowestThreshold() {
    Duration lowest = pinnedThreshold;
    for (Duration threshold : thresholds.values()) {
      if (threshold.compareTo(lowest) < 0) {
        lowest = threshold;
      }
    }
    return lowest;
  }

  private static void enable(
      Map<String, String> settings, String event, boolean stackTrace, Duration threshold) {
    settings.put(event + "#enabled", "true");
    settings.put(event + "#stackTrace", Boolean.toString(stackTrace));
    if (threshold != null) {
      // JFR takes whole units; nanoseconds keep sub-millisecond thresholds exact.
      settings.put(event + "#threshold", threshold.toNanos() + " ns");
    }
  }

  @Override
  public String toString() {
    return "ThreadEventSettings" + toJfrSettings();
  }

  /** Builds {@link ThreadEventSettings}; every setter validates its argument. */
  public static final class Builder {
    private final Map<BlockingKind, Duration> thresholds = new EnumMap<>(BlockingKind.class);
    private Duration pinnedThreshold = DEFAULT_PINNED_THRESHOLD;
    private boolean virtualThreadLifecycle = true;
    private int stackDepth = DEFAULT_STACK_DEPTH;

    private Builder() {
      for (BlockingKind kind : BlockingKind.values()) {
        thresholds.put(kind, DEFAULT_BLOCKING_THRESHOLD);
      }
    }

    /** The shortest blocking of {@code kind} to report; default 10 ms. Zero reports all. */
    public Builder threshold(BlockingKind kind, Duration threshold) {
      thresholds.put(Objects.requireNonNull(kind, "kind"), checkThreshold(threshold));
      return this;
    }

    /** The same threshold for monitor enter, monitor wait, park and sleep. */
    public Builder blockingThreshold(Duration threshold) {
      checkThreshold(threshold);
      for (BlockingKind kind : BlockingKind.values()) {
        thresholds.put(kind, threshold);
      }
      return this;
    }

    /** The shortest pinned blocking to report; default 1 ms. */
    public Builder pinnedThreshold(Duration threshold) {
      this.pinnedThreshold = checkThreshold(threshold);
      return this;
    }

    /**
     * Whether to follow virtual threads starting and ending; default {@code true}. Without it there
     * is no live count or lifetime of virtual threads, and a JVM that starts millions of them a
     * second spends less on JFR.
     *
     * <p>Why on by default: counting virtual threads is what this library is for, and on request-
     * like work the whole pipeline measured at 0.95 ± 0.26 of unwatched throughput. Its price shows
     * on churn of trivial virtual threads: 0.21 ± 0.43 of unwatched, against 0.50 ± 0.40 for a
     * plain JFR recording of the same events ({@code benchmarks/RESULTS.md},
     * WorkloadOverheadBenchmark at 10 ms); such services should turn it off, or leave it to the
     * exporter's CPU budget, which sheds these events while they cost too much.
     */
    public Builder virtualThreadLifecycle(boolean enabled) {
      this.virtualThreadLifecycle = enabled;
      return this;
    }

    /** How many innermost frames of a stack to keep, 1 to 64; default 16. */
    public Builder stackDepth(int frames) {
      if (frames < 1 || frames > 64) {
        throw new IllegalArgumentException(frames + ": illegal stack depth. Expecting 1 to 64.");
      }
      this.stackDepth = frames;
      return this;
    }

    public ThreadEventSettings build() {
      return new ThreadEventSettings(this);
    }

    private static Duration checkThreshold(Duration threshold) {
      Objects.requireNonNull(threshold, "threshold");
      if (threshold.isNegative()) {
        throw new IllegalArgumentException(
            Durations.format(threshold)
                + ": illegal threshold. Expecting zero or a positive duration.");
      }
      return threshold;
    }
  }
}
