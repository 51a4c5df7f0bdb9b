package org.jfrthreads.benchmarks;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jfrthreads.exporter.JfrThreads;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What one scrape of thread metrics costs with {@code threads} live parked platform threads, for
 * each way of getting them: jfr-threads, client_java's {@code JvmThreadsMetrics}, Micrometer's
 * {@code JvmThreadMetrics}, and the JDK calls that thread metrics and thread dumps are built on.
 *
 * <p>Every method starts from nothing but the JVM, as a scrape does: the raw calls include {@code
 * getAllThreadIds()}. Allocation per operation comes from {@code -prof gc}.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ScrapeBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@org.openjdk.jmh.annotations.Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScrapeBenchmark {

  @Param({"100", "1000", "10000"})
  public int threads;

  private ParkedThreads parked;
  private ThreadMXBean threadBean;
  private HotSpotDiagnosticMXBean diagnosticBean;
  private Path dumpDirectory;
  private final AtomicLong dumpNumber = new AtomicLong();
  private PrometheusRegistry clientJava;
  private SimpleMeterRegistry micrometer;

  private PrometheusRegistry jfrThreadsRegistry;
  private JfrThreads jfrThreads;

  @Setup(Level.Trial)
  public void setUp() throws InterruptedException, IOException {
    parked = ParkedThreads.start(threads);
    threadBean = ManagementFactory.getThreadMXBean();
    diagnosticBean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    dumpDirectory = Files.createTempDirectory("jfr-threads-bench-dumps");
    jfrThreadsRegistry = new PrometheusRegistry();
    jfrThreads = JfrThreads.builder().registry(jfrThreadsRegistry).start();
    clientJava = new PrometheusRegistry();
    JvmThreadsMetrics.builder().register(clientJava);
    micrometer = new SimpleMeterRegistry();
    new JvmThreadMetrics().bindTo(micrometer);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    parked.close();
    jfrThreads.close();
    micrometer.close();
    try (var files = Files.list(dumpDirectory)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
    }
    Files.deleteIfExists(dumpDirectory);
  }

  /** jfr-threads: reads the last published analysis; no MXBean call on the scrape path. */
  @Benchmark
  public MetricSnapshots jfrThreads() {
    return jfrThreadsRegistry.scrape();
  }

  /** client_java: state counts, deadlock detection and the rest, as MetricSnapshots. */
  @Benchmark
  public MetricSnapshots clientJava() {
    return clientJava.scrape();
  }

  /** Micrometer: every meter the binder registered, read once. */
  @Benchmark
  public void micrometer(Blackhole blackhole) {
    for (Meter meter : micrometer.getMeters()) {
      for (Measurement value : meter.measure()) {
        blackhole.consume(value.getValue());
      }
    }
  }

  /** The state of every thread, no stack: what state-count metrics need. */
  @Benchmark
  public ThreadInfo[] threadInfoDepth0() {
    return threadBean.getThreadInfo(threadBean.getAllThreadIds(), 0);
  }

  /** State and top frame of every thread. */
  @Benchmark
  public ThreadInfo[] threadInfoDepth1() {
    return threadBean.getThreadInfo(threadBean.getAllThreadIds(), 1);
  }

  /** Full stacks of every thread, without monitors and synchronizers. */
  @Benchmark
  public ThreadInfo[] dumpAllThreads() {
    return threadBean.dumpAllThreads(false, false);
  }

  @Benchmark
  public Map<Thread, StackTraceElement[]> allStackTraces() {
    return Thread.getAllStackTraces();
  }

  /** The JSON thread dump (virtual threads included) written to a file, as jcmd does; its size. */
  @Benchmark
  public long hotSpotDumpThreadsJson() throws IOException {
    Path file = dumpDirectory.resolve("dump-" + dumpNumber.incrementAndGet() + ".json");
    diagnosticBean.dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
    long bytes = Files.size(file);
    Files.delete(file);
    return bytes;
  }
}
