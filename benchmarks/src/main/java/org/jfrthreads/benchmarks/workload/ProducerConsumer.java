package org.jfrthreads.benchmarks.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;

/**
 * Producers and consumers through a small bounded {@link ArrayBlockingQueue} (one {@code
 * ReentrantLock} and two conditions): both sides park often and briefly, {@code jdk.ThreadPark}
 * events.
 */
public final class ProducerConsumer implements Workload {

  private static final int PRODUCERS = 2;
  private static final int CONSUMERS = 2;
  private static final int ITEMS_PER_PRODUCER = 10_000;
  private static final int CAPACITY = 16;

  private final Workers workers = new Workers("producer-consumer", PRODUCERS + CONSUMERS);

  @Override
  public long runOnce() throws Exception {
    BlockingQueue<Long> queue = new ArrayBlockingQueue<>(CAPACITY);
    List<Callable<Long>> tasks = new ArrayList<>(PRODUCERS + CONSUMERS);
    for (int p = 0; p < PRODUCERS; p++) {
      tasks.add(
          () -> {
            for (long i = 0; i < ITEMS_PER_PRODUCER; i++) {
              queue.put(i);
            }
            return 0L;
          });
    }
    int perConsumer = PRODUCERS * ITEMS_PER_PRODUCER / CONSUMERS;
    for (int c = 0; c < CONSUMERS; c++) {
      tasks.add(
          () -> {
            long sum = 0;
            for (int i = 0; i < perConsumer; i++) {
              sum += queue.take();
            }
            return sum;
          });
    }
    return workers.runAll(tasks);
  }

  @Override
  public void close() {
    workers.close();
  }
}
