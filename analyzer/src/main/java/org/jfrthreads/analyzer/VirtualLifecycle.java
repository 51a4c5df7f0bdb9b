package org.jfrthreads.analyzer;

/**
 * Whether the virtual-thread figures that come from lifecycle events ({@code
 * jdk.VirtualThreadStart}, {@code jdk.VirtualThreadEnd}) can be trusted at a publication.
 *
 * <p>While the events are shed (to keep watching within its CPU budget), the starts, ends, live
 * count, lifetimes and live-by-site counts of virtual threads are unknown: the snapshot keeps their
 * last values, and readers must not take them as current. When the events come back, the live count
 * is re-based: it counts only the virtual threads created after that moment, so it is a lower bound
 * until the threads that were already running then have ended.
 *
 * @param shed whether lifecycle events are shed now
 * @param unknownSinceEpochNanos when the current shedding began; 0 when not shed
 * @param rebasedEpochNanos when the live count was last re-based; 0 if never
 * @param shedTotal how many times lifecycle events were shed since watching began
 */
public record VirtualLifecycle(
    boolean shed, long unknownSinceEpochNanos, long rebasedEpochNanos, long shedTotal) {

  /** Followed from the start, never shed. */
  public static final VirtualLifecycle FOLLOWED = new VirtualLifecycle(false, 0, 0, 0);
}
