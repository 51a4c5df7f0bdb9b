package org.jfrthreads.analyzer;

import java.util.Objects;

/**
 * A blocking or pinned event that happened inside a traced scope, with what it was charged to.
 *
 * @param kind {@code monitor_enter}, {@code monitor_wait}, {@code park}, {@code sleep} (the {@link
 *     org.jfrthreads.stream.BlockingKind#label() label}) or {@code pinned}
 * @param charge what the event is charged to: the class responsible as in {@link BlockedSeries}, or
 *     for a pinned event its reason and site as in {@link PinnedSeries}, {@code "reason at site"}
 * @param threadId the blocked thread's {@code javaThreadId}
 * @param exemplar the trace and span, the duration and the end
 */
public record TracedBlocking(String kind, String charge, long threadId, TraceExemplar exemplar) {

  /** The kind of a pinned event. */
  public static final String PINNED = "pinned";

  public TracedBlocking {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(charge, "charge");
    Objects.requireNonNull(exemplar, "exemplar");
  }
}
