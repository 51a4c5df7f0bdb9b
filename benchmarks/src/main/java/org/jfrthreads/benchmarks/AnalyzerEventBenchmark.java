package org.jfrthreads.benchmarks;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.jfrthreads.analyzer.AnalyzerConfig;
import org.jfrthreads.analyzer.ThreadEventAnalyzer;
import org.jfrthreads.stream.BlockingKind;
import org.jfrthreads.stream.StackFrame;
import org.jfrthreads.stream.ThreadBlocked;
import org.jfrthreads.stream.ThreadEnded;
import org.jfrthreads.stream.ThreadPinned;
import org.jfrthreads.stream.ThreadStarted;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one record on the analyzer's hot path, by record kind, against the floor of one bare
 * {@code Histogram.recordValue} (every record ends in at least one).
 *
 * <p>Records are generated once per trial from {@code new Random(0)} and replayed in a cycle:
 * durations spread log-uniformly from 10 µs to 1 s, a few blocker classes per kind, platform and
 * virtual threads mixed. One analyzer per benchmark thread, as in production (single writer).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar AnalyzerEventBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AnalyzerEventBenchmark {

  /** Records per kind; a power of two, so that the cycle is a mask. */
  private static final int RECORDS = 4096;

  private static final int MASK = RECORDS - 1;

  private static final String[] MONITOR_CLASSES = {
    "com.example.orders.OrderCache",
    "com.example.db.ConnectionPool",
    "java.lang.Object",
    "com.example.auth.TokenStore",
    "com.example.metrics.Registry"
  };

  private static final String[] PARK_CLASSES = {
    "java.util.concurrent.locks.ReentrantLock$NonfairSync",
    "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject",
    "java.util.concurrent.CompletableFuture$Signaller",
    "java.util.concurrent.SynchronousQueue$Transferer",
    "java.util.concurrent.ForkJoinPool"
  };

  private ThreadEventAnalyzer analyzer;
  private Histogram floor;
  private long[] durations;
  private ThreadStarted[] starts;
  private ThreadEnded[] ends;
  private ThreadBlocked[] monitorEnters;
  private ThreadBlocked[] monitorWaits;
  private ThreadBlocked[] parks;
  private ThreadBlocked[] sleeps;
  private ThreadPinned[] pins;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    analyzer = new ThreadEventAnalyzer(AnalyzerConfig.defaults());
    // The analyzer's own histogram layout (1 µs resolution, two digits, auto-resize).
    floor = new Histogram(1_000, 2_000, 2);
    floor.setAutoResize(true);
    Random random = new Random(0);
    long now = System.currentTimeMillis() * 1_000_000L;
    durations = new long[RECORDS];
    starts = new ThreadStarted[RECORDS];
    ends = new ThreadEnded[RECORDS];
    monitorEnters = new ThreadBlocked[RECORDS];
    monitorWaits = new ThreadBlocked[RECORDS];
    parks = new ThreadBlocked[RECORDS];
    sleeps = new ThreadBlocked[RECORDS];
    pins = new ThreadPinned[RECORDS];
    List<List<StackFrame>> sleepStacks =
        List.of(
            stack("java.lang.Thread.sleep", "com.example.poll.Poller.awaitNext"),
            stack("java.lang.Thread.sleep", "com.example.retry.Backoff.pause"),
            stack("java.lang.Thread.sleep", "com.example.batch.Flusher.run"));
    List<List<StackFrame>> pinnedStacks =
        List.of(
            stack("java.lang.VirtualThread.park", "com.example.legacy.NativeBridge.call"),
            stack("java.lang.VirtualThread.park", "com.example.config.Settings.<clinit>"));
    String[] pinnedReasons = {
      "Native or VM frame on stack", "VM call to Settings.<clinit> on stack"
    };
    for (int i = 0; i < RECORDS; i++) {
      long id = i + 1;
      boolean virtual = random.nextBoolean();
      long duration = logUniformNanos(random);
      long at = now + i * 1_000L;
      durations[i] = duration;
      starts[i] = new ThreadStarted(id, virtual, at, List.of());
      ends[i] = new ThreadEnded(id, virtual, at + duration);
      monitorEnters[i] =
          blocked(
              id, virtual, BlockingKind.MONITOR_ENTER, at, duration, pick(random, MONITOR_CLASSES));
      monitorWaits[i] =
          blocked(
              id, virtual, BlockingKind.MONITOR_WAIT, at, duration, pick(random, MONITOR_CLASSES));
      parks[i] = blocked(id, virtual, BlockingKind.PARK, at, duration, pick(random, PARK_CLASSES));
      sleeps[i] =
          new ThreadBlocked(
              id,
              virtual,
              BlockingKind.SLEEP,
              at,
              duration,
              "",
              sleepStacks.get(random.nextInt(sleepStacks.size())));
      int reason = random.nextInt(pinnedReasons.length);
      pins[i] =
          new ThreadPinned(
              id,
              at,
              duration,
              pinnedReasons[reason],
              "LockSupport.park",
              pinnedStacks.get(reason));
    }
  }

  @Benchmark
  public Histogram histogramRecordValueFloor() {
    floor.recordValue(durations[nextIndex()]);
    return floor;
  }

  /** A start and its end: two records per operation, the lifetime recorded at the end. */
  @Benchmark
  @OperationsPerInvocation(2)
  public ThreadEventAnalyzer threadStartedThenEnded() {
    int i = nextIndex();
    analyzer.onEvent(starts[i]);
    analyzer.onEvent(ends[i]);
    return analyzer;
  }

  @Benchmark
  public ThreadEventAnalyzer threadBlockedMonitorEnter() {
    analyzer.onEvent(monitorEnters[nextIndex()]);
    return analyzer;
  }

  @Benchmark
  public ThreadEventAnalyzer threadBlockedMonitorWait() {
    analyzer.onEvent(monitorWaits[nextIndex()]);
    return analyzer;
  }

  @Benchmark
  public ThreadEventAnalyzer threadBlockedPark() {
    analyzer.onEvent(parks[nextIndex()]);
    return analyzer;
  }

  /** Sleep has no blocker class: the sleeping code's class is found in the stack. */
  @Benchmark
  public ThreadEventAnalyzer threadBlockedSleep() {
    analyzer.onEvent(sleeps[nextIndex()]);
    return analyzer;
  }

  /** The reason is categorized and the site found in the stack, per record. */
  @Benchmark
  public ThreadEventAnalyzer threadPinned() {
    analyzer.onEvent(pins[nextIndex()]);
    return analyzer;
  }

  private int nextIndex() {
    int i = next;
    next = (i + 1) & MASK;
    return i;
  }

  private static ThreadBlocked blocked(
      long id, boolean virtual, BlockingKind kind, long at, long duration, String blockerClass) {
    return new ThreadBlocked(id, virtual, kind, at, duration, blockerClass, List.of());
  }

  /** 10 µs to 1 s, evenly spread over the decades. */
  private static long logUniformNanos(Random random) {
    return (long) Math.pow(10, 4 + random.nextDouble() * 5);
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }

  /** Innermost frame first, each {@code "pkg.Class.method"}. */
  private static List<StackFrame> stack(String... frames) {
    return java.util.Arrays.stream(frames)
        .map(
            frame -> {
              int dot = frame.lastIndexOf('.');
              return new StackFrame(frame.substring(0, dot), frame.substring(dot + 1));
            })
        .toList();
  }
}
