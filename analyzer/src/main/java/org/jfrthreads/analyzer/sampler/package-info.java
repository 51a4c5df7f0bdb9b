/**
 * Periodic samples of what platform threads are doing, taken through {@link
 * java.lang.management.ThreadMXBean} on a schedule of their own, never on the scrape path.
 *
 * <p>JFR events tell when threads start, end and block; they do not tell how many threads are
 * WAITING right now, on what, or in which method. {@link
 * org.jfrthreads.analyzer.sampler.ThreadStateSampler} asks the JVM for that every 15 s (by default)
 * and keeps the latest {@link org.jfrthreads.analyzer.sampler.ThreadStateSample}, an immutable
 * value that a scrape reads without calling into the JVM. Virtual threads are not in {@code
 * ThreadMXBean}; for them the sampler reports what {@code
 * jdk.management.VirtualThreadSchedulerMXBean} knows (JDK 24+): mounted and queued counts, and,
 * opt-in, counts by state and frame from a periodic JSON thread dump ({@code
 * HotSpotDiagnosticMXBean.dumpThreads}) under a cap on live virtual threads.
 *
 * <p>This package is the only part of the analyzer module that calls management beans; the rest is
 * pure logic over event records.
 */
package org.jfrthreads.analyzer.sampler;
