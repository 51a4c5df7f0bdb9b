package org.jfrthreads.analyzer;

import java.util.List;

/**
 * The state of a {@link LeakDetector} at one sample: immutable, safe to share between threads.
 *
 * @param sampledEpochNanos when the latest sample was taken, 0 before the first
 * @param series every series followed, kind totals ({@link LeakDetector#ALL_SITES}) first
 * @param episodesStarted episodes started since the detector was made
 * @param overflowedSeries series ignored because {@code maxSeries} were already followed, counted
 *     once per sample
 */
public record LeakDetectorSnapshot(
    long sampledEpochNanos,
    List<LeakSeriesState> series,
    long episodesStarted,
    long overflowedSeries) {

  /** Before the first sample, or with leak detection disabled. */
  public static final LeakDetectorSnapshot EMPTY = new LeakDetectorSnapshot(0, List.of(), 0, 0);

  public LeakDetectorSnapshot {
    series = List.copyOf(series);
  }

  /** The series of all threads of a kind, or {@code null} if not followed. */
  public LeakSeriesState total(ThreadKind kind) {
    return find(kind, LeakDetector.ALL_SITES);
  }

  /** One series, or {@code null} if not followed. */
  public LeakSeriesState find(ThreadKind kind, String site) {
    for (LeakSeriesState state : series) {
      if (state.threadKind() == kind && state.site().equals(site)) {
        return state;
      }
    }
    return null;
  }

  /** The series with an open episode. */
  public List<LeakSeriesState> suspected() {
    return series.stream().filter(LeakSeriesState::suspected).toList();
  }
}
