package org.jfrthreads.benchmarks;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import javax.management.JMException;
import javax.management.ObjectName;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingStream;
import org.jfrthreads.analyzer.AnalyzerConfig;
import org.jfrthreads.analyzer.ThreadEventAnalyzer;
import org.jfrthreads.benchmarks.workload.RequestLike;
import org.jfrthreads.benchmarks.workload.VirtualThreadChurn;
import org.jfrthreads.benchmarks.workload.Workload;
import org.jfrthreads.exporter.JfrThreads;
import org.jfrthreads.stream.ThreadEvent;
import org.jfrthreads.stream.ThreadEventListener;
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
 * The live path side by side with JFR's own floor, on virtual-thread churn and on a request-like
 * service load ({@link RequestLike}), all at the default settings (10 ms blocking threshold,
 * virtual-thread lifecycle on):
 *
 * <ul>
 *   <li>{@code none}: nothing watches;
 *   <li>{@code jfr}: a plain JFR recording of the same events, to the repository;
 *   <li>{@code jfrShed}: the same without virtual-thread lifecycle events, which is what JFR still
 *       records when the governor has shed them (level 1): JFR's own floor there;
 *   <li>{@code stream}: an in-process {@link RecordingStream} of the same events with empty
 *       handlers, the floor for any live consumer;
 *   <li>{@code pipeline}: jfr-stream's live source feeding the analyzer, which publishes a snapshot
 *       and runs the leak detector at every flush (what {@link JfrThreads} runs on its dispatch
 *       thread), no CPU budget;
 *   <li>{@code governed}: {@link JfrThreads} as an application embeds it, default CPU budget (1 %
 *       of the processors), state sampler on. Its warmup (20 s) gives the governor time to settle;
 *       {@link DispatchCostProfiler} reports its level.
 * </ul>
 *
 * <p>{@code jfr} and {@code stream} run with the 1 MB chunks jfr-threads sets for itself, so that
 * all compare at the same chunk size.
 *
 * <p>With {@code -prof org.jfrthreads.benchmarks.DispatchCostProfiler}, the {@code stream} and
 * {@code pipeline} runs also report the dispatch thread's CPU per event, taken at JFR flushes on
 * the dispatch thread itself so that CPU and event counts match.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar LiveOverheadBenchmark -f 3 \
 *     -prof org.jfrthreads.benchmarks.DispatchCostProfiler
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class LiveOverheadBenchmark {

  /** The latest (dispatch CPU, events) pair of the running trial, for the profiler. */
  static volatile DispatchProbe probe;

  @Param({"none", "jfr", "jfrShed", "stream", "pipeline", "governed"})
  public String recording;

  private Recording plainRecording;
  private RecordingStream emptyStream;
  private ThreadEventSource source;
  private JfrThreads threads;
  private PrometheusRegistry registry;
  private Workload requestLike;
  private Workload virtualThreadChurn;

  @Setup(Level.Trial)
  public void setUp() throws InterruptedException {
    ThreadEventSettings settings = ThreadEventSettings.defaults();
    probe = null;
    switch (recording) {
      case "none" -> {}
      case "jfr" -> {
        sameChunkSizeAsThePipeline();
        plainRecording = new Recording();
        plainRecording.setSettings(settings.toJfrSettings());
        plainRecording.start();
      }
      case "jfrShed" -> {
        // What JFR itself still costs at the governor's level 1: lifecycle events off.
        sameChunkSizeAsThePipeline();
        plainRecording = new Recording();
        plainRecording.setSettings(
            ThreadEventSettings.builder().virtualThreadLifecycle(false).build().toJfrSettings());
        plainRecording.start();
      }
      case "stream" -> startEmptyStream(settings);
      case "pipeline" -> {
        DispatchProbe pipelineProbe = new DispatchProbe();
        ThreadEventAnalyzer analyzer = new ThreadEventAnalyzer(AnalyzerConfig.defaults());
        source = ThreadEventSources.thisJvm(settings);
        ThreadEventSource started = source;
        source.start(
            pipelineProbe.flushingAfter(
                analyzer,
                () ->
                    started.statistics().eventsReceived().values().stream()
                        .mapToLong(Long::longValue)
                        .sum()));
        pipelineProbe.awaitFlush();
        probe = pipelineProbe;
      }
      case "governed" -> {
        registry = new PrometheusRegistry();
        threads = JfrThreads.builder().registry(registry).start();
        probe = DispatchProbe.governorOnly(this::governorLevel);
      }
      default ->
          throw new IllegalArgumentException(
              recording
                  + ": illegal recording. Expecting none, jfr, jfrShed, stream, pipeline or"
                  + " governed.");
    }
    requestLike = new RequestLike();
    virtualThreadChurn = new VirtualThreadChurn();
  }

  /**
   * JFR's chunk size as jfr-threads sets it (1 MB) for the recordings that are not the library's:
   * with JFR's default 12 MB, the stream's parser holds many more thread constants under churn and
   * the comparison would measure the chunk size rather than the consumer. Before JFR starts, as
   * later JFR keeps its size.
   */
  private static void sameChunkSizeAsThePipeline() {
    try {
      ManagementFactory.getPlatformMBeanServer()
          .invoke(
              new ObjectName("com.sun.management:type=DiagnosticCommand"),
              "jfrConfigure",
              new Object[] {new String[] {"maxchunksize=1048576"}},
              new String[] {String[].class.getName()});
    } catch (JMException e) {
      throw new IllegalStateException("cannot set JFR's chunk size: " + e, e);
    }
  }

  private void startEmptyStream(ThreadEventSettings settings) throws InterruptedException {
    sameChunkSizeAsThePipeline();
    DispatchProbe streamProbe = new DispatchProbe();
    emptyStream = new RecordingStream();
    emptyStream.setSettings(settings.toJfrSettings());
    emptyStream.setReuse(true);
    emptyStream.setOrdered(false);
    for (String key : settings.toJfrSettings().keySet()) {
      if (key.endsWith("#enabled")) {
        emptyStream.onEvent(key.substring(0, key.indexOf('#')), event -> streamProbe.events++);
      }
    }
    emptyStream.onFlush(() -> streamProbe.flushed(streamProbe.events));
    Thread.ofPlatform().daemon().name("empty-stream").start(emptyStream::start);
    streamProbe.awaitFlush();
    probe = streamProbe;
  }

  private double governorLevel() {
    for (MetricSnapshot metric : registry.scrape()) {
      if (metric.getMetadata().getName().equals("jfr_threads_governor_level")) {
        return ((GaugeSnapshot) metric).getDataPoints().get(0).getValue();
      }
    }
    return Double.NaN;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    requestLike.close();
    virtualThreadChurn.close();
    if (plainRecording != null) {
      plainRecording.close();
    }
    if (emptyStream != null) {
      emptyStream.close();
    }
    if (source != null) {
      source.close();
      source.awaitTermination(Duration.ofSeconds(10));
      System.out.println("source: " + source.statistics());
    }
    if (threads != null) {
      System.out.println("governor level at the end: " + governorLevel());
      threads.close();
    }
    probe = null;
  }

  @Benchmark
  public long requestLike() throws Exception {
    return requestLike.runOnce();
  }

  @Benchmark
  public long virtualThreadChurn() throws Exception {
    return virtualThreadChurn.runOnce();
  }

  /**
   * What a dispatch thread spent and delivered, as of its last flush: both read on the dispatch
   * thread in the flush action, so they match.
   */
  static final class DispatchProbe {
    private final CountDownLatch firstFlush = new CountDownLatch(1);
    private final DoubleSupplier governorLevel;
    long events; // dispatch thread only
    private volatile long[] atFlush = {0, 0}; // {cpuNanos, events}

    DispatchProbe() {
      this(null);
    }

    private DispatchProbe(DoubleSupplier governorLevel) {
      this.governorLevel = governorLevel;
    }

    static DispatchProbe governorOnly(DoubleSupplier level) {
      return new DispatchProbe(level);
    }

    /**
     * Feeds {@code analyzer} and records after each of its publications; {@code received} is what
     * the source received from JFR (the listener sees only the records that passed the filters).
     */
    ThreadEventListener flushingAfter(ThreadEventAnalyzer analyzer, LongSupplier received) {
      return new ThreadEventListener() {
        @Override
        public void onEvent(ThreadEvent event) {
          analyzer.onEvent(event);
        }

        @Override
        public void onFlush() {
          analyzer.onFlush();
          flushed(received.getAsLong());
        }
      };
    }

    /** On the dispatch thread, in its flush action. */
    void flushed(long eventsSoFar) {
      atFlush =
          new long[] {ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(), eventsSoFar};
      firstFlush.countDown();
    }

    void awaitFlush() throws InterruptedException {
      if (!firstFlush.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("no flush within 30 s");
      }
    }

    long[] atFlush() {
      return atFlush;
    }

    boolean measuresDispatch() {
      return governorLevel == null;
    }

    double governorLevel() {
      return governorLevel == null ? Double.NaN : governorLevel.getAsDouble();
    }
  }
}
