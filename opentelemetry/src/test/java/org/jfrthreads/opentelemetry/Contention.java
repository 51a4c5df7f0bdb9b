package org.jfrthreads.opentelemetry;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** A contended monitor of a class of its own, so that its series is easy to find. */
final class Contention {

  private Contention() {}

  /**
   * Two platform threads: one holds the monitor until the other is blocked entering it, and 50 ms
   * longer, so the wait lasts at least 50 ms however slow the machine.
   */
  static void onceOnMonitor() throws InterruptedException {
    org.jfrthreads.testing.Contention.contendedMonitor(new Contention(), 50, Runnable::run);
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
}
