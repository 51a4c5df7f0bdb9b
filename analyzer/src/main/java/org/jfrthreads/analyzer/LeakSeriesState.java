package org.jfrthreads.analyzer;

import java.util.Objects;

/**
 * Where one series of live counts stands for the {@link LeakDetector}.
 *
 * @param threadKind platform or virtual threads
 * @param site a creation site ({@link SiteLiveCount#site()}), or {@link LeakDetector#ALL_SITES} for
 *     all threads of the kind
 * @param live the latest sampled live count
 * @param suspected whether a leak episode is open for the series
 * @param baseline the median live count of the baseline window (frozen during an episode); NaN
 *     until the series has enough samples
 * @param growthPerSecond the least-squares slope of the series' floor over the trend window, in
 *     threads per second; 0 until the series has enough samples
 */
public record LeakSeriesState(
    ThreadKind threadKind,
    String site,
    long live,
    boolean suspected,
    double baseline,
    double growthPerSecond) {

  public LeakSeriesState {
    Objects.requireNonNull(threadKind, "threadKind");
    Objects.requireNonNull(site, "site");
  }
}
