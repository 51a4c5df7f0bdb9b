package org.jfrthreads.stream;

/**
 * Receives the records of a {@link ThreadEventSource}.
 *
 * <p>All methods are called from the source's single dispatch thread, never concurrently, so an
 * implementation may keep unsynchronized state. They must not block: the JFR stream waits for them.
 */
public interface ThreadEventListener {

  /** One event; the record may be kept. */
  void onEvent(ThreadEvent event);

  /**
   * The source has delivered everything it had up to now: about once a second for a live stream
   * (JFR's flush period), at the end for a recording file.
   */
  default void onFlush() {}
}
