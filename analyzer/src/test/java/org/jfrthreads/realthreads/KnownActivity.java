package org.jfrthreads.realthreads;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Thread activity with known durations and known classes, for tests that check what JFR and the
 * analyzer make of it. Each method blocks a fresh thread for at least {@link #HOLD_MILLIS} and
 * returns once it is done, with the time the blocked thread measured around its blocking: what JFR
 * records fits in that span however slow the machine is. The classes live outside the library's
 * packages, so they count as application code.
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

  /** The spans measured around each blocking, and around each thread of known lifetime. */
  record Spans(
      long monitorEnterNanos,
      long parkNanos,
      long objectWaitNanos,
      long sleepNanos,
      long pinnedNanos,
      long platformLifetimeNanos,
      long virtualLifetimeNanos) {}

  private KnownActivity() {}

  /**
   * One platform thread blocks entering a held monitor: the owner holds it {@link #HOLD_MILLIS}
   * more once the contender is seen blocked on it.
   */
  static long contendedMonitor() throws InterruptedException {
    HeldMonitor monitor = new HeldMonitor();
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch contenderStarted = new CountDownLatch(1);
    AtomicLong span = new AtomicLong();
    Thread[] contender = new Thread[1];
    Thread owner =
        Thread.ofPlatform()
            .start(
                () -> {
                  synchronized (monitor) {
                    held.countDown();
                    awaitQuietly(contenderStarted);
                    while (contender[0].getState() != Thread.State.BLOCKED) {
                      Thread.onSpinWait();
                    }
                    sleepQuietly(HOLD_MILLIS);
                  }
                });
    held.await();
    contender[0] =
        Thread.ofPlatform()
            .unstarted(
                () -> {
                  long start = System.nanoTime();
                  synchronized (monitor) {
                    span.set(System.nanoTime() - start);
                  }
                });
    contender[0].start();
    contenderStarted.countDown();
    owner.join();
    contender[0].join();
    return span.get();
  }

  /**
   * One platform thread parks on a held {@link ReentrantLock}: the owner holds it {@link
   * #HOLD_MILLIS} more once the contender is seen parked.
   */
  static long contendedLock() throws InterruptedException {
    ReentrantLock lock = new ReentrantLock();
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch contenderStarted = new CountDownLatch(1);
    AtomicLong span = new AtomicLong();
    Thread[] contender = new Thread[1];
    Thread owner =
        Thread.ofPlatform()
            .start(
                () -> {
                  lock.lock();
                  try {
                    held.countDown();
                    awaitQuietly(contenderStarted);
                    while (!lock.hasQueuedThread(contender[0])
                        || contender[0].getState() != Thread.State.WAITING) {
                      Thread.onSpinWait();
                    }
                    sleepQuietly(HOLD_MILLIS);
                  } finally {
                    lock.unlock();
                  }
                });
    held.await();
    contender[0] =
        Thread.ofPlatform()
            .unstarted(
                () -> {
                  long start = System.nanoTime();
                  lock.lock();
                  span.set(System.nanoTime() - start);
                  lock.unlock();
                });
    contender[0].start();
    contenderStarted.countDown();
    owner.join();
    contender[0].join();
    return span.get();
  }

  /** One platform thread waits {@link #HOLD_MILLIS} in {@code Object.wait}. */
  static long timedWait() throws InterruptedException {
    WaitTarget target = new WaitTarget();
    return measuredIn(
        Thread.ofPlatform(),
        () -> {
          synchronized (target) {
            long start = System.nanoTime();
            target.wait(HOLD_MILLIS);
            return System.nanoTime() - start;
          }
        });
  }

  /** One platform thread sleeps {@link #HOLD_MILLIS} in {@link Sleeper}. */
  static long sleep() throws InterruptedException {
    return measuredIn(
        Thread.ofPlatform(),
        () -> {
          long start = System.nanoTime();
          Sleeper.nap();
          return System.nanoTime() - start;
        });
  }

  /** A virtual thread pinned about {@link #HOLD_MILLIS} in a class initializer. */
  static long pinnedInClassInitializer() throws InterruptedException {
    return measuredIn(
        Thread.ofVirtual(),
        () -> {
          long start = System.nanoTime();
          SlowInit.touch();
          return System.nanoTime() - start;
        });
  }

  /** A thread living about {@link #HOLD_MILLIS}; the span is from its start to its join. */
  static long knownLifetime(Thread.Builder builder) throws InterruptedException {
    long start = System.nanoTime();
    builder.start(() -> sleepQuietly(HOLD_MILLIS)).join();
    return System.nanoTime() - start;
  }

  static Spans all() throws InterruptedException {
    return new Spans(
        contendedMonitor(),
        contendedLock(),
        timedWait(),
        sleep(),
        pinnedInClassInitializer(),
        knownLifetime(Thread.ofPlatform()),
        knownLifetime(Thread.ofVirtual()));
  }

  private interface Measured {
    long nanos() throws InterruptedException;
  }

  private static long measuredIn(Thread.Builder builder, Measured blocking)
      throws InterruptedException {
    AtomicLong span = new AtomicLong();
    builder
        .start(
            () -> {
              try {
                span.set(blocking.nanos());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            })
        .join();
    return span.get();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
