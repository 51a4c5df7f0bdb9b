package org.jfrthreads.cli.internal.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jfrthreads.analyzer.BlockedSeries;
import org.jfrthreads.analyzer.DurationHistogram;
import org.jfrthreads.analyzer.PinnedSeries;
import org.jfrthreads.analyzer.ThreadActivitySnapshot;
import org.jfrthreads.analyzer.ThreadCounts;
import org.jfrthreads.analyzer.ThreadKind;
import org.jfrthreads.analyzer.TracedBlocking;
import org.jfrthreads.stream.BlockingKind;
import org.jfrthreads.stream.TraceScope;

/**
 * Everything a report shows, in one immutable value: what {@link TextReport}, {@link JsonReport}
 * and {@link HtmlReport} render, each in its own way.
 *
 * @param recording the file and what was read from it
 * @param settings the thresholds and bounds of the analysis
 * @param threads started, ended and live threads and their lifetimes, by kind (both kinds always)
 * @param blockingByKind blocking time by blocking kind and thread kind, classes together; only the
 *     pairs with events
 * @param topBlocking blocking time by class, the largest total first, at most {@code
 *     settings.top()}
 * @param pinning pinned virtual-thread time by reason and site, the largest total first
 * @param liveBySite live threads at the end by creation site, when the analyzer reports them
 * @param timeline thread starts and ends over the recording
 * @param growth whether live threads kept growing, by kind
 * @param notes what the reader should know about the data: what is absent and why
 */
