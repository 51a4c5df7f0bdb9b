package org.jfrthreads.stream;

/**
 * A fact about one thread, taken from a JDK Flight Recorder event.
 *
 * <p>Records are small and immutable; they hold no reference to the JFR event they came from.
 */
public sealed interface ThreadEvent
    permits ThreadStarted, ThreadEnded, ThreadBlocked, ThreadPinned, TraceScope {

  /** The {@code javaThreadId} of the thread the event is about. */
  long threadId();

  /**
   * When it happened (for a blocking event, when the blocking began; for a scope, when it was
   * attached), in nanoseconds since the epoch.
   */
  long epochNanos();
}
