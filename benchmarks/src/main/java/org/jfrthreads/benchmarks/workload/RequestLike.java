package org.jfrthreads.benchmarks.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;

/**
 * A service's load: short virtual threads, one per request, each computing a little (about 20 µs),
 * updating a shared {@code synchronized} counter table, and one in fifty sleeping a millisecond (a
 * retry back-off); beside them a pool of two platform threads doing batch work. On 2 cores with
 * nothing watching this starts some 40,000 virtual threads a second.
 *
 * <p>Unlike {@link MixedRequests}, no request waits for a pooled resource, so the run time is
 * compute and thread handling: what watching adds shows in full.
 */
public final class RequestLike implements Workload {

  private static final int REQUESTS_PER_RUN = 400;
  private static final int COMPUTE_STEPS = 6_000;
  private static final int BATCH_STEPS = 400_000;

  private final Workers pool = new Workers("request-like-pool", 2);
  private final long[] counters = new long[64];
  private long runs;

  @Override
  public long runOnce() throws Exception {
    runs++;
    LongAdder sum = new LongAdder();
    Thread[] requests = new Thread[REQUESTS_PER_RUN];
    for (int i = 0; i < REQUESTS_PER_RUN; i++) {
      int request = i;
      requests[i] = Thread.ofVirtual().start(() -> sum.add(handle(request)));
    }
    List<Callable<Long>> batch = new ArrayList<>(2);
    batch.add(() -> compute(runs, BATCH_STEPS));
    batch.add(() -> compute(runs + 1, BATCH_STEPS));
    long batchResult = pool.runAll(batch);
    for (Thread thread : requests) {
      thread.join();
    }
    return sum.sum() + batchResult;
  }

  private long handle(int request) {
    long result = compute(request, COMPUTE_STEPS);
    synchronized (counters) {
      counters[request & 63] += result;
    }
    if (request % 50 == 0) {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return result;
  }

  private static long compute(long seed, int steps) {
    long result = seed;
    for (int k = 0; k < steps; k++) {
      result = result * 6364136223846793005L + 1442695040888963407L;
      result ^= result >>> 29;
    }
    return result;
  }

  @Override
  public long virtualThreadsStarted() {
    return runs * REQUESTS_PER_RUN;
  }

  @Override
  public void close() {
    pool.close();
  }
}
