package org.jfrthreads.benchmarks.profile;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import org.jfrthreads.analyzer.ThreadKind;
import org.jfrthreads.benchmarks.workload.MixedRequests;
import org.jfrthreads.benchmarks.workload.VirtualThreadChurn;
import org.jfrthreads.benchmarks.workload.Workload;
import org.jfrthreads.exporter.JfrThreads;

/**
 * Where the dispatch thread's time goes under virtual-thread churn: the library runs as an
 * application embeds it ({@link JfrThreads}, default settings but no CPU budget), a workload churns
 * virtual threads, and the dispatch thread's stack is sampled every millisecond. The samples are
 * sorted into parts by the frames on their stack: JFR's parser and dispatcher, the mapping to
 * records ({@code RecordedEventMapper}), the analyzer per event, and the per-flush work
 * (publication, leak detector, snapshot). Prints a Markdown section.
 *
 * <p>Why not execution samples from a second JFR recording: JFR excludes a stream's dispatch thread
 * from its own events while it processes ({@code EventDirectoryStream.process} calls {@code
 * JVM.exclude}), so such a recording holds not one sample of it. {@link Thread#getStackTrace()}
 * samples at safepoint polls, which biases the innermost frame but not the part a sample falls in.
 * Samples of the thread while it waits for the next flush (sleeping, parked) are counted apart.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.jfrthreads.benchmarks.profile.DispatchProfile \
 *     [churn|mixed] [seconds]
 * </pre>
 */
public final class DispatchProfile {

  private static final String DISPATCH_THREAD_PREFIX = "jfr-threads-stream-";
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  public static void main(String[] args) throws Exception {
    String workloadName = args.length > 0 ? args[0] : "churn";
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Workload workload =
        switch (workloadName) {
          case "churn" -> new VirtualThreadChurn();
          case "mixed" -> new MixedRequests();
          default ->
              throw new IllegalArgumentException(
                  workloadName + ": illegal workload. Expecting churn or mixed.");
        };
    // No CPU budget: under churn the governor would shed the very events this profiles.
    try (JfrThreads threads =
        JfrThreads.builder().registry(new PrometheusRegistry()).cpuBudget(0).start()) {
      Thread dispatch = dispatchThread();
      StackSampler sampler = new StackSampler(dispatch);
      long cpuBefore = THREADS.getThreadCpuTime(dispatch.threadId());
      long receivedBefore = received(threads);
      sampler.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
      long runs = 0;
      while (System.nanoTime() < deadline) {
        workload.runOnce();
        runs++;
      }
      awaitDelivered(threads, workload.virtualThreadsStarted());
      sampler.stop();
      long cpuNanos = THREADS.getThreadCpuTime(dispatch.threadId()) - cpuBefore;
      long events = received(threads) - receivedBefore;
      System.out.printf(
          Locale.ROOT,
          "### Dispatch thread under %s (%d s, %,d runs, %,d virtual threads)%n%n",
          workloadName,
          seconds,
          runs,
          workload.virtualThreadsStarted());
      System.out.printf(
          Locale.ROOT,
          "Dispatch thread CPU %.2f s for %,d events received: %.0f ns per event."
              + " Virtual threads counted: %,d started, %,d ended.%n%n",
          cpuNanos / 1e9,
          events,
          (double) cpuNanos / Math.max(1, events),
          threads.snapshot().counts(ThreadKind.VIRTUAL).started(),
          threads.snapshot().counts(ThreadKind.VIRTUAL).ended());
      print(sampler);
    } finally {
      workload.close();
    }
  }