public record ReportModel(
    Recording recording,
    Settings settings,
    Map<ThreadKind, ThreadSummary> threads,
    List<BlockingSummary> blockingByKind,
    List<BlockedRow> topBlocking,
    List<PinnedRow> pinning,
    Optional<List<LiveSite>> liveBySite,
    Timeline timeline,
    List<Growth> growth,
    List<String> notes,
    List<TracedBlocking> slowestTraced) {

  public ReportModel {
    Objects.requireNonNull(recording, "recording");
    Objects.requireNonNull(settings, "settings");
    threads = Map.copyOf(new EnumMap<>(threads));
    for (ThreadKind kind : ThreadKind.values()) {
      if (!threads.containsKey(kind)) {
        throw new IllegalArgumentException(
            threads.keySet() + ": missing thread kind " + kind + ". Expecting both kinds.");
      }
    }
    blockingByKind = List.copyOf(blockingByKind);
    topBlocking = List.copyOf(topBlocking);
    pinning = List.copyOf(pinning);
    liveBySite = liveBySite.map(List::copyOf);
    Objects.requireNonNull(timeline, "timeline");
    growth = List.copyOf(growth);
    notes = List.copyOf(notes);
    slowestTraced = List.copyOf(slowestTraced);
  }

  /** Whether the recording holds traced scope events, so that blocking can name its trace. */
  public boolean hasTraceScopes() {
    return TraceScope.EVENT_NAMES.stream().anyMatch(name -> recording.events(name) > 0);
  }

  /**
   * The recording file.
   *
   * @param file the path as given
   * @param sizeBytes its size
   * @param startEpochNanos when the recording began (its first chunk)
   * @param endEpochNanos when it ended (its last chunk)
   * @param chunks how many chunks it holds
   * @param eventsByName JFR thread events read, by event name, including those below threshold
   * @param eventsBelowThreshold blocking and pinned events left out for being shorter than the
   *     thresholds
   * @param eventsAnalyzed events the analyzer processed
   */
  public record Recording(
      String file,
      long sizeBytes,
      long startEpochNanos,
      long endEpochNanos,
      int chunks,
      Map<String, Long> eventsByName,
      long eventsBelowThreshold,
      long eventsAnalyzed) {

    public Recording {
      Objects.requireNonNull(file, "file");
      eventsByName = Collections.unmodifiableMap(new TreeMap<>(eventsByName));
    }

    public long durationNanos() {
      return endEpochNanos - startEpochNanos;
    }

    /** Events of {@code eventName} read, 0 if none. */
    public long events(String eventName) {
      return eventsByName.getOrDefault(eventName, 0L);
    }
  }

  /**
   * @param blockingThresholdNanos the shortest monitor, wait, park or sleep event counted
   * @param pinnedThresholdNanos the shortest pinned event counted
   * @param top how many classes or sites are shown by name
   */
  public record Settings(long blockingThresholdNanos, long pinnedThresholdNanos, int top) {}

  /**
   * Threads of one kind.
   *
   * @param started starts in the recording
   * @param ended ends in the recording
   * @param liveAtEnd started minus ended, not below zero: threads started in the recording and
   *     alive at its end
   * @param lifetimes lifetimes of the threads whose start and end are both in the recording
   */
  public record ThreadSummary(
      ThreadKind kind, long started, long ended, long liveAtEnd, DurationSummary lifetimes) {

    /**
     * Whether the recording holds any start or end of this kind; without, its counts are absent
     * (not recorded), not zero.
     */
    public boolean seen() {
      return started + ended > 0;
    }
  }

  /** Blocking of one kind by threads of one kind, all classes together. */
  public record BlockingSummary(
      BlockingKind kind, ThreadKind threadKind, DurationSummary durations) {}

  /**
   * Blocking of one kind by threads of one kind, charged to one class: the monitor's class, the
   * park blocker's class, or for sleep the sleeping code's class; {@code none}, {@code unknown} and
   * {@code other} as in {@link BlockedSeries}.
   */
  public record BlockedRow(
      BlockingKind kind, ThreadKind threadKind, String className, DurationSummary durations) {}

  /** Pinned time for one reason at one site, as in {@link PinnedSeries}. */
  public record PinnedRow(String reason, String site, DurationSummary durations) {}

  /** Threads of one kind created at one site and alive at the end of the recording. */
  public record LiveSite(String site, ThreadKind kind, long live) {}

  /** The thread event name of each piece of data, for the notes. */
  static final String VIRTUAL_THREAD_START = "jdk.VirtualThreadStart";

  static final String VIRTUAL_THREAD_END = "jdk.VirtualThreadEnd";
  static final String VIRTUAL_THREAD_PINNED = "jdk.VirtualThreadPinned";

  /** Builds a model from what the analyzer and the timeline made of a recording. */
  public static ReportModel of(
      Recording recording, Settings settings, ThreadActivitySnapshot snapshot, Timeline timeline) {
    return of(recording, settings, snapshot, timeline, List.of());
  }

  /**
   * Builds a model from what the analyzer and the timeline made of a recording, with the slowest
   * blocking events joined to a traced scope ({@code ThreadEventAnalyzer.slowestTraced()}).
   */
  public static ReportModel of(
      Recording recording,
      Settings settings,
      ThreadActivitySnapshot snapshot,
      Timeline timeline,
      List<TracedBlocking> slowestTraced) {
    Map<ThreadKind, ThreadSummary> threads = new EnumMap<>(ThreadKind.class);
    for (ThreadKind kind : ThreadKind.values()) {
      ThreadCounts counts = snapshot.counts(kind);
      threads.put(
          kind,
          new ThreadSummary(
              kind,
              counts.started(),
              counts.ended(),
              counts.live(),
              DurationSummary.of(snapshot.lifetimes(kind))));
    }
    List<Growth> growth = new ArrayList<>();
    for (ThreadKind kind : ThreadKind.values()) {
      growth.add(Growth.of(timeline, kind));
    }
    return new ReportModel(
        recording,
        settings,
        threads,
        blockingByKind(snapshot),
        topBlocking(snapshot, settings.top()),
        pinning(snapshot),
        Optional.of(
            snapshot.liveBySite().stream()
                .filter(site -> site.live() > 0)
                .map(site -> new LiveSite(site.site(), site.threadKind(), site.live()))
                .toList()),
        timeline,
        growth,
        ReportNotes.of(recording, settings, snapshot),
        slowestTraced);
  }

  private static List<BlockingSummary> blockingByKind(ThreadActivitySnapshot snapshot) {
    List<BlockingSummary> result = new ArrayList<>();
    for (BlockingKind kind : BlockingKind.values()) {
      for (ThreadKind threadKind : ThreadKind.values()) {
        DurationHistogram all = DurationHistogram.EMPTY;
        for (BlockedSeries series : snapshot.blocked()) {
          if (series.kind() == kind && series.threadKind() == threadKind) {
            all = all.plus(series.durations());
          }
        }
        if (all.count() > 0) {
          result.add(new BlockingSummary(kind, threadKind, DurationSummary.of(all)));
        }
      }
    }
    return result;
  }

  private static List<BlockedRow> topBlocking(ThreadActivitySnapshot snapshot, int top) {
    return snapshot.blocked().stream()
        .filter(series -> series.durations().count() > 0)
        .sorted(Comparator.comparingLong((BlockedSeries s) -> s.durations().sumNanos()).reversed())
        .limit(top)
        .map(
            s ->
                new BlockedRow(
                    s.kind(), s.threadKind(), s.className(), DurationSummary.of(s.durations())))
        .toList();
  }

  private static List<PinnedRow> pinning(ThreadActivitySnapshot snapshot) {
    return snapshot.pinned().stream()
        .filter(series -> series.durations().count() > 0)
        .sorted(Comparator.comparingLong((PinnedSeries s) -> s.durations().sumNanos()).reversed())
        .map(s -> new PinnedRow(s.reason(), s.site(), DurationSummary.of(s.durations())))
        .toList();
  }

  /** Threads of one kind. */
  public ThreadSummary threads(ThreadKind kind) {
    return threads.get(kind);
  }

  /** Whether the recording holds any virtual-thread event the analyzer counted. */
  public boolean hasVirtualThreadData() {
    ThreadSummary virtual = threads(ThreadKind.VIRTUAL);
    return virtual.started() + virtual.ended() > 0
        || !pinning.isEmpty()
        || blockingByKind.stream().anyMatch(b -> b.threadKind() == ThreadKind.VIRTUAL);
  }
}
