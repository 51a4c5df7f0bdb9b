package org.jfrthreads.stream;

import java.time.Duration;

/**
 * A source of thread events: this JVM's live JFR stream, a recording file, or (through the same
 * seam) another JVM.
 *
 * <pre>{@code
 * try (ThreadEventSource source = ThreadEventSources.recordingFile(Path.of("app.jfr"))) {
 *   source.start(event -> System.out.println(event));
 *   source.awaitTermination(Duration.ofMinutes(1));
 * }
 * }</pre>
 *
 * <p>Implementations are safe to use from any thread; the listener is called from one daemon
 * dispatch thread only.
 */
public interface ThreadEventSource extends AutoCloseable {

  /**
   * Starts delivering events to {@code listener} on a daemon dispatch thread, and returns. A live
   * source returns once JFR records, so that what the caller does next is seen: usually within
   * milliseconds, up to about a second when JFR starts for the first time in a busy JVM, and at
   * most ten seconds, after which it goes on starting in the background.
   *
   * @param listener not {@code null}; called from the dispatch thread only
   * @throws ThreadEventSourceException if the source cannot be opened (JFR disabled or missing, an
   *     unreadable file); the message names the problem and the fix
   * @throws IllegalStateException if the source was started or closed before
   */
  void start(ThreadEventListener listener);

  /**
   * Waits until the source has ended: the end of a recording file, an unrecoverable error, or
   * {@link #close()}.
   *
   * @return {@code true} if it ended, {@code false} if the timeout elapsed first
   */
  boolean awaitTermination(Duration timeout) throws InterruptedException;

  /**
   * Stops the source. A live source first delivers the events JFR holds but has not delivered yet,
   * which can take up to about a second. Safe to call more than once; never throws.
   */
  @Override
  void close();

  /** Counts and state as of the last flush; cheap, never blocks. */
  SourceStatistics statistics();

  /** What this source reads, for messages: "this JVM", a file name. */
  String description();

  /**
   * Asks for other events or thresholds while the source runs: JFR is told where the source records
   * itself, and the source drops, from its next event on, what the new settings leave out (lower
   * thresholds or virtual-thread lifecycle events that another recording in the JVM still asks
   * for). The stack depth stays as started. Any thread; never blocks on the dispatch thread.
   *
   * @param settings not {@code null}
   * @return {@code false} if this source cannot change while it runs (a recording file)
   * @since 0.2
   */
  default boolean applySettings(ThreadEventSettings settings) {
    return false;
  }

  /**
   * The id of the dispatch thread, for {@code ThreadMXBean.getThreadCpuTime}: what watching costs.
   *
   * @return {@code -1} before {@link #start} and for a source without a dispatch thread of its own
   * @since 0.2
   */
  default long dispatchThreadId() {
    return -1;
  }
}
