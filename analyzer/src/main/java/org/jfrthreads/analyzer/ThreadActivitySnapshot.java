package org.jfrthreads.analyzer;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jfrthreads.stream.BlockingKind;

/**
 * Everything the analyzer knows at one publication: immutable, safe to share between threads.
 *
 * <p>Cumulative distributions ({@link #lifetimes}, {@link #blocked}, {@link #pinned}) cover the
 * time since watching began; the {@code recent...} ones cover the configured window.
 *
 * @param publishedEpochNanos when this snapshot was taken
 * @param counts started, ended and live threads by kind
 * @param lifetimes how long threads lived (end minus start) by kind, for threads whose start and
 *     end were both seen
 * @param recentLifetimes the same over the window
 * @param blocked blocking time by kind, thread kind and class; top N classes plus {@code other}
 * @param recentBlocked blocking time over the window by kind and thread kind, classes together
 * @param pinned pinned time by reason and site; top N plus {@code other}
 * @param recentPinned pinned time over the window, reasons and sites together
 * @param statistics the analyzer's own health
 * @param liveBySite live threads by kind and creation site, top N sites per kind plus {@code
 *     other}; counts only the threads followed for their lifetime, so its sum per kind is at most
 *     {@link ThreadCounts#live()} (threads alive before watching began have no known site)
 * @param leaks the leak detector's state at this publication, {@link LeakDetectorSnapshot#EMPTY}
 *     when leak detection is disabled
 * @param virtualLifecycle whether the virtual figures of {@link #counts}, {@link #lifetimes},
 *     {@link #recentLifetimes} and {@link #liveBySite} are known now, or frozen because virtual
 *     lifecycle events are shed
 */
public record ThreadActivitySnapshot(
    long publishedEpochNanos,
    Map<ThreadKind, ThreadCounts> counts,
    Map<ThreadKind, DurationHistogram> lifetimes,
    Map<ThreadKind, DurationHistogram> recentLifetimes,
    List<BlockedSeries> blocked,
    Map<BlockingKind, Map<ThreadKind, DurationHistogram>> recentBlocked,
    List<PinnedSeries> pinned,
    DurationHistogram recentPinned,
    AnalyzerStatistics statistics,
    List<SiteLiveCount> liveBySite,
    LeakDetectorSnapshot leaks,
    VirtualLifecycle virtualLifecycle) {

  /** Before anything was published. */
  public static final ThreadActivitySnapshot EMPTY = empty();

  public ThreadActivitySnapshot {
    counts = Map.copyOf(counts);
    lifetimes = Map.copyOf(lifetimes);
    recentLifetimes = Map.copyOf(recentLifetimes);
    blocked = List.copyOf(blocked);
    Map<BlockingKind, Map<ThreadKind, DurationHistogram>> recent =
        new EnumMap<>(BlockingKind.class);
    recentBlocked.forEach((kind, byThread) -> recent.put(kind, Map.copyOf(byThread)));
    recentBlocked = Map.copyOf(recent);
    pinned = List.copyOf(pinned);
    Objects.requireNonNull(recentPinned, "recentPinned");
    Objects.requireNonNull(statistics, "statistics");
    liveBySite = List.copyOf(liveBySite);
    Objects.requireNonNull(leaks, "leaks");
    Objects.requireNonNull(virtualLifecycle, "virtualLifecycle");
  }

  /** Live threads of one kind created at one site ({@code "other"} for the rest), 0 if none. */
  public long liveBySite(ThreadKind threadKind, String site) {
    for (SiteLiveCount count : liveBySite) {
      if (count.threadKind() == threadKind && count.site().equals(site)) {
        return count.live();
      }
    }
    return 0;
  }

  /** Counts of one kind, {@link ThreadCounts#ZERO} if none. */
  public ThreadCounts counts(ThreadKind kind) {
    return counts.getOrDefault(kind, ThreadCounts.ZERO);
  }

  /** Lifetimes of one kind, empty if none. */
  public DurationHistogram lifetimes(ThreadKind kind) {
    return lifetimes.getOrDefault(kind, DurationHistogram.EMPTY);
  }

  /** Lifetimes of one kind over the window, empty if none. */
  public DurationHistogram recentLifetimes(ThreadKind kind) {
    return recentLifetimes.getOrDefault(kind, DurationHistogram.EMPTY);
  }

  /** Blocking of one kind by threads of one kind over the window, all classes together. */
  public DurationHistogram recentBlocked(BlockingKind kind, ThreadKind threadKind) {
    return recentBlocked
        .getOrDefault(kind, Map.of())
        .getOrDefault(threadKind, DurationHistogram.EMPTY);
  }

  /** The series of {@link #blocked} for one kind and class, or empty. */
  public DurationHistogram blocked(BlockingKind kind, ThreadKind threadKind, String className) {
    for (BlockedSeries series : blocked) {
      if (series.kind() == kind
          && series.threadKind() == threadKind
          && series.className().equals(className)) {
        return series.durations();
      }
    }
    return DurationHistogram.EMPTY;
  }

  private static ThreadActivitySnapshot empty() {
    return new ThreadActivitySnapshot(
        0,
        Map.of(),
        Map.of(),
        Map.of(),
        List.of(),
        Map.of(),
        List.of(),
        DurationHistogram.EMPTY,
        AnalyzerStatistics.ZERO,
        List.of(),
        LeakDetectorSnapshot.EMPTY,
        VirtualLifecycle.FOLLOWED);
  }
}
