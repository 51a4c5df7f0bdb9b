package org.jfrthreads.stream;

import java.util.Map;
import java.util.Objects;

/**
 * The health of a {@link ThreadEventSource}, as of its last flush.
 *
 * @param running whether the source is delivering events now
 * @param eventsReceived events received from JFR by event name, including those below threshold
 * @param eventsBelowThreshold events dropped because the source's current settings leave them out:
 *     shorter than the threshold, or virtual-thread lifecycle events no longer asked for (another
 *     recording in the JVM asked JFR for a lower threshold, or for those events)
 * @param errors errors reported by the JFR stream since the start
 * @param lastError the message of the last error, or {@code ""}
 * @param deliveryLagNanos at the last flush, how long ago the oldest event delivered since the
 *     previous flush had ended; {@code -1} when unknown (no event yet, or a recording file)
 * @param restarts how many times the source restarted its recording after someone else stopped it
 *     or it failed; 0 for sources that do not restart
 * @param dataLostBytes bytes of events that JFR reports as lost ({@code jdk.DataLoss}) since the
 *     start: its buffers were full, so those events were never written
 */
public record SourceStatistics(
    boolean running,
    Map<String, Long> eventsReceived,
    long eventsBelowThreshold,
    long errors,
    String lastError,
    long deliveryLagNanos,
    long restarts,
    long dataLostBytes) {

  public SourceStatistics {
    eventsReceived = Map.copyOf(Objects.requireNonNull(eventsReceived, "eventsReceived"));
    Objects.requireNonNull(lastError, "lastError");
  }

  /** Statistics of a source that has neither restarted nor lost data. */
  public SourceStatistics(
      boolean running,
      Map<String, Long> eventsReceived,
      long eventsBelowThreshold,
      long errors,
      String lastError,
      long deliveryLagNanos) {
    this(running, eventsReceived, eventsBelowThreshold, errors, lastError, deliveryLagNanos, 0, 0);
  }
}
