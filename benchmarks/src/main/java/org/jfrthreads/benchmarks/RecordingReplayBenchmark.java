package org.jfrthreads.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import org.jfrthreads.analyzer.AnalyzerConfig;
import org.jfrthreads.analyzer.ThreadActivitySnapshot;
import org.jfrthreads.analyzer.ThreadEventAnalyzer;
import org.jfrthreads.stream.ThreadEventSource;
import org.jfrthreads.stream.ThreadEventSources;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Replays one recorded {@code .jfr} file from start to end: JFR's own parsing with an empty
 * handler, JFR's parsing plus reading the fields a thread-event consumer needs, and jfr-stream's
 * records feeding the analyzer. The secondary result {@code events} is events per second; the
 * difference between the last two is what our handler adds to JFR's parsing.
 *
 * <p>The file is recorded once per trial by {@link SampleRecording}. Both read it with the same
 * stream options as jfr-stream (reused events, unordered).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar RecordingReplayBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecordingReplayBenchmark {

  private Path directory;
  private Path recording;
  private long eventsInFile;

  /** Events replayed, reported by JMH as a rate. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Events {
    public long events;
  }

  @Setup(Level.Trial)
  public void setUp() throws IOException, InterruptedException {
    directory = Files.createTempDirectory("jfr-threads-bench-replay");
    recording = directory.resolve("sample.jfr");
    SampleRecording.record(recording);
    eventsInFile = SampleRecording.countEvents(recording);
    System.out.printf("%s: %d events, %d bytes%n", recording, eventsInFile, Files.size(recording));
    long processed = replayThroughPipeline().statistics().eventsProcessed();
    if (processed == 0) {
      throw new IllegalStateException(
          recording + ": the pipeline processed no event of " + eventsInFile + ".");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(recording);
    Files.deleteIfExists(directory);
  }

  /** JFR parsing only: every event is read and handed to a handler that counts it. */
  @Benchmark
  public long jfrEmptyHandler(Events events) throws IOException {
    long[] handled = {0};
    try (EventStream stream = EventStream.openFile(recording)) {
      stream.setReuse(true);
      stream.setOrdered(false);
      stream.onEvent(event -> handled[0]++);
      stream.start();
    }
    events.events += eventsInFile;
    return handled[0];
  }

  /**
   * JFR parsing plus reading, per event type, the values jfr-stream's mapping reads: time,
   * duration, thread id and kind, blocker class, stack frames. JFR materializes these only on
   * access, so this is the floor for any handler that uses the events; the pipeline adds records
   * and the analyzer.
   */
  @Benchmark
  public long jfrReadingFields(Events events) throws IOException {
    long[] checksum = {0};
    try (EventStream stream = EventStream.openFile(recording)) {
      stream.setReuse(true);
      stream.setOrdered(false);
      stream.onEvent(event -> checksum[0] += readFields(event));
      stream.start();
    }
    events.events += eventsInFile;
    return checksum[0];
  }

  private static long readFields(RecordedEvent event) {
    long sum = event.getStartTime().getNano();
    switch (event.getEventType().getName()) {
      case "jdk.VirtualThreadStart", "jdk.VirtualThreadEnd" -> sum += event.getLong("javaThreadId");
      case "jdk.ThreadStart", "jdk.ThreadEnd" -> {
        sum += thread(event.getThread("thread"));
        sum += frames(event.getStackTrace());
      }
      default -> {
        sum += event.getDuration().toNanos() + thread(event.getThread());
        for (String field : new String[] {"monitorClass", "parkedClass"}) {
          if (event.hasField(field) && event.getClass(field) != null) {
            sum += event.getClass(field).getName().length();
          }
        }
        sum += frames(event.getStackTrace());
      }
    }
    return sum;
  }

  private static long thread(RecordedThread thread) {
    return thread == null ? 0 : thread.getJavaThreadId() + (thread.isVirtual() ? 1 : 0);
  }

  private static long frames(RecordedStackTrace stack) {
    long sum = 0;
    if (stack != null) {
      for (RecordedFrame frame : stack.getFrames()) {
        if (frame.isJavaFrame() && frame.getMethod() != null) {
          sum +=
              frame.getMethod().getType().getName().length() + frame.getMethod().getName().length();
        }
      }
    }
    return sum;
  }

  /** jfr-stream maps each event to a record, the analyzer records it; a snapshot at the end. */
  @Benchmark
  public ThreadActivitySnapshot jfrThreadsPipeline(Events events) throws InterruptedException {
    ThreadActivitySnapshot snapshot = replayThroughPipeline();
    events.events += eventsInFile;
    return snapshot;
  }

  private ThreadActivitySnapshot replayThroughPipeline() throws InterruptedException {
    ThreadEventAnalyzer analyzer = ThreadEventAnalyzer.forRecording(AnalyzerConfig.defaults());
    try (ThreadEventSource source =
        ThreadEventSources.recordingFile(recording, SampleRecording.ALL_EVENTS)) {
      source.start(analyzer);
      if (!source.awaitTermination(Duration.ofMinutes(1))) {
        throw new IllegalStateException(recording + ": replay did not end within a minute.");
      }
    }
    return analyzer.snapshot();
  }
}
