package org.jfrthreads.benchmarks.workload;

import java.util.concurrent.atomic.LongAdder;

/**
 * Many short virtual threads, each doing a few microseconds of work: the thread-per-task pattern at
 * its most extreme, {@code jdk.VirtualThreadStart} and {@code jdk.VirtualThreadEnd} events.
 */
public final class VirtualThreadChurn implements Workload {

  private static final int THREADS_PER_RUN = 1_000;

  private long runs;

  @Override
  public long runOnce() throws InterruptedException {
    runs++;
    LongAdder sum = new LongAdder();
    Thread[] threads = new Thread[THREADS_PER_RUN];
    for (int i = 0; i < THREADS_PER_RUN; i++) {
      long seed = i;
      threads[i] =
          Thread.ofVirtual().start(() -> sum.add(Long.hashCode(seed * 0x9E3779B97F4A7C15L)));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return sum.sum();
  }

  @Override
  public long virtualThreadsStarted() {
    return runs * THREADS_PER_RUN;
  }

  @Override
  public void close() {}
}
