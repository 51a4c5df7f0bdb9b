package org.jfrthreads.analyzed;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jfrthreads.testing.Contention;

/**
 * Thread activity with known classes and durations, for the tests of {@code analyze}. The classes
 * live outside the library's packages, so the analyzer counts them as application code.
 */
final class KnownWork {

  static final long HOLD_MILLIS = 150;
  static final int SHORT_LIVED_THREADS = 4;

  /** The monitor two threads contend for. */
  static final class HeldMonitor {}

  /** A class whose initializer blocks: initializing it pins a virtual thread. */
  static final class SlowInit {
    static {
      // Sleeps here, not in a helper, so that the initializer is the innermost application frame.
      try {
        Thread.sleep(HOLD_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    static void touch() {}
  }

  private KnownWork() {}

  /**
   * One platform thread blocks at least {@link #HOLD_MILLIS} entering a held monitor: the owner
   * starts holding only once the contender is seen blocked on it.
   */
  static void contendedMonitor() throws InterruptedException {
    Contention.contendedMonitor(new HeldMonitor(), HOLD_MILLIS, Runnable::run);
  }

  /** A virtual thread pinned about {@link #HOLD_MILLIS} in a class initializer. */
  static void pinnedInClassInitializer() throws InterruptedException {
    Thread.ofVirtual().start(SlowInit::touch).join();
  }

  /**
   * {@link #SHORT_LIVED_THREADS} platform and as many virtual threads, each living about {@link
   * #HOLD_MILLIS}.
   */
  static void knownLifetimes() throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < SHORT_LIVED_THREADS; i++) {
      threads.add(Thread.ofPlatform().start(() -> sleepQuietly(HOLD_MILLIS)));
      threads.add(Thread.ofVirtual().start(() -> sleepQuietly(HOLD_MILLIS)));
    }
    for (Thread thread : threads) {
      thread.join();
    }
  }

  /** A platform thread that stays alive until {@code release} is counted down. */
  static Thread lingering(CountDownLatch release) {
    return Thread.ofPlatform()
        .name("lingering")
        .start(
            () -> {
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
  }

  static void sleepQuietly(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
