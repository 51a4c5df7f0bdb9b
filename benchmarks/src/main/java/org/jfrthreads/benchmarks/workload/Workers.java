package org.jfrthreads.benchmarks.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** A fixed set of platform worker threads kept between runs, so runs measure work, not starts. */
final class Workers implements AutoCloseable {

  private final ExecutorService executor;
  private final int count;

  Workers(String name, int count) {
    this.count = count;
    this.executor =
        Executors.newFixedThreadPool(
            count, Thread.ofPlatform().daemon().name(name + "-", 0).factory());
  }

  int count() {
    return count;
  }

  /** Runs the tasks, one per worker at most at a time, and returns the sum of their results. */
  long runAll(List<Callable<Long>> tasks) throws InterruptedException, ExecutionException {
    List<Future<Long>> futures = new ArrayList<>(tasks.size());
    for (Callable<Long> task : tasks) {
      futures.add(executor.submit(task));
    }
    long sum = 0;
    for (Future<Long> future : futures) {
      sum += future.get();
    }
    return sum;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
