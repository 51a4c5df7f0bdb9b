package org.jfrthreads.realthreads;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jfrthreads.testing.Contention;

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
    AtomicLong span = new AtomicLong();
    Contention.contendedMonitor(new HeldMonitor(), HOLD_MILLIS, blocking -> timed(blocking, span));
    return span.get();
  }

  /**
   * One platform thread parks on a held {@link ReentrantLock}: the owner holds it {@link
   * #HOLD_MILLIS} more once the contender is seen parked.
   */
  static long contendedLock() throws InterruptedException {
    AtomicLong span = new AtomicLong();
    Contention.contendedLock(HOLD_MILLIS, blocking -> timed(blocking, span));
    return span.get();
  }

  private static void timed(Runnable blocking, AtomicLong span) {
    long start = System.nanoTime();
    blocking.run();
    span.set(System.nanoTime() - start);
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

  private static void sleepQuietly(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
