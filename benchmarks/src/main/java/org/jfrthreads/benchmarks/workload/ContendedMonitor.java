package org.jfrthreads.benchmarks.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Platform threads taking turns through one {@code synchronized} section that does a little work
 * inside: {@code jdk.JavaMonitorEnter} events, most of them far below a millisecond.
 */
public final class ContendedMonitor implements Workload {

  private static final int THREADS = 4;
  private static final int ENTRIES_PER_THREAD = 2_000;

  private final Workers workers = new Workers("contended-monitor", THREADS);
  private final Object monitor = new Object();
  private long shared;

  @Override
  public long runOnce() throws Exception {
    List<Callable<Long>> tasks = new ArrayList<>(THREADS);
    for (int t = 0; t < THREADS; t++) {
      tasks.add(this::enterRepeatedly);
    }
    return workers.runAll(tasks);
  }

  private long enterRepeatedly() {
    long local = 0;
    for (int i = 0; i < ENTRIES_PER_THREAD; i++) {
      synchronized (monitor) {
        // Enough work inside that others queue up behind the monitor.
        for (int k = 0; k < 50; k++) {
          shared = shared * 31 + k;
        }
        local += shared;
      }
    }
    return local;
  }

  @Override
  public void close() {
    workers.close();
  }
}
