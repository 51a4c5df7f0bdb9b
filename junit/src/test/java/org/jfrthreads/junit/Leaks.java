package org.jfrthreads.junit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * Threads the fixtures leak on purpose: they wait until {@link #releaseAll()}, which the tests call
 * after each run, so that no fixture thread outlives its test class.
 */
final class Leaks {

  private static volatile CountDownLatch release = new CountDownLatch(1);
  private static final List<Thread> started = new CopyOnWriteArrayList<>();

  private Leaks() {}

  /**
   * The body of a leaked thread: waits until the next {@link #releaseAll()}. The latch is taken
   * here, on the test's thread, so that a thread still starting when the release comes is released
   * too.
   */
  static Runnable untilReleased() {
    CountDownLatch latch = release;
    return () -> awaitRelease(latch);
  }

  private static void awaitRelease(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Remembers a thread to join in {@link #releaseAll()}; returns it. */
  static Thread track(Thread thread) {
    started.add(thread);
    return thread;
  }

  /** Ends every leaked thread and waits for the tracked ones. */
  static void releaseAll() throws InterruptedException {
    CountDownLatch latch = release;
    release = new CountDownLatch(1);
    latch.countDown();
    for (Thread thread : started) {
      thread.join();
    }
    started.clear();
  }
}
