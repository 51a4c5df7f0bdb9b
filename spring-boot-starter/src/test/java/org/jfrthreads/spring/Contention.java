package org.jfrthreads.spring;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

/** A contended monitor of a class of its own, so that its series is easy to find. */
final class Contention {

  private Contention() {}

  /** Two platform threads, one holding the monitor 50 ms while the other waits to enter it. */
  static void onceOnMonitor() throws InterruptedException {
    Contention lock = new Contention();
    CountDownLatch held = new CountDownLatch(1);
    Thread holder =
        Thread.ofPlatform()
            .start(
                () -> {
                  synchronized (lock) {
                    held.countDown();
                    sleep(50);
                  }
                });
    held.await();
    Thread waiter =
        Thread.ofPlatform()
            .start(
                () -> {
                  synchronized (lock) {
                    lock.hashCode();
                  }
                });
    holder.join();
    waiter.join();
  }

  /**
   * Returns whether {@code condition} became true within {@code timeout}; never asserts on time.
   */
  static boolean pollUntil(BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
