package org.jfrthreads.stream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what a source receives, cheaply.
 *
 * <p>Event counts are plain fields written only by the dispatch thread ({@link #received}, {@link
 * #belowThreshold}, {@link #delivered}, {@link #dataLost}, {@link #flushed}) and published to
 * readers at each flush through one volatile reference, so the per-event cost is an increment.
 * Errors, restarts and the running state may be set from any thread.
 *
 * <p>A source that restarts its stream registers the same event names again: they keep their
 * counters, so counts go on from where they were instead of starting over or doubling.
 */
final class SourceCounters {

  private final List<String> eventNames = new ArrayList<>();
  private long[] received = new long[0];
  private long belowThreshold;
  private long dataLostBytes;
  private long oldestEndSinceFlush = Long.MAX_VALUE;

  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong restarts = new AtomicLong();
  private volatile String lastError = "";
  private volatile boolean running;
  private volatile Published published = new Published(Map.of(), 0, 0, -1);

  private record Published(
      Map<String, Long> received, long belowThreshold, long dataLostBytes, long lagNanos) {}

  /**
   * Registers an event name before a stream starts, from the thread that will run it or before it
   * starts; returns its counter index, the same one for a name registered before.
   */
  int eventType(String eventName) {
    int known = eventNames.indexOf(eventName);
    if (known >= 0) {
      return known;
    }
    eventNames.add(eventName);
    received = Arrays.copyOf(received, eventNames.size());
    return eventNames.size() - 1;
  }

  void received(int eventType) {
    received[eventType]++;
  }

  /** Every event received so far, of any type; dispatch thread only. */
  long receivedSoFar() {
    long sum = 0;
    for (long count : received) {
      sum += count;
    }
    return sum;
  }

  void belowThreshold() {
    belowThreshold++;
  }

  /** JFR says it lost {@code bytes} of events ({@code jdk.DataLoss}). */
  void dataLost(long bytes) {
    dataLostBytes += bytes;
  }

  /** An event that ended at {@code endEpochNanos} is being delivered now. */
  void delivered(long endEpochNanos) {
    if (endEpochNanos < oldestEndSinceFlush) {
      oldestEndSinceFlush = endEpochNanos;
    }
  }

  /**
   * Publishes the counts; with {@code nowEpochNanos >= 0}, also the delivery lag of the events
   * since the previous flush (live sources only: for a file, "now" has no relation to event time).
   */
  void flushed(long nowEpochNanos) {
    long lag = published.lagNanos();
    if (nowEpochNanos >= 0 && oldestEndSinceFlush != Long.MAX_VALUE) {
      lag = Math.max(0, nowEpochNanos - oldestEndSinceFlush);
    }
    oldestEndSinceFlush = Long.MAX_VALUE;
    Map<String, Long> counts = new LinkedHashMap<>();
    for (int i = 0; i < received.length; i++) {
      counts.put(eventNames.get(i), received[i]);
    }
    published = new Published(counts, belowThreshold, dataLostBytes, lag);
  }

  void error(Throwable error) {
    errors.incrementAndGet();
    lastError = String.valueOf(error.getMessage() == null ? error : error.getMessage());
  }

  void running(boolean running) {
    this.running = running;
  }

  boolean running() {
    return running;
  }

  void restarted() {
    restarts.incrementAndGet();
  }

  SourceStatistics statistics() {
    Published counts = published;
    return new SourceStatistics(
        running,
        counts.received(),
        counts.belowThreshold(),
        errors.get(),
        lastError,
        counts.lagNanos(),
        restarts.get(),
        counts.dataLostBytes());
  }
}
