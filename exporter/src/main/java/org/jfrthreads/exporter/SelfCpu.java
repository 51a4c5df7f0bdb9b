package org.jfrthreads.exporter;

import java.lang.management.ThreadMXBean;
import java.util.function.LongSupplier;

/**
 * The CPU time the library's own threads have used, by part, through {@link
 * ThreadMXBean#getThreadCpuTime}: the event stream's dispatch thread, the state sampler and its
 * virtual-thread dumps (which run on the sampler thread and are measured around each dump).
 *
 * <p>A thread that has not started or has ended reads as the last value seen, so the totals never
 * go back. Not thread-safe: one reader, the governor's thread.
 */
final class SelfCpu {

  /** CPU seconds by part, cumulative since watching began. */
  record Totals(long dispatchNanos, long samplerNanos, long dumpNanos) {
    static final Totals ZERO = new Totals(0, 0, 0);

    long totalNanos() {
      return dispatchNanos + samplerNanos + dumpNanos;
    }
  }

  private final ThreadMXBean threads;
  private final LongSupplier dispatchThreadId;
  private final LongSupplier samplerThreadId;
  private final LongSupplier dumpCpuNanos;
  private long dispatchNanos;
  private long samplerThreadNanos;

  /**
   * @param dispatchThreadId the source's dispatch thread, -1 if none
   * @param samplerThreadId the sampler's thread, -1 if none
   * @param dumpCpuNanos CPU the sampler thread spent in dumps so far
   */
  SelfCpu(
      ThreadMXBean threads,
      LongSupplier dispatchThreadId,
      LongSupplier samplerThreadId,
      LongSupplier dumpCpuNanos) {
    this.threads = threads;
    this.dispatchThreadId = dispatchThreadId;
    this.samplerThreadId = samplerThreadId;
    this.dumpCpuNanos = dumpCpuNanos;
  }

  /** Whether this JVM measures the CPU time of other threads. */
  boolean supported() {
    return threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();
  }

  Totals read() {
    dispatchNanos = Math.max(dispatchNanos, cpuNanos(dispatchThreadId.getAsLong()));
    samplerThreadNanos = Math.max(samplerThreadNanos, cpuNanos(samplerThreadId.getAsLong()));
    long dumps = Math.min(dumpCpuNanos.getAsLong(), samplerThreadNanos);
    return new Totals(dispatchNanos, samplerThreadNanos - dumps, dumps);
  }

  private long cpuNanos(long threadId) {
    return threadId < 0 ? -1 : threads.getThreadCpuTime(threadId);
  }
}
