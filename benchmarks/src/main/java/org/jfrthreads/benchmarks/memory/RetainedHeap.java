package org.jfrthreads.benchmarks.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.stream.Stream;
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
 * idle, after each wave of a million virtual threads started and ended (ten waves, ten million
 * threads), and while ten thousand threads are alive. Beside the heap, the disk used by the JFR
 * repository at the same points. Prints a Markdown section.
 *
 * <p>Heap is read from {@link MemoryMXBean} after {@code System.gc()}, which is what "retained"
 * means; JMH's {@code -prof gc} only counts allocation. Live threads hold heap of their own (a
 * parked virtual thread's stack lives there), so the same threads are first measured without the
 * pipeline and that is subtracted. JFR's buffers are native memory and are not counted. Every
 * virtual thread started and ended is checked to be counted, exactly.
 *
 * <pre>
 * java -Xmx2g -cp benchmarks/target/benchmarks.jar org.jfrthreads.benchmarks.memory.RetainedHeap
 * java -cp benchmarks/target/benchmarks.jar org.jfrthreads.benchmarks.memory.RetainedHeap --smoke
 * </pre>
 */
public final class RetainedHeap {

  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  /** How far above the idle pipeline the heap may stay after any wave: the bound held to. */
  private static final long BOUND_ABOVE_IDLE_BYTES = 16L * 1024 * 1024;

  /**
   * Publications (one per JFR flush, about a second each) waited for after the one that counted a
   * wave's last end, before the heap is read again "at rest": the stream releases a burst's threads
   * once quiet for three seconds ({@code ChunkRelease}), and the parser then reads two new chunks.
   */
  private static final int REST_PUBLICATIONS = 6;

  /** With {@code -Dhistogram=N}, the N largest classes after each wave go to stderr. */
  private static final int HISTOGRAM_PER_WAVE = Integer.getInteger("histogram", 0);

  private final int waves;
  private final int churnThreads;
  private final int liveThreads;
  private final List<String> rows = new ArrayList<>();
  private long idleRetained;
  private long maxAfterWave = Long.MIN_VALUE;
  private long maxCounted = Long.MIN_VALUE;
  private long maxRepositoryBytes;
  private boolean exact;

  private RetainedHeap(int waves, int churnThreads, int liveThreads) {
    this.waves = waves;
    this.churnThreads = churnThreads;
    this.liveThreads = liveThreads;
  }

