package org.jfrthreads.realthreads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Thread activity with known durations and known classes, for tests that check what JFR and the
 * analyzer make of it. Each method blocks a fresh thread for a known time and returns once it is
 * done. The classes live outside the library's packages, so they count as application code.
 */
final class KnownActivity {

  static final long HOLD_MILLIS = 150;

  /** The monitor of the monitor-enter case. */
  static final class HeldMonitor {}

  /** The monitor of the {@code Object.wait} case. */
  static final class WaitTarget {}

  /** The class whose code sleeps. */
  static final class Sleeper {
    static void nap() throws InterruptedException {
      Thread.sleep(HOLD_MILLIS);
    }
  }

  /** A class whose initializer blocks: initializing it pins a virtual thread. */
  static final class SlowInit {
    static {
      try {
        Thread.sleep(HOLD_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    static void touch() {}
  }

  private KnownActivity() {}

  /** One platform thread blocks about {@link #HOLD_MILLIS} entering a held monitor. */
  static void contendedMonitor() throws InterruptedException {
    HeldMonitor monitor = new HeldMonitor();
    CountDownLatch held = new CountDownLatch(1);
    Thread owner =
        Thread.ofPlatform()
            .start(
                () -> {
                  synchronized (monitor) {
                    held.countDown();
                    sleepQuietly(HOLD_MILLIS);
                  }
                });
    held.await();
    Thread contender =
        Thread.ofPlatform()
            .start(
                () -> {
                  synchronized (monitor) {
                    monitor.hashCode();
                  }
                });
    owner.join();
    contender.join();
  }

  /** One platform thread parks about {@link #HOLD_MILLIS} on a held {@link ReentrantLock}. */
  static void contendedLock() throws InterruptedException {
    ReentrantLock lock = new ReentrantLock();
    CountDownLatch held = new CountDownLatch(1);
    Thread owner =
        Thread.ofPlatform()
            .start(
                () -> {
                  lock.lock();
                  try {
                    held.countDown();
                    sleepQuietly(HOLD_MILLIS);
                  } finally {
                    lock.unlock();
                  }
                });
    held.await();
    Thread contender =
        Thread.ofPlatform()
            .start(
                () -> {
                  lock.lock();
                  lock.unlock();
                });
    owner.join();
    contender.join();
  }

  /** One platform thread waits {@link #HOLD_MILLIS} in {@code Object.wait}. */
  static void timedWait() throws InterruptedException {
    WaitTarget target = new WaitTarget();
    Thread.ofPlatform()
        .start(
            () -> {
              synchronized (target) {
                try {
                  target.wait(HOLD_MILLIS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            })
        .join();
  }

  /** One platform thread sleeps {@link #HOLD_MILLIS} in {@link Sleeper}. */
  static void sleep() throws InterruptedException {
    Thread.ofPlatform()
        .start(
            () -> {
              try {
                Sleeper.nap();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            })
        .join();
  }

  /** A virtual thread pinned about {@link #HOLD_MILLIS} in a class initializer. */
  static void pinnedInClassInitializer() throws InterruptedException {
    Thread.ofVirtual().start(SlowInit::touch).join();
  }

  /** One platform and one virtual thread, each living about {@link #HOLD_MILLIS}. */
  static void knownLifetimes() throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    threads.add(Thread.ofPlatform().start(() -> sleepQuietly(HOLD_MILLIS)));
    threads.add(Thread.ofVirtual().start(() -> sleepQuietly(HOLD_MILLIS)));
    for (Thread thread : threads) {
      thread.join();
    }
  }

  static void all() throws InterruptedException {
    contendedMonitor();
    contendedLock();
    timedWait();
    sleep();
    pinnedInClassInitializer();
    knownLifetimes();
  }

  private static void sleepQuietly(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
