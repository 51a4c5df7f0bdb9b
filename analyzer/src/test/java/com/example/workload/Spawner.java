package com.example.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Application code that starts platform threads which wait for a latch. */
public final class Spawner {

  private Spawner() {}

  /** Starts {@code count} daemon threads that wait until {@code release} opens. */
  public static List<Thread> spawn(int count, CountDownLatch release) {
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "spawned-" + i);
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }
    return threads;
  }
}
