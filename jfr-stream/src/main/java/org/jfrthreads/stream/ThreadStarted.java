package org.jfrthreads.stream;

import java.util.List;
import java.util.Objects;

/**
 * A thread started.
 *
 * @param threadId the started thread's {@code javaThreadId}
 * @param virtual whether the started thread is virtual
 * @param epochNanos when it started
 * @param creationStack the stack of the {@code start()} call that created it, innermost frame
 *     first; empty when the JVM gives none (virtual threads, or stacks disabled)
 */
public record ThreadStarted(
    long threadId, boolean virtual, long epochNanos, List<StackFrame> creationStack)
    implements ThreadEvent {

  public ThreadStarted {
    creationStack = List.copyOf(Objects.requireNonNull(creationStack, "creationStack"));
  }
}
