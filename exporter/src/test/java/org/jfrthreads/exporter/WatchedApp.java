package org.jfrthreads.exporter;

import java.time.Duration;

/**
 * An application that starts watching, serves /metrics, waits until the first analysis is
 * published, and returns from {@code main} without closing anything: its JVM must still exit.
 */
public final class WatchedApp {

  private WatchedApp() {}

  public static void main(String[] args) throws Exception {
    JfrThreads threads = JfrThreads.builder().httpHost("127.0.0.1").httpPort(0).start();
    Thread.ofVirtual().start(() -> {}).join();
    if (threads.problems().isEmpty()) {
      boolean published =
          Poll.until(() -> threads.snapshot().publishedEpochNanos() > 0, Duration.ofSeconds(30));
      System.out.println("published: " + published + ", serving on port " + threads.httpPort());
    }
    System.out.println("main returns");
  }
}
