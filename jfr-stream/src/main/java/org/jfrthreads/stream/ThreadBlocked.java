package org.jfrthreads.stream;

import java.util.List;
import java.util.Objects;

/**
 * A thread was blocked for at least the configured threshold.
 *
 * @param threadId the blocked thread's {@code javaThreadId}
 * @param virtual whether the blocked thread is virtual
 * @param kind what blocked it
 * @param epochNanos when the blocking began
 * @param durationNanos how long it lasted
 * @param blockerClass the monitor class ({@code MONITOR_ENTER}, {@code MONITOR_WAIT}) or the park
 *     blocker's class ({@code PARK}); {@code ""} when there is none, and always for {@code SLEEP}
 * @param stack the blocked thread's stack, innermost frame first; empty unless stacks are enabled
 *     for this kind
 */
public record ThreadBlocked(
    long threadId,
    boolean virtual,
    BlockingKind kind,
    long epochNanos,
    long durationNanos,
    String blockerClass,
    List<StackFrame> stack)
    implements ThreadEvent {

  public ThreadBlocked {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(blockerClass, "blockerClass");
    stack = List.copyOf(Objects.requireNonNull(stack, "stack"));
  }
}
