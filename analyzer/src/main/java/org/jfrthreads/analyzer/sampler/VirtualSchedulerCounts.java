package org.jfrthreads.analyzer.sampler;

/**
 * What the virtual-thread scheduler reports ({@code jdk.management.VirtualThreadSchedulerMXBean},
 * JDK 24+). Both counts are estimates the scheduler makes without stopping.
 *
 * @param available whether the JVM offers the bean; when not, both counts are 0
 * @param mounted virtual threads mounted on a carrier (running)
 * @param queued virtual threads ready to run, waiting for a carrier
 */
public record VirtualSchedulerCounts(boolean available, long mounted, long queued) {

  /** The JVM has no virtual-thread scheduler bean (JDK 21 to 23), or reading it failed. */
  public static final VirtualSchedulerCounts UNAVAILABLE = new VirtualSchedulerCounts(false, 0, 0);

  /**
   * The virtual threads neither mounted nor queued: parked, blocked or sleeping.
   *
   * @param live live virtual threads, from the event stream (started minus ended)
   * @return {@code live - mounted - queued}, never below 0; 0 when unavailable
   */
  public long parked(long live) {
    return available ? Math.max(0, live - mounted - queued) : 0;
  }
}
