package org.jfrthreads.benchmarks.workload;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Request-like work, one virtual thread per request: look up a shared {@code synchronized} cache,
 * take one of a few pooled connections ({@link Semaphore}), wait for a simulated 50 µs query
 * ({@code LockSupport.parkNanos}), compute a little; one request in twenty sleeps a millisecond (a
 * retry back-off). Every kind of event at once, in proportions closer to a service than the other
 * workloads.
 */
public final class MixedRequests implements Workload {

  private static final int REQUESTS_PER_RUN = 200;
  private static final int CONNECTIONS = 4;
  private static final long QUERY_NANOS = 50_000;

  private final Semaphore connections = new Semaphore(CONNECTIONS);
  private final Map<Integer, Long> cache = new HashMap<>();

  private long runs;

  @Override
  public long runOnce() throws InterruptedException {
    runs++;
    LongAdder sum = new LongAdder();
    Thread[] requests = new Thread[REQUESTS_PER_RUN];
    for (int i = 0; i < REQUESTS_PER_RUN; i++) {
      int request = i;
      requests[i] = Thread.ofVirtual().start(() -> sum.add(handle(request)));
    }
    for (Thread thread : requests) {
      thread.join();
    }
    return sum.sum();
  }

  private long handle(int request) {
    long cached;
    synchronized (cache) {
      cached = cache.merge(request % 64, 1L, Long::sum);
    }
    try {
      connections.acquire();
      try {
        LockSupport.parkNanos(QUERY_NANOS);
      } finally {
        connections.release();
      }
      if (request % 20 == 0) {
        Thread.sleep(1);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long result = cached;
    for (int k = 0; k < 200; k++) {
      result = result * 31 + k;
    }
    return result;
  }

  @Override
  public long virtualThreadsStarted() {
    return runs * REQUESTS_PER_RUN;
  }

  @Override
  public void close() {}
}
