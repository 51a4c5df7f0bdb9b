package org.jfrthreads.stream;

/**
 * A thread ended.
 *
 * @param threadId the ended thread's {@code javaThreadId}
 * @param virtual whether the ended thread is virtual
 * @param epochNanos when it ended
 */
public record ThreadEnded(long threadId, boolean virtual, long epochNanos) implements ThreadEvent {}
