package org.jfrthreads.analyzer;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jfrthreads.analyzer.internal.ApplicationFrames;
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
 * <p>Virtual-thread lifecycle events can be shed and brought back ({@link #shedVirtual}, {@link
 * #rebaseVirtual}). While shed, virtual starts and ends are ignored and the followed virtual
 * threads are forgotten, since their ends will never come. Once back, only virtual threads with an
 * id above the re-base floor count: ids are handed out in creation order, and a thread created
 * after the events came back has its start recorded, so the live count is exact for those and
 * leaves out the older ones.
 *
 * <p>Not thread-safe: one writer thread.
 */
final class LifetimeTracker {

  private static final ThreadKind[] KINDS = ThreadKind.values();

  private final int maxTrackedThreads;
  private final ApplicationFrames frames;
  private final CreationSites sites;
  // Per kind, so that shedding can forget the virtual ones.
  private final ThreadTable[] liveThreads = {new ThreadTable(), new ThreadTable()};
  private ThreadTable pendingEnds = new ThreadTable();
  private ThreadTable previousPendingEnds = new ThreadTable();
  private final long[] started = new long[2];
  private final long[] ended = new long[2];
  private final long[] alreadyLive = new long[2];
  private final DurationRecorder[] lifetimes = {new DurationRecorder(), new DurationRecorder()};
  private final SlidingWindowRecorder[] recentLifetimes;
  private long untrackedStarts;
  private long unpairedEnds;
  private boolean virtualShed;
  private long virtualIdFloor; // virtual threads with an id at or below are not counted

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
    if (ignored(event.virtual(), event.threadId())) {
      return;
    }
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
    } else if (trackedThreads() < maxTrackedThreads) {
      int site = sites.started(KINDS[kind], frames.first(event.creationStack()));
      liveThreads[kind].put(id, event.epochNanos(), site);
    } else {
      untrackedStarts++;
    }
  }

  void ended(ThreadEnded event) {
    if (ignored(event.virtual(), event.threadId())) {
      return;
    }
    int kind = ThreadKind.of(event.virtual()).ordinal();
    ended[kind]++;
    ThreadTable live = liveThreads[kind];
    long start = live.remove(event.threadId());
    if (start != ThreadTable.NOT_FOUND) {
      sites.ended(KINDS[kind], live.lastRemovedSite());
      recordLifetime(kind, event.epochNanos() - start);
    } else if (event.threadId() > 0 && pendingEnds.size() < maxTrackedThreads) {
      pendingEnds.put(event.threadId(), event.epochNanos(), -1);
    } else {
      unpairedEnds++;
    }
  }

  private boolean ignored(boolean virtual, long threadId) {
    return virtual && (virtualShed || (threadId > 0 && threadId <= virtualIdFloor));
  }

  /**
   * Virtual lifecycle events are shed from now on: ignore them, and forget the virtual threads
   * followed so far, whose ends will not be seen.
   */
  void shedVirtual() {
    virtualShed = true;
    int kind = ThreadKind.VIRTUAL.ordinal();
    liveThreads[kind].clear();
    sites.forget(ThreadKind.VIRTUAL);
  }

  /**
   * Virtual lifecycle events are recorded again for every thread with an id above {@code idFloor}:
   * the live count starts again from zero and counts those threads only.
   */
  void rebaseVirtual(long idFloor) {
    virtualShed = false;
    virtualIdFloor = idFloor;
    int kind = ThreadKind.VIRTUAL.ordinal();
    alreadyLive[kind] = ended[kind] - started[kind];
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
    for (ThreadTable live : liveThreads) {
      live.compact();
    }
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
    if (id < 0) {
      return new long[0];
    }
    long[] found = new long[0];
    for (ThreadTable live : liveThreads) {
      long[] more = live.idsAt(id, max - found.length);
      long[] both = Arrays.copyOf(found, found.length + more.length);
      System.arraycopy(more, 0, both, found.length, more.length);
      found = both;
    }
    return found;
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
    return liveThreads[0].size() + liveThreads[1].size();
  }

  /** Package private. For testing only: the memory held for live threads, in slots. */
  int liveThreadsCapacity() {
    return liveThreads[0].capacity() + liveThreads[1].capacity();
  }

  long untrackedStarts() {
    return untrackedStarts;
  }

  long unpairedEnds() {
    return unpairedEnds;
  }
}
