package org.jfrthreads.analyzer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every episode it is told of, in order; readable from any thread. */
final class RecordingLeakListener implements LeakListener {

  final List<LeakEpisode> started = new CopyOnWriteArrayList<>();
  final List<LeakEpisode> cleared = new CopyOnWriteArrayList<>();
  final List<Long> clearedAtEpochNanos = new CopyOnWriteArrayList<>();

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
