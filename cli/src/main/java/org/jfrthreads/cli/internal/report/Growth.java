package org.jfrthreads.cli.internal.report;

import java.util.List;
import java.util.Objects;
import org.jfrthreads.analyzer.ThreadKind;

/**
 * Whether the live threads of one kind kept growing over the recording: a simple verdict read from
 * the {@link Timeline}, not the live exporter's leak detector.
 *
 * <p>The rule: the recording must span at least {@link #MIN_SPAN_NANOS}; it is cut into four
 * quarters and the net live count read at the end of each ({@code q1..q4}). The first quarter is
 * taken as warm-up (pools filling). The verdict is {@link Verdict#GROWING} when the count rose in
 * each of the last three quarters ({@code q1 < q2 < q3 < q4}) by {@link #MIN_GROWTH} threads or
 * more in all ({@code q4 - q1}), {@link Verdict#STEADY} otherwise. A pool that fills and stays full
 * is steady; threads started faster than they end, all through the recording, are growing.
 *
 * @param kind the thread kind
 * @param verdict the verdict
 * @param quarterEnds the net live count at the end of each quarter (empty when there is not enough
 *     data)
 * @param growthPerSecond {@code (q4 - q1)} over the last three quarters' time, per second; 0 when
 *     there is not enough data
 */
record Growth(ThreadKind kind, Verdict verdict, List<Long> quarterEnds, double growthPerSecond) {

  /** Recordings shorter than this give {@link Verdict#NOT_ENOUGH_DATA}. */
  public static final long MIN_SPAN_NANOS = 60_000_000_000L;

  /** The smallest rise, over the last three quarters, called growing. */
  public static final long MIN_GROWTH = 10;

  public Growth {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(verdict, "verdict");
    quarterEnds = List.copyOf(quarterEnds);
  }

  /** What the live count did. */
  public enum Verdict {
    /** Rose in each of the last three quarters, by {@link #MIN_GROWTH} or more in all. */
    GROWING("growing"),
    /** Did not keep rising. */
    STEADY("steady"),
    /**
     * The recording is shorter than {@link #MIN_SPAN_NANOS}, or no thread of this kind started or
     * ended.
     */
    NOT_ENOUGH_DATA("not_enough_data");

    private final String label;

    Verdict(String label) {
      this.label = label;
    }

    /**
     * The lower-case name used in JSON: {@code growing}, {@code steady}, {@code not_enough_data}.
     */
    public String label() {
      return label;
    }
  }

  /** The verdict for {@code kind} over {@code timeline}. */
  static Growth of(Timeline timeline, ThreadKind kind) {
    long span = timeline.lastEpochNanos() - timeline.firstEpochNanos();
    boolean anyThread =
        timeline.buckets().stream().anyMatch(b -> b.of(kind).started() + b.of(kind).ended() > 0);
    if (span < MIN_SPAN_NANOS || !anyThread || timeline.buckets().isEmpty()) {
      return new Growth(kind, Verdict.NOT_ENOUGH_DATA, List.of(), 0);
    }
    long[] quarters = new long[4];
    for (int q = 0; q < 3; q++) {
      quarters[q] = liveAt(timeline, kind, timeline.firstEpochNanos() + span * (q + 1) / 4);
    }
    quarters[3] = timeline.buckets().get(timeline.buckets().size() - 1).of(kind).live();
    boolean rising =
        quarters[0] < quarters[1] && quarters[1] < quarters[2] && quarters[2] < quarters[3];
    long growth = quarters[3] - quarters[0];
    Verdict verdict = rising && growth >= MIN_GROWTH ? Verdict.GROWING : Verdict.STEADY;
    double perSecond = growth / (span * 0.75 / 1e9);
    return new Growth(
        kind, verdict, List.of(quarters[0], quarters[1], quarters[2], quarters[3]), perSecond);
  }

  // The net live count at the end of the last bucket that ends by epochNanos.
  private static long liveAt(Timeline timeline, ThreadKind kind, long epochNanos) {
    long live = 0;
    for (Timeline.Bucket bucket : timeline.buckets()) {
      if (bucket.startEpochNanos() + timeline.bucketNanos() > epochNanos) {
        break;
      }
      live = bucket.of(kind).live();
    }
    return live;
  }
}
