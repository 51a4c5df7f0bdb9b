package org.jfrthreads.stream;

import java.util.List;
import java.util.Objects;

/**
 * A virtual thread blocked while pinned to its carrier ({@code jdk.VirtualThreadPinned}).
 *
 * @param threadId the virtual thread's {@code javaThreadId}
 * @param epochNanos when the pinned blocking began
 * @param durationNanos how long it lasted
 * @param pinnedReason the JVM's reason, as given (JDK 24+), for example {@code "VM call to
 *     com.example.Config.<clinit> on stack"}; {@code ""} on JDKs that give none
 * @param blockingOperation what blocked, for example {@code "LockSupport.park"} (JDK 24+), or
 *     {@code ""}
 * @param stack the virtual thread's stack, innermost frame first, or empty
 */
public record ThreadPinned(
    long threadId,
    long epochNanos,
    long durationNanos,
    String pinnedReason,
    String blockingOperation,
    List<StackFrame> stack)
    implements ThreadEvent {

  public ThreadPinned {
    Objects.requireNonNull(pinnedReason, "pinnedReason");
    Objects.requireNonNull(blockingOperation, "blockingOperation");
    stack = List.copyOf(Objects.requireNonNull(stack, "stack"));
  }
}
