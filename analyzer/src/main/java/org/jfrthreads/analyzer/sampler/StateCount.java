package org.jfrthreads.analyzer.sampler;

import java.util.Objects;

/**
 * Platform threads counted under one label and state.
 *
 * @param label a lock class ({@link ThreadStateSample#waitingOn()}) or a frame ({@link
 *     ThreadStateSample#topFrames()}); {@code "other"} for the labels outside the top N
 * @param state the threads' state
 * @param threads how many
 */
public record StateCount(String label, Thread.State state, long threads) {

  public StateCount {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(state, "state");
  }
}
