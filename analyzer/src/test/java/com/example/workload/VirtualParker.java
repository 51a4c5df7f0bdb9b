package com.example.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Application code whose virtual threads wait for a latch. */
public final class VirtualParker {

  private VirtualParker() {}

  /** Starts {@code count} virtual threads that wait in {@link #awaitRelease} until it opens. */
  public static List<Thread> park(int count, CountDownLatch release) {
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      threads.add(Thread.ofVirtual().start(() -> awaitRelease(release)));
    }
    return threads;
  }

  static void awaitRelease(CountDownLatch release) {
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
