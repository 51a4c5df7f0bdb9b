package org.jfrthreads.analyzer;

import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * The durations recorded over the last window (default one minute), for quantiles of recent
 * behaviour rather than of all time.
 *
 * <p>The window is a ring of slices (default six of ten seconds). Recording goes to the current
 * slice; {@link #advanceTo} retires slices older than the window; {@link #snapshot} adds the slices
 * up. Quantiles are therefore exact to HdrHistogram precision over the last window, which moves in
 * steps of one slice.
 *
 * <p>Not thread-safe: one writer thread (the analyzer's dispatch thread).
 */
final class SlidingWindowRecorder {

  private final Histogram[] slices;
  private final long[] sliceSums;
  private final long sliceNanos;
  private long currentSlice = Long.MIN_VALUE;
  private boolean changed = true;
  private DurationHistogram snapshot = DurationHistogram.EMPTY;

  SlidingWindowRecorder(Duration window, int sliceCount) {
    this.slices = new Histogram[sliceCount];
    this.sliceSums = new long[sliceCount];
    this.sliceNanos = Math.max(1, window.toNanos() / sliceCount);
    for (int i = 0; i < sliceCount; i++) {
      slices[i] = DurationHistogram.newHistogram();
    }
  }

  void record(long nanos) {
    long value = Math.max(0, nanos);
    int slot = slot(currentSlice);
    slices[slot].recordValue(value);
    sliceSums[slot] += value;
    changed = true;
  }

  /** Moves the window so that it ends at {@code epochNanos}; time never goes back. */
  void advanceTo(long epochNanos) {
    long slice = Math.floorDiv(epochNanos, sliceNanos);
    if (currentSlice == Long.MIN_VALUE) {
      // What was recorded before the first call sits in slot 0: it belongs to this first slice,
      // or it would leave the window as soon as slot 0 comes round, possibly one slice later.
      moveSlot(0, slot(slice));
      currentSlice = slice;
      return;
    }
    long steps = Math.min(slice - currentSlice, slices.length);
    for (long i = 1; i <= steps; i++) {
      int slot = slot(currentSlice + i);
      if (slices[slot].getTotalCount() > 0 || sliceSums[slot] > 0) {
        slices[slot].reset();
        sliceSums[slot] = 0;
        changed = true;
      }
    }
    currentSlice = Math.max(currentSlice, slice);
  }

  DurationHistogram snapshot() {
    if (changed) {
      Histogram sum = DurationHistogram.newHistogram();
      long sumNanos = 0;
      for (int i = 0; i < slices.length; i++) {
        sum.add(slices[i]);
        sumNanos += sliceSums[i];
      }
      snapshot = DurationHistogram.ofUnshared(sum, sumNanos);
      changed = false;
    }
    return snapshot;
  }

  private void moveSlot(int from, int to) {
    Histogram histogram = slices[to];
    slices[to] = slices[from];
    slices[from] = histogram;
    long sumNanos = sliceSums[to];
    sliceSums[to] = sliceSums[from];
    sliceSums[from] = sumNanos;
  }

  private int slot(long slice) {
    return slice == Long.MIN_VALUE ? 0 : (int) Math.floorMod(slice, (long) slices.length);
  }
}
