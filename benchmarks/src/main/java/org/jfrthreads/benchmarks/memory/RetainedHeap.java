package org.jfrthreads.benchmarks.memory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import javax.management.ObjectName;
import org.jfrthreads.analyzer.AnalyzerConfig;
import org.jfrthreads.analyzer.AnalyzerStatistics;
import org.jfrthreads.analyzer.ThreadActivitySnapshot;
import org.jfrthreads.analyzer.ThreadCounts;
import org.jfrthreads.analyzer.ThreadEventAnalyzer;
import org.jfrthreads.analyzer.ThreadKind;
import org.jfrthreads.stream.ThreadEventSettings;
import org.jfrthreads.stream.ThreadEventSource;
import org.jfrthreads.stream.ThreadEventSources;

/**
 * Heap retained by the pipeline (jfr-stream's live source and the analyzer, default settings):
 * idle, after a million virtual threads have started and ended, and while ten thousand threads are
 * alive. Prints a Markdown section.
 *
 * <p>Heap is read from {@link MemoryMXBean} after {@code System.gc()}, which is what "retained"
 * means; JMH's {@code -prof gc} only counts allocation. Live threads hold heap of their own (a
 * parked virtual thread's stack lives there), so the same threads are first measured without the
 * pipeline and that is subtracted. JFR's buffers are native memory and are not counted.
 *
 * <pre>
 * java -Xmx2g -cp benchmarks/target/benchmarks.jar org.jfrthreads.benchmarks.memory.RetainedHeap
 * java -cp benchmarks/target/benchmarks.jar org.jfrthreads.benchmarks.memory.RetainedHeap --smoke
 * </pre>
 */
public final class RetainedHeap {

  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private final int churnThreads;
  private final int liveThreads;
  private final List<String> rows = new ArrayList<>();

  private RetainedHeap(int churnThreads, int liveThreads) {
    this.churnThreads = churnThreads;
    this.liveThreads = liveThreads;
  }

  public static void main(String[] args) throws Exception {
    boolean smoke = args.length > 0 && args[0].equals("--smoke");
    new RetainedHeap(smoke ? 100_000 : 1_000_000, smoke ? 1_000 : 10_000).run(smoke);
  }

  private void run(boolean smoke) throws Exception {
    long base = usedHeap();
    long ownVirtual = withLiveThreads(true, RetainedHeap::usedHeap) - base;
    long ownPlatform = withLiveThreads(false, RetainedHeap::usedHeap) - base;
    churn();
    long churnAlone = usedHeap() - base;
    base = usedHeap();

    ThreadEventAnalyzer analyzer = new ThreadEventAnalyzer(AnalyzerConfig.defaults());
    try (ThreadEventSource source = ThreadEventSources.thisJvm(ThreadEventSettings.defaults())) {
      source.start(analyzer);
      awaitPublication(analyzer, snapshot -> true);
      row("pipeline started, idle", usedHeap() - base, analyzer);

      long endedBefore = virtual(analyzer.snapshot()).ended();
      churn();
      awaitPublication(
          analyzer, snapshot -> virtual(snapshot).ended() >= endedBefore + churnThreads);
      row(
          String.format(Locale.ROOT, "after %,d virtual threads started and ended", churnThreads),
          usedHeap() - base,
          analyzer);

      long withVirtual =
          withLiveThreads(true, () -> awaitTracked(analyzer, liveThreads)) - ownVirtual;
      row(
          String.format(
              Locale.ROOT, "%,d live virtual threads (their own heap subtracted)", liveThreads),
          withVirtual - base,
          analyzer);
      long withPlatform =
          withLiveThreads(false, () -> awaitTracked(analyzer, liveThreads)) - ownPlatform;
      row(
          String.format(
              Locale.ROOT, "%,d live platform threads (their own heap subtracted)", liveThreads),
          withPlatform - base,
          analyzer);

      awaitPublication(analyzer, snapshot -> snapshot.statistics().trackedThreads() == 0);
      row("all those threads ended again", usedHeap() - base, analyzer);
      print(smoke, ownVirtual, ownPlatform, churnAlone, largestClasses(12));
    }
  }

  private static ThreadCounts virtual(ThreadActivitySnapshot snapshot) {
    ThreadCounts counts = snapshot.counts().get(ThreadKind.VIRTUAL);
    return counts == null ? new ThreadCounts(0, 0, 0) : counts;
  }

  private void churn() throws InterruptedException {
    int batch = 10_000;
    Thread[] threads = new Thread[batch];
    for (int done = 0; done < churnThreads; done += batch) {
      for (int i = 0; i < batch; i++) {
        threads[i] = Thread.ofVirtual().start(Thread::onSpinWait);
      }
      for (Thread thread : threads) {
        thread.join();
      }
    }
  }

