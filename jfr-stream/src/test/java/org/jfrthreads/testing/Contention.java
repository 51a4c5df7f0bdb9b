package org.jfrthreads.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Real contention of known length, for the tests that need JFR to record a blocked or parked
 * thread. In each, an owner thread takes the monitor or lock first and holds it {@code holdMillis}
 * more only once the contender is seen blocked or parked on it, however slow the machine is to
 * start the contender; so the contender waits at least {@code holdMillis}.
 *
 * <p>{@code around} runs on the contender and must call the {@link Runnable} it is given, the
 * blocking part, once: a traced scope or a stopwatch can surround it. {@link Runnable#run} passed
 * as {@code around} runs it bare.
 */
public final class Contention {

  private Contention() {}

  /** A new platform thread enters {@code monitor}, held by another, inside {@code around}. */
  public static void contendedMonitor(Object monitor, long holdMillis, Consumer<Runnable> around)
      throws InterruptedException {
    Thread.ofPlatform().start(() -> blockOnMonitor(monitor, holdMillis, around)).join();
  }

  /** A new platform thread parks on a held {@link ReentrantLock} inside {@code around}. */
  public static void contendedLock(long holdMillis, Consumer<Runnable> around)
      throws InterruptedException {
    Thread.ofPlatform().start(() -> parkOnLock(holdMillis, around)).join();
  }

  /** The calling thread enters {@code monitor}, held by another, inside {@code around}. */
  public static void blockOnMonitor(Object monitor, long holdMillis, Consumer<Runnable> around) {
    Thread contender = Thread.currentThread();
    CountDownLatch held = new CountDownLatch(1);
    Thread owner =
        Thread.ofPlatform()
            .start(
                () -> {
                  synchronized (monitor) {
                    held.countDown();
                    while (contender.getState() != Thread.State.BLOCKED) {
                      Thread.onSpinWait();
                    }
                    sleep(holdMillis);
                  }
                });
    await(held);
    around.accept(
        () -> {
          synchronized (monitor) {
            monitor.hashCode();
          }
        });
    join(owner);
  }

  /** The calling thread parks on a {@link ReentrantLock} held by another, inside {@code around}. */
  public static void parkOnLock(long holdMillis, Consumer<Runnable> around) {
    Thread contender = Thread.currentThread();
    ReentrantLock lock = new ReentrantLock();
    CountDownLatch held = new CountDownLatch(1);
    Thread owner =
        Thread.ofPlatform()
            .start(
                () -> {
                  lock.lock();
                  try {
                    held.countDown();
                    while (!lock.hasQueuedThread(contender)
                        || contender.getState() != Thread.State.WAITING) {
                      Thread.onSpinWait();
                    }
                    sleep(holdMillis);
                  } finally {
                    lock.unlock();
                  }
                });
    await(held);
    around.accept(
        () -> {
          lock.lock();
          lock.unlock();
        });
    join(owner);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the owner took the monitor or lock", e);
    }
  }

  private static void join(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the owner held on", e);
    }
  }
}
