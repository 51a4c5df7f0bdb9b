package org.jfrthreads.cli.internal.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.jfrthreads.analyzer.AnalyzerConfig;
import org.jfrthreads.analyzer.ThreadEventAnalyzer;
import org.jfrthreads.stream.BlockingKind;
import org.jfrthreads.stream.SourceStatistics;
import org.jfrthreads.stream.ThreadEvent;
import org.jfrthreads.stream.ThreadEventListener;
import org.jfrthreads.stream.ThreadEventSettings;
import org.jfrthreads.stream.ThreadEventSource;
import org.jfrthreads.stream.ThreadEventSourceException;
import org.jfrthreads.stream.ThreadEventSources;

/**
 * Reads a recording once, from start to end, through the same analyzer as the live exporter, and
 * builds its {@link ReportModel}.
 *
 * <pre>{@code
 * ReportModel model = RecordingAnalysis.analyze(Path.of("app.jfr"), RecordingAnalysis.Options.defaults(), Progress.NONE);
 * System.out.print(TextReport.render(model));
 * }</pre>
 *
 * <h2>Memory</h2>
 *
 * <p>Nothing grows with the recording: events are not kept (the analyzer keeps bounded histograms,
 * at most {@code maxSeries} classes and sites per kind and {@code maxTrackedThreads} live threads),
 * the timeline has a fixed number of buckets, and JFR reads the file chunk by chunk. What JFR holds
 * for one chunk does not depend on the file's length but on the chunk: its constant pools hold
 * every thread the chunk mentions, some 100 bytes each, so a chunk of 650,000 virtual threads takes
 * about 70 MB of heap while it is read.
 */
public final class RecordingAnalysis {

  private static final Duration PROGRESS_PERIOD = Duration.ofSeconds(2);

  private RecordingAnalysis() {}

  /**
   * What to count.
   *
   * @param blockingThreshold the shortest monitor, wait, park or sleep event counted
   * @param pinnedThreshold the shortest pinned event counted
   * @param top how many classes and sites are kept by name per kind
   */
  public record Options(Duration blockingThreshold, Duration pinnedThreshold, int top) {

    public Options {
      Objects.requireNonNull(blockingThreshold, "blockingThreshold");
      Objects.requireNonNull(pinnedThreshold, "pinnedThreshold");
    }

    /** The live exporter's defaults: 10 ms blocking, 1 ms pinned, top 20. */
    public static Options defaults() {
      return new Options(
          ThreadEventSettings.DEFAULT_BLOCKING_THRESHOLD,
          ThreadEventSettings.DEFAULT_PINNED_THRESHOLD,
          20);
    }
  }

  /** Hears how far the reading has got; called from the calling thread, every two seconds. */
  @FunctionalInterface
  public interface Progress {
    Progress NONE = (events, latestEpochNanos, span) -> {};

    /**
     * @param events thread events read so far
     * @param latestEpochNanos the latest event time read so far, 0 before the first
     * @param span the recording's span, to measure {@code latestEpochNanos} against
     */
    void update(long events, long latestEpochNanos, RecordingSpan span);
  }