  public static void main(String[] args) throws Exception {
    boolean smoke = args.length > 0 && args[0].equals("--smoke");
    new RetainedHeap(smoke ? 3 : 10, smoke ? 100_000 : 1_000_000, smoke ? 1_000 : 10_000)
        .run(smoke);
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
      idleRetained = usedHeap() - base;
      row("pipeline started, idle", idleRetained, analyzer);

      long startedBefore = virtual(analyzer.snapshot()).started();
      long endedBefore = virtual(analyzer.snapshot()).ended();
      for (int wave = 1; wave <= waves; wave++) {
        churn();
        long expected = (long) wave * churnThreads;
        awaitPublication(analyzer, snapshot -> virtual(snapshot).ended() >= endedBefore + expected);
        long counted = usedHeap() - base;
        maxCounted = Math.max(maxCounted, counted);
        awaitPublications(analyzer, REST_PUBLICATIONS);
        long retained = usedHeap() - base;
        maxAfterWave = Math.max(maxAfterWave, retained);
        row(
            String.format(
                Locale.ROOT,
                "wave %d: %,d virtual threads started and ended so far",
                wave,
                expected),
            counted,
            retained,
            analyzer);
        if (HISTOGRAM_PER_WAVE > 0) {
          System.err.printf(
              Locale.ROOT,
              "wave %d: %,.1f KiB above idle, largest classes:%n",
              wave,
              (retained - idleRetained) / 1024.0);
          largestClasses(HISTOGRAM_PER_WAVE).forEach(System.err::println);
        }
      }
      ThreadCounts afterWaves = virtual(analyzer.snapshot());
      long total = (long) waves * churnThreads;
      exact =
          afterWaves.started() - startedBefore == total
              && afterWaves.ended() - endedBefore == total;

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

  /** Waits for {@code count} more publications, at most two minutes. */
  private static void awaitPublications(ThreadEventAnalyzer analyzer, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    long last = analyzer.snapshot().publishedEpochNanos();
    for (int seen = 0; seen < count && System.nanoTime() < deadline; ) {
      Thread.sleep(50);
      long now = analyzer.snapshot().publishedEpochNanos();
      if (now > last) {
        last = now;
        seen++;
      }
    }
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
    row(phase, -1, retainedBytes, analyzer);
  }

  /** A row; {@code countedBytes} is -1 where there is no reading before the rest. */
  private void row(
      String phase, long countedBytes, long retainedBytes, ThreadEventAnalyzer analyzer) {
    AnalyzerStatistics statistics = analyzer.snapshot().statistics();
    ThreadCounts virtual = virtual(analyzer.snapshot());
    long repository = repositoryBytes();
    maxRepositoryBytes = Math.max(maxRepositoryBytes, repository);
    rows.add(
        String.format(
            Locale.ROOT,
            "| %s | %s | %,.1f | %,.1f | %,.1f | %,d | %,d | %,d | %,d | %,d |",
            phase,
            countedBytes < 0
                ? "-"
                : String.format(Locale.ROOT, "%,.1f", (countedBytes - idleRetained) / 1024.0),
            retainedBytes / 1024.0,
            (retainedBytes - idleRetained) / 1024.0,
            repository / 1024.0,
            statistics.eventsProcessed(),
            virtual.started(),
            virtual.ended(),
            statistics.trackedThreads(),
            statistics.unpairedEnds()));
  }

  /**
   * Bytes of the files in this JVM's JFR repository ({@code jdk.jfr.repository}, the directory of
   * the chunk files), or -1 when JFR has none.
   */
  private static long repositoryBytes() {
    String repository = System.getProperty("jdk.jfr.repository");
    if (repository == null) {
      return -1;
    }
    for (int attempt = 0; ; attempt++) {
      try (Stream<Path> files = Files.walk(Path.of(repository))) {
        return files.filter(Files::isRegularFile).mapToLong(RetainedHeap::size).sum();
      } catch (IOException | UncheckedIOException raced) {
        if (attempt == 5) {
          return -1; // JFR kept deleting files under the walk
        }
      }
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException deleted) {
      return 0; // JFR removed the chunk between listing and reading its size
    }
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
            + " (platform) of heap of their own, subtracted below. %,d virtual threads started and"
            + " ended without the pipeline left %,.1f KiB. With the pipeline they were started and"
            + " ended in %d waves of %,d; after each, the analyzer had counted them all.%n%n",
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
        churnAlone / 1024.0,
        waves,
        churnThreads);
    System.out.println(
        "| Phase | Above idle when counted (KiB) | Retained (KiB) | Above idle (KiB) | JFR"
            + " repository on disk (KiB) | Events processed | Virtual threads started | Virtual"
            + " threads ended | Tracked threads | Unpaired ends |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    rows.forEach(System.out::println);
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "\"When counted\": read as soon as the pipeline had published the wave's last end;"
            + " the other columns %d publications (JFR flushes, about a second each) later, at"
            + " rest. When counted, the heap was at most %,.1f KiB above the idle pipeline. At rest"
            + " after every wave it stayed at most %,.1f KiB above the idle pipeline (bound: %,d"
            + " KiB): %s. The JFR repository held at most %,.1f KiB. Every one of the %,d virtual"
            + " threads was counted started and ended exactly once: %s.%n%n",
        REST_PUBLICATIONS,
        (maxCounted - idleRetained) / 1024.0,
        (maxAfterWave - idleRetained) / 1024.0,
        BOUND_ABOVE_IDLE_BYTES / 1024,
        maxAfterWave - idleRetained <= BOUND_ABOVE_IDLE_BYTES ? "within" : "EXCEEDED",
        maxRepositoryBytes / 1024.0,
        (long) waves * churnThreads,
        exact ? "yes" : "NO");
    System.out.println("Largest classes on the heap at the end (`GC.class_histogram`):");
    System.out.println();
    System.out.println("```");
    largest.forEach(System.out::println);
    System.out.println("```");
  }
}
