package org.jfrthreads.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import org.jfrthreads.stream.ThreadEventSettings;

/**
 * Records a {@code .jfr} file of a small, varied thread workload with every thread event the
 * library asks for and all thresholds at zero: the input of {@link RecordingReplayBenchmark}.
 *
 * <p>Platform and virtual threads start and end, a monitor is contended, threads wait on a monitor,
 * park on a lock and sleep. Deterministic in shape; the exact number of blocking events depends on
 * scheduling, so it is counted from the file afterwards.
 */
final class SampleRecording {

  /** Every thread event at threshold zero, stack traces where the library asks for them. */
  static final ThreadEventSettings ALL_EVENTS =
      ThreadEventSettings.builder()
          .blockingThreshold(Duration.ZERO)
          .pinnedThreshold(Duration.ZERO)
          .build();

  private static final int PLATFORM_THREADS = 1_000;
  private static final int VIRTUAL_THREADS = 20_000;
  private static final int MONITOR_THREADS = 4;
  private static final int MONITOR_ROUNDS = 20_000;
  private static final int PING_PONGS = 2_000;

  private SampleRecording() {}

  /** Runs the workload under a recording and writes it to {@code file}. */
  static void record(Path file) throws IOException, InterruptedException {
    try (Recording recording = new Recording()) {
      recording.setSettings(ALL_EVENTS.toJfrSettings());
      recording.start();
      platformThreads();
      virtualThreads();
      contendedMonitor();
      pingPong();
      recording.stop();
      recording.dump(file);
    }
  }

  /** How many events {@code file} holds. */
  static long countEvents(Path file) throws IOException {
    long events = 0;
    try (RecordingFile recording = new RecordingFile(file)) {
      while (recording.hasMoreEvents()) {
        recording.readEvent();
        events++;
      }
    }
    return events;
  }

  private static void platformThreads() throws InterruptedException {
    List<Thread> threads = new ArrayList<>(PLATFORM_THREADS);
    for (int i = 0; i < PLATFORM_THREADS; i++) {
      threads.add(Thread.ofPlatform().start(Thread::yield));
    }
    for (Thread thread : threads) {
      thread.join();
    }
  }

  /** Short virtual threads taking a shared lock; one in ten sleeps a millisecond. */
  private static void virtualThreads() {
    ReentrantLock lock = new ReentrantLock();
    long[] counter = {0};
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < VIRTUAL_THREADS; i++) {
        boolean sleeps = i % 10 == 0;
        executor.submit(
            () -> {
              lock.lock();
              try {
                counter[0]++;
              } finally {
                lock.unlock();
              }
              if (sleeps) {
                Thread.sleep(1);
              }
              return null;
            });
      }
    }
  }

  private static void contendedMonitor() throws InterruptedException {
    Object monitor = new Object();
    long[] counter = {0};
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < MONITOR_THREADS; t++) {
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; i < MONITOR_ROUNDS; i++) {
                      synchronized (monitor) {
                        counter[0] += Long.numberOfTrailingZeros(counter[0] + i);
                      }
                    }
                  }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
  }

  /** Two threads taking turns through {@code Object.wait}/{@code notify}. */
  private static void pingPong() throws InterruptedException {
    Object monitor = new Object();
    int[] turn = {0};
    List<Thread> players = new ArrayList<>();
    for (int player = 0; player < 2; player++) {
      int me = player;
      players.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    synchronized (monitor) {
                      for (int i = 0; i < PING_PONGS; i++) {
                        while (turn[0] != me) {
                          try {
                            monitor.wait();
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                          }
                        }
                        turn[0] = 1 - me;
                        monitor.notifyAll();
                      }
                    }
                  }));
    }
    for (Thread player : players) {
      player.join();
    }
  }
}