  private static Thread dispatchThread() {
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith(DISPATCH_THREAD_PREFIX)) {
        return thread;
      }
    }
    throw new IllegalStateException("no thread named " + DISPATCH_THREAD_PREFIX + "*");
  }

  /** Takes the stack of one thread every millisecond, on a platform thread of its own. */
  private static final class StackSampler {
    private final Thread target;
    private final List<StackTraceElement[]> running = new ArrayList<>();
    private final Thread sampler;
    private volatile boolean stopped;
    private long waiting;

    StackSampler(Thread target) {
      this.target = target;
      this.sampler = Thread.ofPlatform().daemon().name("stack-sampler").unstarted(this::run);
    }

    void start() {
      sampler.start();
    }

    void stop() throws InterruptedException {
      stopped = true;
      sampler.join();
    }

    private void run() {
      while (!stopped) {
        StackTraceElement[] stack = target.getStackTrace();
        if (target.getState() == Thread.State.RUNNABLE && stack.length > 0) {
          running.add(stack);
        } else {
          waiting++;
        }
        LockSupport.parkNanos(1_000_000);
      }
    }
  }

  private static long received(JfrThreads threads) {
    return threads.sourceStatistics().eventsReceived().values().stream()
        .mapToLong(Long::longValue)
        .sum();
  }

  private static void awaitDelivered(JfrThreads threads, long started) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (threads.snapshot().counts(ThreadKind.VIRTUAL).ended() < started
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  private static void print(StackSampler sampler) {
    Map<String, Long> parts = new LinkedHashMap<>();
    for (String part :
        List.of(
            "JFR: parsing and dispatch",
            "mapping to records (RecordedEventMapper)",
            "analyzer, per event",
            "per flush: leak detector",
            "per flush: snapshot and histograms",
            "per flush: source counters")) {
      parts.put(part, 0L);
    }
    Map<String, Long> topFrames = new TreeMap<>();
    long total = 0;
    for (StackTraceElement[] stack : sampler.running) {
      total++;
      String part = part(stack);
      parts.merge(part, 1L, Long::sum);
      topFrames.merge(part + " | `" + name(stack[0]) + "`", 1L, Long::sum);
    }
    System.out.printf(Locale.ROOT, "| part | samples | share |%n| --- | ---: | ---: |%n");
    for (Map.Entry<String, Long> part : parts.entrySet()) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %,d | %.1f %% |%n",
          part.getKey(),
          part.getValue(),
          100.0 * part.getValue() / Math.max(1, total));
    }
    System.out.printf(
        Locale.ROOT,
        "| all samples of the thread running | %,d | 100 %% |%n%n"
            + "Samples of the thread waiting for the next flush: %,d.%n%n",
        total,
        sampler.waiting);
    System.out.printf(
        Locale.ROOT, "Innermost frames:%n%n| part | frame | samples |%n| --- | --- | ---: |%n");
    List<Map.Entry<String, Long>> ranked = new ArrayList<>(topFrames.entrySet());
    ranked.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
    for (Map.Entry<String, Long> frame : ranked.subList(0, Math.min(30, ranked.size()))) {
      System.out.printf(Locale.ROOT, "| %s | %,d |%n", frame.getKey(), frame.getValue());
    }
  }

  // The innermost of our own frames decides: a sample in HdrHistogram under publish() is per-flush
  // work, one under onEvent() is the analyzer's.
  private static String part(StackTraceElement[] frames) {
    for (StackTraceElement recorded : frames) {
      String frame = name(recorded);
      if (frame.startsWith("org.jfrthreads.analyzer.LeakDetector")) {
        return "per flush: leak detector";
      }
      if (frame.startsWith("org.jfrthreads.analyzer.ThreadEventAnalyzer.publish")
          || frame.startsWith("org.jfrthreads.analyzer.ThreadEventAnalyzer.onFlush")) {
        return "per flush: snapshot and histograms";
      }
      if (frame.startsWith("org.jfrthreads.analyzer.ThreadEventAnalyzer.onEvent")) {
        return "analyzer, per event";
      }
      if (frame.startsWith("org.jfrthreads.stream.SourceCounters.flushed")) {
        return "per flush: source counters";
      }
      if (frame.startsWith("org.jfrthreads.stream.RecordedEventMapper")) {
        return "mapping to records (RecordedEventMapper)";
      }
    }
    return "JFR: parsing and dispatch";
  }

  private static String name(StackTraceElement frame) {
    return frame.getClassName() + "." + frame.getMethodName();
  }
}
