package org.jfrthreads.analyzer;

import java.util.List;
import java.util.Objects;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * An immutable distribution of durations in nanoseconds: an HdrHistogram with two significant
 * digits (values are exact to 1 %), resolution 512 ns, plus the exact sum.
 *
 * <p>Safe to read from any number of threads. The histogram inside is a private copy that is never
 * written after construction, and only read through HdrHistogram methods that keep no state in the
 * histogram object ({@code getValueAtPercentile}, {@code getMaxValue}, a fresh {@code
 * recordedValues()} iterator); {@code getMean()} and friends share an iterator and are not used.
 *
 * <p>A histogram of blocking or pinned times may carry {@linkplain #exemplars() exemplars}: the
 * latest traced event of each exemplar bucket.
 *
 * <pre>{@code
 * DurationHistogram lifetimes = snapshot.lifetimes(ThreadKind.VIRTUAL);
 * long p99Nanos = lifetimes.valueAtQuantile(0.99);
 * }</pre>
 */
public final class DurationHistogram {

  /** Two significant digits: 1 % error, a few KiB per histogram. */
  static final int SIGNIFICANT_DIGITS = 2;

  /** Durations below a microsecond are not told apart; HdrHistogram rounds this to 512 ns. */
  static final long LOWEST_DISCERNIBLE_NANOS = 1_000;

  /** The empty distribution. */
  public static final DurationHistogram EMPTY = new DurationHistogram(newHistogram(), 0, List.of());

  private final Histogram histogram;
  private final long sumNanos;
  private final List<TraceExemplar> exemplars;

  private DurationHistogram(Histogram histogram, long sumNanos, List<TraceExemplar> exemplars) {
    this.histogram = histogram;
    this.sumNanos = sumNanos;
    this.exemplars = exemplars;
  }

  /** A new, empty, auto-resizing histogram of nanoseconds. */
  static Histogram newHistogram() {
    Histogram histogram =
        new Histogram(LOWEST_DISCERNIBLE_NANOS, 2 * LOWEST_DISCERNIBLE_NANOS, SIGNIFICANT_DIGITS);
    histogram.setAutoResize(true);
    return histogram;
  }

  /** Takes a copy of {@code histogram}; the caller may go on writing to its own. */
  static DurationHistogram copyOf(Histogram histogram, long sumNanos) {
    return new DurationHistogram(histogram.copy(), sumNanos, List.of());
  }

  /** Takes a copy of {@code histogram} with {@code exemplars}, at most one per exemplar bucket. */
  static DurationHistogram copyOf(
      Histogram histogram, long sumNanos, List<TraceExemplar> exemplars) {
    return new DurationHistogram(histogram.copy(), sumNanos, List.copyOf(exemplars));
  }

  /** Wraps {@code histogram}, which nobody may write to afterwards. */
  static DurationHistogram ofUnshared(Histogram histogram, long sumNanos) {
    return new DurationHistogram(histogram, sumNanos, List.of());
  }

  /** How many durations were recorded. */
  public long count() {
    return histogram.getTotalCount();
  }

  /** The exact sum of the recorded durations. */
  public long sumNanos() {
    return sumNanos;
  }

  /**
   * The latest traced event of each bucket of {@link TraceExemplar#BUCKET_UPPER_BOUNDS_NANOS},
   * shortest first; empty when no event was joined to a traced scope.
   */
  public List<TraceExemplar> exemplars() {
    return exemplars;
  }

  /** The largest duration recorded (within 1 %), or 0 when empty. */
  public long maxNanos() {
    // Not getMaxValue(), which add() leaves wrong: adding an empty histogram sets it to 511 ns,
    // and adding one of another size records its values below 512 ns as 0, so the max stays 0.
    return count() == 0 ? 0 : histogram.getValueAtPercentile(100);
  }

  /**
   * The duration at quantile {@code q} (within 1 %): at least that fraction of the recorded
   * durations are at or below it. 0 when empty.
   *
   * @param q in [0, 1]
   */
  public long valueAtQuantile(double q) {
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException(q + ": illegal quantile. Expecting a number in [0, 1].");
    }
    return count() == 0 ? 0 : histogram.getValueAtPercentile(q * 100);
  }

  /**
   * Calls {@code consumer} once for each populated HdrHistogram bucket, in increasing order, with
   * the middle of the bucket's range and its count.
   */
  public void forEachBucket(BucketConsumer consumer) {
    for (HistogramIterationValue value : histogram.recordedValues()) {
      long count = value.getCountAtValueIteratedTo();
      consumer.accept(histogram.medianEquivalentValue(value.getValueIteratedTo()), count);
    }
  }

  /** This distribution and {@code other} together. */
  public DurationHistogram plus(DurationHistogram other) {
    Objects.requireNonNull(other, "other");
    if (other.count() == 0 && other.sumNanos == 0) {
      return this;
    }
    if (count() == 0 && sumNanos == 0) {
      return other;
    }
    Histogram sum = histogram.copy();
    sum.add(other.histogram);
    return new DurationHistogram(sum, sumNanos + other.sumNanos, mergedExemplars(other));
  }

  private List<TraceExemplar> mergedExemplars(DurationHistogram other) {
    if (other.exemplars.isEmpty()) {
      return exemplars;
    }
    if (exemplars.isEmpty()) {
      return other.exemplars;
    }
    ExemplarBuckets merged = new ExemplarBuckets();
    merged.offerAll(exemplars);
    merged.offerAll(other.exemplars);
    return merged.toList();
  }

  @Override
  public String toString() {
    return "DurationHistogram[count="
        + count()
        + ", sumNanos="
        + sumNanos
        + ", p50="
        + valueAtQuantile(0.5)
        + ", max="
        + maxNanos()
        + "]";
  }

  /** Receives the buckets of {@link #forEachBucket}. */
  @FunctionalInterface
  public interface BucketConsumer {
    void accept(long valueNanos, long count);
  }
}
