package org.jfrthreads.analyzer;

import java.util.List;
import java.util.Objects;

/**
 * One blocking event together with the trace that was in scope on its thread while it lasted: the
 * answer to "which request waited".
 *
 * <p>A {@link DurationHistogram} keeps, for each bucket of {@link #BUCKET_UPPER_BOUNDS_NANOS}, the
 * latest exemplar whose duration falls in it.
 *
 * @param traceId the trace id of the innermost scope that covered the whole blocking, as the
 *     application gave it (32 lower-case hex digits)
 * @param spanId the span id of that scope (16 lower-case hex digits)
 * @param durationNanos how long the thread was blocked
 * @param endEpochNanos when the blocking ended
 */
public record TraceExemplar(String traceId, String spanId, long durationNanos, long endEpochNanos) {

  /**
   * The upper bounds (inclusive) of the buckets that keep one exemplar each, in nanoseconds: 1 ms,
   * 5 ms, 10 ms, 25 ms, 50 ms, 100 ms, 250 ms, 500 ms, 1 s, 2.5 s, 5 s, 10 s, 30 s, 1 min and
   * above. The classic buckets of the blocking and pinned histograms, so that each has its latest
   * one.
   */
  public static final List<Long> BUCKET_UPPER_BOUNDS_NANOS =
      List.of(
          1_000_000L,
          5_000_000L,
          10_000_000L,
          25_000_000L,
          50_000_000L,
          100_000_000L,
          250_000_000L,
          500_000_000L,
          1_000_000_000L,
          2_500_000_000L,
          5_000_000_000L,
          10_000_000_000L,
          30_000_000_000L,
          60_000_000_000L,
          Long.MAX_VALUE);

  public TraceExemplar {
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(spanId, "spanId");
  }

  /** The index in {@link #BUCKET_UPPER_BOUNDS_NANOS} of the bucket this exemplar falls in. */
  int bucket() {
    for (int i = 0; i < BUCKET_UPPER_BOUNDS_NANOS.size() - 1; i++) {
      if (durationNanos <= BUCKET_UPPER_BOUNDS_NANOS.get(i)) {
        return i;
      }
    }
    return BUCKET_UPPER_BOUNDS_NANOS.size() - 1;
  }
}