  /** Starts {@link #liveThreads} parked threads, measures with them alive, then ends them. */
  private long withLiveThreads(boolean virtual, LongSupplier measure) throws InterruptedException {
    CountDownLatch ready = new CountDownLatch(liveThreads);
    CountDownLatch release = new CountDownLatch(1);
    Thread.Builder builder =
        virtual ? Thread.ofVirtual() : Thread.ofPlatform().stackSize(256 * 1024);
    List<Thread> threads = new ArrayList<>(liveThreads);
    for (int i = 0; i < liveThreads; i++) {
      threads.add(
          builder.start(
              () -> {
                ready.countDown();
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }));
    }
    ready.await();
    long measured = measure.getAsLong();
    release.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    return measured;
  }

  /** Waits until the pipeline follows at least {@code count} threads, then measures. */
  private static long awaitTracked(ThreadEventAnalyzer analyzer, int count) {
    try {
      awaitPublication(analyzer, snapshot -> snapshot.statistics().trackedThreads() >= count);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return usedHeap();
  }

  /**
   * Waits for a publication that satisfies {@code caughtUp} and then for one more (the analyzer has
   * flushed its state after it), at most two minutes; says so on stderr if it gave up.
   */
  private static void awaitPublication(
      ThreadEventAnalyzer analyzer, Predicate<ThreadActivitySnapshot> caughtUp)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    long satisfiedAt = -1;
    while (System.nanoTime() < deadline) {
      ThreadActivitySnapshot snapshot = analyzer.snapshot();
      if (snapshot.publishedEpochNanos() > 0 && caughtUp.test(snapshot)) {
        if (satisfiedAt < 0) {
          satisfiedAt = snapshot.publishedEpochNanos();
        } else if (snapshot.publishedEpochNanos() > satisfiedAt) {
          return;
        }
      }
      Thread.sleep(50);
    }
    System.err.println(
        "RetainedHeap: the pipeline did not catch up within 2 minutes: "
            + analyzer.snapshot().statistics());
  }

  /** The classes with the most live heap, from the JVM's class histogram (after a full GC). */
  private static List<String> largestClasses(int count) throws Exception {
    String histogram =
        (String)
            ManagementFactory.getPlatformMBeanServer()
                .invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram",
                    new Object[] {new String[0]},
                    new String[] {String[].class.getName()});
    return histogram.lines().skip(2).limit(count).toList();
  }

  /** Used heap after full collections, once it stops shrinking. */
  private static long usedHeap() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      long now = MEMORY.getHeapMemoryUsage().getUsed();
      if (now >= used) {
        return now;
      }
      used = now;
    }
    return used;
  }

  private void row(String phase, long retainedBytes, ThreadEventAnalyzer analyzer) {
    AnalyzerStatistics statistics = analyzer.snapshot().statistics();
    ThreadCounts virtual = virtual(analyzer.snapshot());
    rows.add(
        String.format(
            Locale.ROOT,
            "| %s | %,.1f | %,d | %,d | %,d | %,d |",
            phase,
            retainedBytes / 1024.0,
            statistics.eventsProcessed(),
            virtual.started(),
            statistics.trackedThreads(),
            statistics.unpairedEnds()));
  }

  private void print(
      boolean smoke, long ownVirtual, long ownPlatform, long churnAlone, List<String> largest) {
    System.out.println(
        "## Retained heap" + (smoke ? " (smoke: smaller counts, not a measurement)" : ""));
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "Heap used after `System.gc()` minus the same before the pipeline started (`%s`, %s,"
            + " max heap %,d MiB). %,d parked threads hold %,.1f KiB (virtual) and %,.1f KiB"
            + " (platform) of heap of their own, subtracted below. The same %,d virtual threads"
            + " started and ended without the pipeline left %,.1f KiB.%n%n",
        "RetainedHeap" + (smoke ? " --smoke" : ""),
        ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(gc -> gc.getName())
            .reduce((a, b) -> a + " + " + b)
            .orElse("unknown GC"),
        Runtime.getRuntime().maxMemory() / (1024 * 1024),
        liveThreads,
        ownVirtual / 1024.0,
        ownPlatform / 1024.0,
        churnThreads,
        churnAlone / 1024.0);
    System.out.println(
        "| Phase | Retained (KiB) | Events processed | Virtual threads started | Tracked threads | Unpaired ends |");
    System.out.println("| --- | --- | --- | --- | --- | --- |");
    rows.forEach(System.out::println);
    System.out.println();
    System.out.println("Largest classes on the heap at the end (`GC.class_histogram`):");
    System.out.println();
    System.out.println("```");
    largest.forEach(System.out::println);
    System.out.println("```");
  }
}
