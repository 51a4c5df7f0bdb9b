package org.jfrthreads.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import org.jfrthreads.analyzer.AnalyzerConfig;
import org.jfrthreads.analyzer.ThreadEventAnalyzer;
import org.jfrthreads.benchmarks.workload.ContendedMonitor;
import org.jfrthreads.benchmarks.workload.MixedRequests;
import org.jfrthreads.benchmarks.workload.ProducerConsumer;
import org.jfrthreads.benchmarks.workload.VirtualThreadChurn;
import org.jfrthreads.benchmarks.workload.Workload;
import org.jfrthreads.stream.ThreadEventSettings;
import org.jfrthreads.stream.ThreadEventSource;
import org.jfrthreads.stream.ThreadEventSources;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of real workloads in three configurations: no recording, a plain JFR recording with
 * the thread events the library asks for, and the library's pipeline (jfr-stream's live source
 * feeding the analyzer) with the same settings. Dividing by the {@code recording=none} score gives
 * what JFR itself costs and what the pipeline adds on top.
 *
 * <p>{@code thresholdMs} is the blocking threshold of monitor enter, monitor wait, park and sleep
 * events; it means nothing for {@code recording=none}, so run that once:
 *
 * <pre>
 * java -jar benchmarks.jar WorkloadOverheadBenchmark -p recording=none -p thresholdMs=0
 * java -jar benchmarks.jar WorkloadOverheadBenchmark -p recording=jfr,pipeline
 * </pre>
 *
 * <p>{@code -p virtualThreadLifecycle=true,false} adds the runs without virtual-thread start and
 * end events.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WorkloadOverheadBenchmark {

  @Param({"none", "jfr", "pipeline"})
  public String recording;

  @Param({"0", "1", "10", "20"})
  public int thresholdMs;

  @Param({"true"})
  public boolean virtualThreadLifecycle;

  private Recording plainRecording;
  private ThreadEventSource source;
  private ThreadEventAnalyzer analyzer;
  private Workload contendedMonitor;
  private Workload producerConsumer;
  private Workload virtualThreadChurn;
  private Workload mixedRequests;

  @Setup(Level.Trial)
  public void setUp() throws InterruptedException {
    ThreadEventSettings settings =
        ThreadEventSettings.builder()
            .blockingThreshold(Duration.ofMillis(thresholdMs))
            .virtualThreadLifecycle(virtualThreadLifecycle)
            .build();
    switch (recording) {
      case "none" -> {}
      case "jfr" -> {
        plainRecording = new Recording();
        plainRecording.setSettings(settings.toJfrSettings());
        plainRecording.start();
      }
      case "pipeline" -> {
        analyzer = new ThreadEventAnalyzer(AnalyzerConfig.defaults());
        source = ThreadEventSources.thisJvm(settings);
        source.start(analyzer);
        awaitFirstPublication();
      }
      default ->
          throw new IllegalArgumentException(
              recording + ": illegal recording. Expecting none, jfr or pipeline.");
    }
    contendedMonitor = new ContendedMonitor();
    producerConsumer = new ProducerConsumer();
    virtualThreadChurn = new VirtualThreadChurn();
    mixedRequests = new MixedRequests();
  }

  /**
   * The source starts JFR on its own dispatch thread and returns at once; JFR's first start in a
   * JVM takes up to a second or more, and whatever runs before it is not recorded. The first
   * publication comes from the first flush, when JFR is recording.
   */
  private void awaitFirstPublication() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (analyzer.snapshot().publishedEpochNanos() == 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the pipeline published nothing within 30 s: " + source.statistics());
      }
      Thread.sleep(10);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    contendedMonitor.close();
    producerConsumer.close();
    virtualThreadChurn.close();
    mixedRequests.close();
    if (plainRecording != null) {
      plainRecording.close();
    }
    if (source != null) {
      source.close();
      source.awaitTermination(Duration.ofSeconds(10));
      // For the log: proof that the pipeline saw the workload, and what it dropped.
      System.out.println("source: " + source.statistics());
      System.out.println("analyzer: " + analyzer.snapshot().statistics());
      long started =
          virtualThreadChurn.virtualThreadsStarted() + mixedRequests.virtualThreadsStarted();
      System.out.println(
          "virtual threads started by the workloads: "
              + started
              + ", jdk.VirtualThreadStart received: "
              + source.statistics().eventsReceived().getOrDefault("jdk.VirtualThreadStart", 0L));
    }
  }

  @Benchmark
  public long contendedMonitor() throws Exception {
    return contendedMonitor.runOnce();
  }

  @Benchmark
  public long producerConsumer() throws Exception {
    return producerConsumer.runOnce();
  }

  @Benchmark
  public long virtualThreadChurn() throws Exception {
    return virtualThreadChurn.runOnce();
  }

  @Benchmark
  public long mixedRequests() throws Exception {
    return mixedRequests.runOnce();
  }
}
