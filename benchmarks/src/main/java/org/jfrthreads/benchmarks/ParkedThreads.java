package org.jfrthreads.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A number of live platform threads, all parked on one latch until {@link #close()}: the thread
 * population that thread metrics and dumps have to walk.
 *
 * <p>Create and close from one thread (a JMH {@code @Setup} and {@code @TearDown}).
 */
final class ParkedThreads implements AutoCloseable {

  private final CountDownLatch release = new CountDownLatch(1);
  private final List<Thread> threads;

  private ParkedThreads(List<Thread> threads) {
    this.threads = threads;
  }

  /** Starts {@code count} daemon platform threads and returns once every one of them is waiting. */
  static ParkedThreads start(int count) throws InterruptedException {
    if (count < 0) {
      throw new IllegalArgumentException(count + ": illegal thread count. Expecting 0 or more.");
    }
    CountDownLatch ready = new CountDownLatch(count);
    ParkedThreads parked = new ParkedThreads(new ArrayList<>(count));
    for (int i = 0; i < count; i++) {
      Thread thread =
          Thread.ofPlatform()
              .daemon()
              .name("parked-", i)
              .stackSize(256 * 1024)
              .start(
                  () -> {
                    ready.countDown();
                    parked.awaitRelease();
                  });
      parked.threads.add(thread);
    }
    if (!ready.await(2, TimeUnit.MINUTES)) {
      parked.close();
      throw new IllegalStateException(
          ready.getCount() + " of " + count + " threads did not start within 2 minutes.");
    }
    // Counting down comes just before parking: wait until the last ones are really waiting.
    for (Thread thread : parked.threads) {
      while (thread.getState() != Thread.State.WAITING) {
        Thread.onSpinWait();
      }
    }
    return parked;
  }

  private void awaitRelease() {
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  int size() {
    return threads.size();
  }

  /** Releases every thread and waits for all of them to end, even if interrupted meanwhile. */
  @Override
  public void close() {
    release.countDown();
    boolean interrupted = false;
    for (Thread thread : threads) {
      while (thread.isAlive()) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
