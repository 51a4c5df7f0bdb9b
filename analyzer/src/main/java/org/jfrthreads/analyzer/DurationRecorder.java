package org.jfrthreads.analyzer;

import org.HdrHistogram.Histogram;

/**
 * A growing distribution of durations that hands out immutable {@link DurationHistogram} copies.
 *
 * <p>Not thread-safe: one writer thread records and takes snapshots (the analyzer's dispatch
 * thread). A snapshot is copied only when something was recorded since the previous one, so an idle
 * series costs nothing per publication.
 */
final class DurationRecorder {

  private final Histogram histogram = DurationHistogram.newHistogram();
  private long sumNanos;
  private DurationHistogram snapshot = DurationHistogram.EMPTY;
  private ExemplarBuckets exemplars; // null until the first exemplar
  private boolean changed;

  /** Records one duration; negative ones (clock steps between two events) count as zero. */
  void record(long nanos) {
    long value = Math.max(0, nanos);
    histogram.recordValue(value);
    sumNanos += value;
    changed = true;
  }

  /** Keeps {@code exemplar} as the latest of its bucket; the duration was recorded before. */
  void exemplar(TraceExemplar exemplar) {
    if (exemplars == null) {
      exemplars = new ExemplarBuckets();
    }
    exemplars.offer(exemplar);
    changed = true;
  }

  long sumNanos() {
    return sumNanos;
  }

  DurationHistogram snapshot() {
    if (changed) {
      snapshot =
          exemplars == null
              ? DurationHistogram.copyOf(histogram, sumNanos)
              : DurationHistogram.copyOf(histogram, sumNanos, exemplars.toList());
      changed = false;
    }
    return snapshot;
  }
}
