package org.jfrthreads.cli.internal.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jfrthreads.analyzer.DurationHistogram;

/**
 * A distribution of durations, summed up for a report: count, total and quantiles, plus the counts
 * in fixed logarithmic bins for charts.
 *
 * @param count how many durations
 * @param totalNanos their exact sum
 * @param p50Nanos the median (within 1 %), 0 when empty
 * @param p99Nanos the 99th percentile (within 1 %), 0 when empty
 * @param maxNanos the largest (within 1 %), 0 when empty
 * @param bins the counts per {@link #BIN_EDGES_NANOS} bin, from the first non-empty bin to the
 *     last; empty when there is no duration
 */
record DurationSummary(
    long count, long totalNanos, long p50Nanos, long p99Nanos, long maxNanos, List<Bin> bins) {

  /**
   * Lower edges of the chart bins: 1-2-5 steps from 1 µs to 10 s, then 30 s, 1, 2, 5, 10, 30 min,
   * 1, 2, 6, 12 h and 1 day. The last bin is open above.
   */
  static final long[] BIN_EDGES_NANOS = binEdges();

  public static final DurationSummary EMPTY = new DurationSummary(0, 0, 0, 0, 0, List.of());

  public DurationSummary {
    bins = List.copyOf(Objects.requireNonNull(bins, "bins"));
  }

  /**
   * Durations from {@code lowerNanos} (inclusive) to {@code upperNanos} (exclusive; {@link
   * Long#MAX_VALUE} for the open last bin).
   */
  public record Bin(long lowerNanos, long upperNanos, long count) {}

  /** Sums up {@code histogram}. */
  public static DurationSummary of(DurationHistogram histogram) {
    if (histogram.count() == 0) {
      return EMPTY;
    }
    long[] counts = new long[BIN_EDGES_NANOS.length];
    histogram.forEachBucket((valueNanos, count) -> counts[binOf(valueNanos)] += count);
    int first = 0;
    while (counts[first] == 0) {
      first++;
    }
    int last = counts.length - 1;
    while (counts[last] == 0) {
      last--;
    }
    List<Bin> bins = new ArrayList<>(last - first + 1);
    for (int i = first; i <= last; i++) {
      long upper = i + 1 < BIN_EDGES_NANOS.length ? BIN_EDGES_NANOS[i + 1] : Long.MAX_VALUE;
      bins.add(new Bin(BIN_EDGES_NANOS[i], upper, counts[i]));
    }
    return new DurationSummary(
        histogram.count(),
        histogram.sumNanos(),
        histogram.valueAtQuantile(0.5),
        histogram.valueAtQuantile(0.99),
        histogram.maxNanos(),
        bins);
  }

  /** The bin of a duration; durations below the first edge go to the first bin. */
  static int binOf(long nanos) {
    int bin = 0;
    while (bin + 1 < BIN_EDGES_NANOS.length && nanos >= BIN_EDGES_NANOS[bin + 1]) {
      bin++;
    }
    return bin;
  }

  private static long[] binEdges() {
    List<Long> edges = new ArrayList<>();
    for (long decade = 1_000L; decade <= 1_000_000_000L; decade *= 10) {
      edges.add(decade);
      edges.add(2 * decade);
      edges.add(5 * decade);
    }
    long second = 1_000_000_000L;
    long minute = 60 * second;
    long hour = 60 * minute;
    for (long edge :
        new long[] {
          10 * second,
          30 * second,
          minute,
          2 * minute,
          5 * minute,
          10 * minute,
          30 * minute,
          hour,
          2 * hour,
          6 * hour,
          12 * hour,
          24 * hour
        }) {
      edges.add(edge);
    }
    return edges.stream().mapToLong(Long::longValue).toArray();
  }
}
