package org.jfrthreads.stream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what a source receives, cheaply.
 *
 * <p>Event counts are plain fields written only by the dispatch thread ({@link #received}, {@link
 * #belowThreshold}, {@link #delivered}, {@link #flushed}) and published to readers at each flush
 * through one volatile reference, so the per-event cost is an increment. Errors and the running
 * state may be set from any thread.
 */
final class SourceCounters {

  private final List<String> eventNames = new ArrayList<>();
  private long[] received = new long[0];
  private long belowThreshold;
  private long oldestEndSinceFlush = Long.MAX_VALUE;

  private final AtomicLong errors = new AtomicLong();
  private volatile String lastError = "";
  private volatile boolean running;
  private volatile Published published = new Published(Map.of(), 0, -1);

  private record Published(Map<String, Long> received, long belowThreshold, long lagNanos) {}

  /** Registers an event name before the stream starts; returns its counter index. */
  int eventType(String eventName) {
    eventNames.add(eventName);
    received = new long[eventNames.size()];
    return eventNames.size() - 1;
  }

  void received(int eventType) {
    received[eventType]++;
  }

  void belowThreshold() {
    belowThreshold++;
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
      counts.merge(eventNames.get(i), received[i], Long::sum);
    }
    published = new Published(counts, belowThreshold, lag);
  }

  void error(Throwable error) {
    errors.incrementAndGet();
    lastError = String.valueOf(error.getMessage() == null ? error : error.getMessage());
  }

  void running(boolean running) {
    this.running = running;
  }

  SourceStatistics statistics() {
    Published counts = published;
    return new SourceStatistics(
        running,
        counts.received(),
        counts.belowThreshold(),
        errors.get(),
        lastError,
        counts.lagNanos());
  }
}
