package org.jfrthreads.analyzer.sampler;

/**
 * Keeps the sampler's cost within a share of its time: after a pass that cost more than {@code
 * budget} of the configured interval, the next interval is stretched so that the same pass would
 * cost exactly that share ({@code passNanos / budget}), up to a maximum; once passes are cheap
 * again it returns to the configured interval.
 *
 * <p>With the defaults (15 s, 1 %), a pass may take 150 ms; one of 300 ms (say 40,000 threads with
 * stacks) sets the interval to 30 s.
 *
 * <p>Not thread-safe: used by the sampler thread only.
 */
final class CostGuard {

  private final long baseIntervalNanos;
  private final long maxIntervalNanos;
  private final double budget;
  private long intervalNanos;
  private long lastPassNanos;
  private long stretched;

  /**
   * @param baseIntervalNanos the configured interval
   * @param maxIntervalNanos the longest the interval may be stretched to
   * @param budget the share of the interval a pass may cost, in (0, 1]
   */
  CostGuard(long baseIntervalNanos, long maxIntervalNanos, double budget) {
    this.baseIntervalNanos = baseIntervalNanos;
    this.maxIntervalNanos = Math.max(baseIntervalNanos, maxIntervalNanos);
    this.budget = budget;
    this.intervalNanos = baseIntervalNanos;
  }

  /** Records the cost of a pass; returns the interval until the next. */
  long passed(long passNanos) {
    lastPassNanos = passNanos;
    double affordable = passNanos / budget;
    if (affordable > baseIntervalNanos) {
      intervalNanos = (long) Math.min(maxIntervalNanos, Math.ceil(affordable));
      stretched++;
    } else {
      intervalNanos = baseIntervalNanos;
    }
    return intervalNanos;
  }

  long intervalNanos() {
    return intervalNanos;
  }

  long lastPassNanos() {
    return lastPassNanos;
  }

  /** Passes after which the interval was stretched beyond the configured one. */
  long stretched() {
    return stretched;
  }
}
