package org.jfrthreads.analyzer;

import java.util.ArrayList;
import java.util.List;

/** Keeps every episode it is told of, in order. */
final class RecordingLeakListener implements LeakListener {

  final List<LeakEpisode> started = new ArrayList<>();
  final List<LeakEpisode> cleared = new ArrayList<>();
  final List<Long> clearedAtEpochNanos = new ArrayList<>();

  @Override
  public void episodeStarted(LeakEpisode episode) {
    started.add(episode);
  }

  @Override
  public void episodeCleared(LeakEpisode episode, long clearedEpochNanos) {
    cleared.add(episode);
    clearedAtEpochNanos.add(clearedEpochNanos);
  }
}
