package org.jfrthreads.analyzer;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jfrthreads.stream.ThreadEnded;
import org.jfrthreads.stream.ThreadStarted;

/**
 * Pairs thread starts with ends: counts, live threads, lifetimes, live threads by creation site.
 *
 * <p>Events may arrive out of order (the stream is unordered to save memory, and a virtual thread
 * that changed carrier has its start and end in different JFR buffers), so an end may come before
 * its start. Such an end waits in {@code pendingEnds} for its start until the flush after the one
 * it arrived in; JFR reorders only within one flush, so an end still unmatched then belongs to a
 * thread whose start was never seen and is counted as unpaired.
 *
 * <p>Not thread-safe: one writer thread.
 */
final class LifetimeTracker {

  private static final ThreadKind[] KINDS = ThreadKind.values();

  private final int maxTrackedThreads;
  private final ApplicationFrames frames;
  private final CreationSites sites;
  private final ThreadTable liveThreads = new ThreadTable();
  private ThreadTable pendingEnds = new ThreadTable();
  private ThreadTable previousPendingEnds = new ThreadTable();
  private final long[] started = new long[2];
  private final long[] ended = new long[2];
  private final long[] alreadyLive = new long[2];
  private final DurationRecorder[] lifetimes = {new DurationRecorder(), new DurationRecorder()};
  private final SlidingWindowRecorder[] recentLifetimes;
  private long untrackedStarts;
  private long unpairedEnds;

  LifetimeTracker(AnalyzerConfig config, ApplicationFrames frames) {
    this.maxTrackedThreads = config.maxTrackedThreads();
    this.frames = frames;
    this.sites = new CreationSites(config.maxSeries(), config.topN());
    this.recentLifetimes =
        new SlidingWindowRecorder[] {
          new SlidingWindowRecorder(config.window(), config.windowSlices()),
          new SlidingWindowRecorder(config.window(), config.windowSlices())
        };
  }

  void assumeAlreadyLive(ThreadKind kind, long count) {
    alreadyLive[kind.ordinal()] = count;
  }

  void started(ThreadStarted event) {
    int kind = ThreadKind.of(event.virtual()).ordinal();
    started[kind]++;
    long id = event.threadId();
    if (id <= 0) {
      untrackedStarts++;
      return;
    }
    long end = takePendingEnd(id);
    if (end != ThreadTable.NOT_FOUND) {
      recordLifetime(kind, end - event.epochNanos());
    } else if (liveThreads.size() < maxTrackedThreads) {
      int site = sites.started(KINDS[kind], frames.first(event.creationStack()));
      liveThreads.put(id, event.epochNanos(), site);
    } else {
      untrackedStarts++;
    }
  }

  void ended(ThreadEnded event) {
    int kind = ThreadKind.of(event.virtual()).ordinal();
    ended[kind]++;
    long start = liveThreads.remove(event.threadId());
    if (start != ThreadTable.NOT_FOUND) {
      sites.ended(KINDS[kind], liveThreads.lastRemovedSite());
      recordLifetime(kind, event.epochNanos() - start);
    } else if (event.threadId() > 0 && pendingEnds.size() < maxTrackedThreads) {
      pendingEnds.put(event.threadId(), event.epochNanos(), -1);
    } else {
      unpairedEnds++;
    }
  }

  private long takePendingEnd(long id) {
    long end = pendingEnds.remove(id);
    return end != ThreadTable.NOT_FOUND ? end : previousPendingEnds.remove(id);
  }

  private void recordLifetime(int kind, long nanos) {
    lifetimes[kind].record(nanos);
    recentLifetimes[kind].record(nanos);
  }

  /** Ends a flush period: retires unmatched ends, gives memory back, moves the window. */
  void flushed(long nowEpochNanos) {
    unpairedEnds += previousPendingEnds.size();
    ThreadTable retired = previousPendingEnds;
    previousPendingEnds = pendingEnds;
    retired.clear();
    pendingEnds = retired;
    liveThreads.compact();
    for (SlidingWindowRecorder window : recentLifetimes) {
      window.advanceTo(nowEpochNanos);
    }
  }

  Map<ThreadKind, ThreadCounts> counts() {
    Map<ThreadKind, ThreadCounts> counts = new EnumMap<>(ThreadKind.class);
    for (ThreadKind kind : ThreadKind.values()) {
      int k = kind.ordinal();
      long live = Math.max(0, alreadyLive[k] + started[k] - ended[k]);
      counts.put(kind, new ThreadCounts(started[k], ended[k], live));
    }
    return counts;
  }

  Map<ThreadKind, DurationHistogram> lifetimes() {
    return byKind(lifetimes[0].snapshot(), lifetimes[1].snapshot());
  }

  Map<ThreadKind, DurationHistogram> recentLifetimes() {
    return byKind(recentLifetimes[0].snapshot(), recentLifetimes[1].snapshot());
  }

  private static Map<ThreadKind, DurationHistogram> byKind(
      DurationHistogram platform, DurationHistogram virtual) {
    return Map.of(ThreadKind.PLATFORM, platform, ThreadKind.VIRTUAL, virtual);
  }

  /** Live followed threads by kind and creation site: the shown sites per kind plus other. */
  List<SiteLiveCount> liveBySite() {
    return sites.shown();
  }

  /** The sites the leak detector judges: the {@code n} largest per kind, without other. */
  List<SiteLiveCount> largestSites(int n) {
    return sites.largest(n);
  }

  /** Up to {@code max} ids of live threads started at {@code site}; empty if none is known. */
  long[] threadIdsAt(String site, int max) {
    int id = sites.idOf(site);
    return id < 0 ? new long[0] : liveThreads.idsAt(id, max);
  }

  /** Gives a site suspected of a leak a series of its own while it has live threads. */
  void showSite(ThreadKind kind, String site) {
    sites.show(kind, site);
  }

  /** Starts whose creation site found no free id and were counted under other. */
  long overflowedSites() {
    return sites.overflowed();
  }

  int trackedThreads() {
    return liveThreads.size();
  }

  /** Package private. For testing only: the memory held for live threads, in slots. */
  int liveThreadsCapacity() {
    return liveThreads.capacity();
  }

  long untrackedStarts() {
    return untrackedStarts;
  }

  long unpairedEnds() {
    return unpairedEnds;
  }
}
