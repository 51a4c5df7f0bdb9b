package org.jfrthreads.exporter;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition that asynchronous work makes true: polls, never asserts on time. */
final class Poll {

  private Poll() {}

  /** Returns whether {@code condition} became true within {@code timeout}. */
  static boolean until(BooleanSupplier condition, Duration timeout) throws InterruptedException {
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
