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
 * @param evidence what the suspected threads were doing when the episode started, for example "top
 *     frames of 12 of them: com.example.Sessions.open (12)"; empty if nothing was looked at
 */
record LeakEpisode(
    LeakSeriesState series,
    long startedEpochNanos,
    List<LeakSeriesState> topSites,
    String evidence) {

  public LeakEpisode {
    Objects.requireNonNull(series, "series");
    topSites = List.copyOf(topSites);
    Objects.requireNonNull(evidence, "evidence");
  }

  /** An episode without evidence. */
  public LeakEpisode(
      LeakSeriesState series, long startedEpochNanos, List<LeakSeriesState> topSites) {
    this(series, startedEpochNanos, topSites, "");
  }

  /** This episode with {@code evidence}. */
  public LeakEpisode withEvidence(String evidence) {
    return new LeakEpisode(series, startedEpochNanos, topSites, evidence);
  }
}
