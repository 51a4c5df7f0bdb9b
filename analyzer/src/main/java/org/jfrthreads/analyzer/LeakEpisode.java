package org.jfrthreads.analyzer;

import java.util.List;
import java.util.Objects;

/**
 * A suspected leak of one series, from the sample its growth was first suspected to the one it was
 * seen to stop.
 *
 * @param series the series when the episode started (or, for a cleared episode, when it cleared)
 * @param startedEpochNanos when the episode started
 * @param topSites for an episode of all threads of a kind, the creation sites of that kind that
 *     grew most above their baseline, most first, at most three; for a site's own episode, empty
 */
public record LeakEpisode(
    LeakSeriesState series, long startedEpochNanos, List<LeakSeriesState> topSites) {

  public LeakEpisode {
    Objects.requireNonNull(series, "series");
    topSites = List.copyOf(topSites);
  }
}