  /**
   * Analyzes {@code file}.
   *
   * @throws BadRecordingException if the file is missing, a directory, not a recording, truncated
   *     or corrupt, or holds no thread event; the message says which and what to do
   * @throws IllegalArgumentException if an option is out of range
   */
  public static ReportModel analyze(Path file, Options options, Progress progress)
      throws BadRecordingException, InterruptedException {
    ThreadEventSettings settings =
        ThreadEventSettings.builder()
            .blockingThreshold(options.blockingThreshold())
            .pinnedThreshold(options.pinnedThreshold())
            .build();
    AnalyzerConfig config = AnalyzerConfig.builder().topN(options.top()).build();
    ThreadEventAnalyzer analyzer = ThreadEventAnalyzer.forRecording(config);
    // Read before the source checks the file: a file that fails here fails its checks too, with
    // the clearer message; one that passes them but has odd headers gets a timeline that finds
    // its own range.
    RecordingSpan span = readSpan(file);
    LiveTimeline timeline = span == null ? LiveTimeline.unanchored() : LiveTimeline.over(span);
    Tee tee = new Tee(analyzer, timeline);
    SourceStatistics statistics;
    try (ThreadEventSource source = ThreadEventSources.recordingFile(file, settings)) {
      try {
        source.start(tee);
      } catch (ThreadEventSourceException refused) {
        throw new BadRecordingException(refused.getMessage(), refused);
      }
      while (!source.awaitTermination(PROGRESS_PERIOD)) {
        progress.update(tee.events.get(), tee.latestEpochNanos.get(), span);
      }
      statistics = source.statistics();
    }
    if (statistics.errors() > 0) {
      // The stream reports a message, not a type: a corrupt chunk and a heap too small for one
      // chunk's constant pools both end up here, so the message names both.
      throw new BadRecordingException(
          file
              + ": reading stopped before the end ("
              + statistics.lastError()
              + "): the file is"
              + " corrupt, or one of its chunks needs more memory than the JVM has (raise -Xmx).");
    }
    long received = statistics.eventsReceived().values().stream().mapToLong(Long::longValue).sum();
    if (received == 0) {
      throw new BadRecordingException(
          file
              + " holds no thread events ("
              + String.join(", ", threadEventNames())
              + "): record"
              + " with JFR's default or profile settings, which enable them, for example"
              + " -XX:StartFlightRecording:filename=app.jfr,settings=profile.");
    }
    Timeline lines = timeline.timeline();
    long start = span == null ? lines.firstEpochNanos() : span.startEpochNanos();
    long end = span == null ? lines.lastEpochNanos() : span.endEpochNanos();
    ReportModel.Recording recording =
        new ReportModel.Recording(
            file.toString(),
            sizeOf(file),
            start,
            end,
            span == null ? 0 : span.chunks(),
            statistics.eventsReceived(),
            statistics.eventsBelowThreshold(),
            analyzer.snapshot().statistics().eventsProcessed());
    ReportModel.Settings reportSettings =
        new ReportModel.Settings(
            options.blockingThreshold().toNanos(),
            options.pinnedThreshold().toNanos(),
            options.top());
    return ReportModel.of(
        recording, reportSettings, analyzer.snapshot(), lines, analyzer.slowestTraced());
  }

  private static List<String> threadEventNames() {
    List<String> names = new ArrayList<>(List.of("jdk.ThreadStart", "jdk.ThreadEnd"));
    for (BlockingKind kind : BlockingKind.values()) {
      names.add(kind.eventName());
    }
    names.add(ReportModel.VIRTUAL_THREAD_START);
    names.add(ReportModel.VIRTUAL_THREAD_END);
    names.add(ReportModel.VIRTUAL_THREAD_PINNED);
    return names;
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException error) {
      return -1;
    }
  }

  /** The recording's span, or {@code null} if its headers cannot be read as expected. */
  private static RecordingSpan readSpan(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return RecordingSpan.read(file);
    } catch (IOException | RuntimeException error) {
      return null;
    }
  }

  /** Feeds the analyzer and the timeline, and counts for progress. Dispatch thread only. */
  private static final class Tee implements ThreadEventListener {
    final ThreadEventListener[] listeners;
    final AtomicLong events = new AtomicLong();
    final AtomicLong latestEpochNanos = new AtomicLong();
    long count;
    long latest;

    Tee(ThreadEventListener... listeners) {
      this.listeners = listeners;
    }

    @Override
    public void onEvent(ThreadEvent event) {
      for (ThreadEventListener listener : listeners) {
        listener.onEvent(event);
      }
      count++;
      if (event.epochNanos() > latest) {
        latest = event.epochNanos();
      }
      // Ordered but not fenced: the progress reader may see a value a little old, never torn.
      if ((count & 0x3FF) == 0) {
        events.lazySet(count);
        latestEpochNanos.lazySet(latest);
      }
    }

    @Override
    public void onFlush() {
      for (ThreadEventListener listener : listeners) {
        listener.onFlush();
      }
      events.lazySet(count);
      latestEpochNanos.lazySet(latest);
    }
  }
}
