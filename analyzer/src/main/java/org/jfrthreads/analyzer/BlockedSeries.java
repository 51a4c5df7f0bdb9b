package org.jfrthreads.analyzer;

import java.util.Objects;
import org.jfrthreads.stream.BlockingKind;

/**
 * Blocking time of one kind, by the class responsible.
 *
 * @param kind monitor enter, monitor wait, park or sleep
 * @param threadKind platform or virtual threads
 * @param className the monitor class (enter, wait), the park blocker's class (park), or the
 *     sleeping code's class (sleep); {@code "none"} for a park without blocker, {@code "unknown"}
 *     when no class could be found, {@code "other"} for the classes outside the top N
 * @param durations the blocking times
 */
public record BlockedSeries(
    BlockingKind kind, ThreadKind threadKind, String className, DurationHistogram durations) {

  public BlockedSeries {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(threadKind, "threadKind");
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(durations, "durations");
  }
}
