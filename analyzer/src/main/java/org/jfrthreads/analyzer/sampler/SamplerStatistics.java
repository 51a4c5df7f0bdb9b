package org.jfrthreads.analyzer.sampler;

/**
 * The sampler's own cost and health.
 *
 * @param passes passes completed
 * @param lastPassNanos how long the last pass took
 * @param intervalNanos the interval until the next pass: the configured one, or longer when the
 *     cost guard stretched it
 * @param stretchedTotal passes after which the interval was stretched beyond the configured one
 * @param failures passes that failed (logged)
 */
public record SamplerStatistics(
    long passes, long lastPassNanos, long intervalNanos, long stretchedTotal, long failures) {

  public static final SamplerStatistics ZERO = new SamplerStatistics(0, 0, 0, 0, 0);
}
