package org.jfrthreads.benchmarks;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How a scrape reads what the recording thread writes, while it writes: a {@code ConcurrentHashMap}
 * of thread-safe series that both sides touch, against one immutable snapshot that the writer
 * rebuilds every {@value #EVENTS_PER_FLUSH} events and swaps through a volatile field (what the
 * analyzer does at each JFR flush).
 *
 * <p>Each group runs one writer (one record per operation, the label picked from {@value #LABELS}
 * by a seeded sequence) and one reader (one pass over every series, summing counts and totals). The
 * map's reader may see a series' count and total from different moments; the snapshot's reader
 * always sees one consistent publication, at most one flush old. Two cores leave no room for more
 * readers without measuring the scheduler; {@code -tg 1,N} changes it.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar SnapshotPublicationBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SnapshotPublicationBenchmark {

  static final int LABELS = 64;
  static final int EVENTS_PER_FLUSH = 4096;
  private static final int SEQUENCE = 1 << 14;

  /** Labels and durations to record, the same for both ways. */
  @State(Scope.Thread)
  public static class Events {
    String[] labels;
    long[] nanos;
    int next;

    @Setup(Level.Trial)
    public void setUp() {
      Random random = new Random(0);
      String[] names = new String[LABELS];
      for (int i = 0; i < LABELS; i++) {
        names[i] = "com.example.Class" + i;
      }
      labels = new String[SEQUENCE];
      nanos = new long[SEQUENCE];
      for (int i = 0; i < SEQUENCE; i++) {
        // Skewed, as blocking is: a few classes get most events.
        labels[i] = names[(int) (LABELS * Math.pow(random.nextDouble(), 3))];
        nanos[i] = 1_000 + random.nextInt(10_000_000);
      }
    }

    int nextIndex() {
      int i = next;
      next = (i + 1) & (SEQUENCE - 1);
      return i;
    }
  }

  /** A series both sides share: safe for one writer and concurrent readers. */
  static final class SharedSeries {
    final LongAdder count = new LongAdder();
    final LongAdder totalNanos = new LongAdder();
  }

  /** One series in a published snapshot. */
  record SeriesSnapshot(long count, long totalNanos) {}

  @State(Scope.Group)
  public static class ConcurrentSeries {
    final ConcurrentHashMap<String, SharedSeries> series = new ConcurrentHashMap<>();
  }

  @State(Scope.Group)
  public static class PublishedSnapshot {
    // Writer-only state: plain fields, no synchronization.
    final Map<String, long[]> series = new HashMap<>();
    int sinceFlush;
    // The one thing readers touch.
    volatile Map<String, SeriesSnapshot> published = Map.of();

    void flush() {
      Map<String, SeriesSnapshot> copy = HashMap.newHashMap(series.size());
      series.forEach((label, values) -> copy.put(label, new SeriesSnapshot(values[0], values[1])));
      published = Map.copyOf(copy);
    }
  }

  @Benchmark
  @Group("concurrentMap")
  @GroupThreads(1)
  public SharedSeries concurrentMapWrite(ConcurrentSeries state, Events events) {
    int i = events.nextIndex();
    SharedSeries series =
        state.series.computeIfAbsent(events.labels[i], label -> new SharedSeries());
    series.count.increment();
    series.totalNanos.add(events.nanos[i]);
    return series;
  }

  @Benchmark
  @Group("concurrentMap")
  @GroupThreads(1)
  public long concurrentMapRead(ConcurrentSeries state) {
    long sum = 0;
    for (SharedSeries series : state.series.values()) {
      sum += series.count.sum() + series.totalNanos.sum();
    }
    return sum;
  }

  @Benchmark
  @Group("immutableSnapshot")
  @GroupThreads(1)
  public long[] immutableSnapshotWrite(PublishedSnapshot state, Events events) {
    int i = events.nextIndex();
    long[] values = state.series.computeIfAbsent(events.labels[i], label -> new long[2]);
    values[0]++;
    values[1] += events.nanos[i];
    if (++state.sinceFlush == EVENTS_PER_FLUSH) {
      state.sinceFlush = 0;
      state.flush();
    }
    return values;
  }

  @Benchmark
  @Group("immutableSnapshot")
  @GroupThreads(1)
  public long immutableSnapshotRead(PublishedSnapshot state) {
    long sum = 0;
    for (SeriesSnapshot series : state.published.values()) {
      sum += series.count() + series.totalNanos();
    }
    return sum;
  }
}
