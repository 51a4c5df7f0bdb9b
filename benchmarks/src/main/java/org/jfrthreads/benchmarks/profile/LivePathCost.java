package org.jfrthreads.benchmarks.profile;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import jdk.jfr.consumer.RecordingStream;
import org.jfrthreads.analyzer.AnalyzerConfig;
import org.jfrthreads.analyzer.ThreadEventAnalyzer;
import org.jfrthreads.analyzer.ThreadKind;
import org.jfrthreads.benchmarks.workload.VirtualThreadChurn;
import org.jfrthreads.stream.ThreadEventSettings;
import org.jfrthreads.stream.ThreadEventSource;
import org.jfrthreads.stream.ThreadEventSources;

/**
 * The dispatch thread's CPU per event delivered live under virtual-thread churn, JFR's own {@link
 * RecordingStream} with empty handlers against the pipeline (jfr-stream's live source and the
 * analyzer, default settings, no CPU budget), in one JVM, the two taking turns round after round.
 * Each round churns the same number of virtual threads, waits until the consumer has received every
 * end, and divides the dispatch thread's CPU time by the events it received. Prints a Markdown
 * table.
 *
 * <p>CPU time, not wall time: the dispatch thread works behind the application by up to seconds
 * under churn, and what it costs is what it takes from the machine. Other load on the machine still
 * raises CPU per event (caches, frequency), which is why the two take turns.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.jfrthreads.benchmarks.profile.LivePathCost [rounds] [threads]
 * </pre>
 */
public final class LivePathCost {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** A consumer under test: started, fed a churn, asked what its dispatch thread did. */
  private interface Consumer extends AutoCloseable {
    long dispatchThreadId();

    /** Events received so far, as of the last flush. */
    long events();

    /** Virtual-thread ends received so far, as of the last flush. */
    long virtualEnds();

    @Override
    void close() throws InterruptedException;
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    List<String> rows = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      double stream = measure(emptyStream(), threads);
      double pipeline = measure(pipeline(), threads);
      ratios.add(pipeline / stream);
      rows.add(
          String.format(
              Locale.ROOT,
              "| %d | %,.0f | %,.0f | %.2f |",
              round,
              stream,
              pipeline,
              pipeline / stream));
    }
    System.out.printf(
        Locale.ROOT,
        "Dispatch thread CPU per event received, %,d virtual threads started and ended per"
            + " consumer and round:%n%n| round | empty-handler stream (ns/event) | pipeline"
            + " (ns/event) | pipeline / stream |%n| ---: | ---: | ---: | ---: |%n",
        threads);
    rows.forEach(System.out::println);
    double min = ratios.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    double max = ratios.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    double mean = ratios.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    System.out.printf(
        Locale.ROOT, "%nRatio pipeline / stream: mean %.2f, range %.2f to %.2f.%n", mean, min, max);
  }

  private static double measure(Consumer consumer, int threads) throws Exception {
    try (consumer) {
      VirtualThreadChurn churn = new VirtualThreadChurn();
      // Warm up the consumer's code, then start counting from a quiet point.
      run(churn, 100_000);
      awaitQuiet(consumer);
      long cpuBefore = THREADS.getThreadCpuTime(consumer.dispatchThreadId());
      long eventsBefore = consumer.events();
      long endsBefore = consumer.virtualEnds();
      run(churn, threads);
      awaitEnds(consumer, endsBefore + threads);
      long cpu = THREADS.getThreadCpuTime(consumer.dispatchThreadId()) - cpuBefore;
      return (double) cpu / (consumer.events() - eventsBefore);
    }
  }

  private static void run(VirtualThreadChurn churn, int threads) throws InterruptedException {
    for (int i = 0; i < threads / 1_000; i++) {
      churn.runOnce();
    }
  }

  // Until two flushes in a row bring nothing new: what was started before has all arrived.
  private static void awaitQuiet(Consumer consumer) throws InterruptedException {
    long last = -1;
    while (consumer.virtualEnds() != last) {
      last = consumer.virtualEnds();
      Thread.sleep(2_100);
    }
  }

  private static void awaitEnds(Consumer consumer, long ends) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (consumer.virtualEnds() < ends) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the consumer received " + consumer.virtualEnds() + " ends of " + ends);
      }
      Thread.sleep(20);
    }
  }

  private static Consumer emptyStream() throws InterruptedException {
    ThreadEventSettings settings = ThreadEventSettings.defaults();
    RecordingStream stream = new RecordingStream();
    stream.setSettings(settings.toJfrSettings());
    stream.setReuse(true);
    stream.setOrdered(false);
    long[] counts = new long[2]; // dispatch thread only: events, virtual ends
    AtomicLong events = new AtomicLong();
    AtomicLong ends = new AtomicLong();
    for (String key : settings.toJfrSettings().keySet()) {
      if (key.endsWith("#enabled")) {
        String name = key.substring(0, key.indexOf('#'));
        boolean end = name.equals("jdk.VirtualThreadEnd");
        stream.onEvent(
            name,
            event -> {
              counts[0]++;
              if (end) {
                counts[1]++;
              }
            });
      }
    }
    stream.onFlush(
        () -> {
          events.set(counts[0]);
          ends.set(counts[1]);
        });
    Thread dispatch = Thread.ofPlatform().daemon().name("empty-stream").start(stream::start);
    return new Consumer() {
      @Override
      public long dispatchThreadId() {
        return dispatch.threadId();
      }

      @Override
      public long events() {
        return events.get();
      }

      @Override
      public long virtualEnds() {
        return ends.get();
      }

      @Override
      public void close() throws InterruptedException {
        stream.close();
        dispatch.join();
      }
    };
  }

  private static Consumer pipeline() {
    ThreadEventAnalyzer analyzer = new ThreadEventAnalyzer(AnalyzerConfig.defaults());
    ThreadEventSource source = ThreadEventSources.thisJvm(ThreadEventSettings.defaults());
    source.start(analyzer);
    LongSupplier events =
        () ->
            source.statistics().eventsReceived().values().stream().mapToLong(Long::longValue).sum();
    return new Consumer() {
      @Override
      public long dispatchThreadId() {
        return source.dispatchThreadId();
      }

      @Override
      public long events() {
        return events.getAsLong();
      }

      @Override
      public long virtualEnds() {
        return analyzer.snapshot().counts(ThreadKind.VIRTUAL).ended();
      }

      @Override
      public void close() throws InterruptedException {
        source.close();
        source.awaitTermination(Duration.ofSeconds(30));
      }
    };
  }
}
