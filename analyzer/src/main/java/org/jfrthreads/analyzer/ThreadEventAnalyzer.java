package org.jfrthreads.analyzer;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jfrthreads.analyzer.internal.ApplicationFrames;
import org.jfrthreads.stream.ThreadBlocked;
import org.jfrthreads.stream.ThreadEnded;
import org.jfrthreads.stream.ThreadEvent;
import org.jfrthreads.stream.ThreadEventListener;
import org.jfrthreads.stream.ThreadPinned;
import org.jfrthreads.stream.ThreadStarted;
import org.jfrthreads.stream.TraceScope;

/**
 * Turns thread events into lifetimes, blocking-time distributions, counts, live threads by creation
 * site and suspected leaks, published as immutable {@link ThreadActivitySnapshot}s.
 *
 * <p>At every publication the live counts per kind, per creation site and per virtual-thread group
 * ({@link #virtualGroupsFrom}) are offered to a {@link LeakDetector} (unless {@link
 * AnalyzerConfig#leakDetection()} disables it), which logs one WARN per suspected leak through
 * SLF4J; an analyzer of this JVM adds to it the top frames of some of the suspected threads.
 *
 * <pre>{@code
 * ThreadEventAnalyzer analyzer = new ThreadEventAnalyzer(AnalyzerConfig.defaults());
 * source.start(analyzer);                       // any ThreadEventSource
 * ThreadActivitySnapshot now = analyzer.snapshot();
 * }</pre>
 *
 * <h2>Threading</h2>
 *
 * <p>Single writer, many readers. {@link #onEvent}, {@link #onFlush} and {@link #publish} must be
 * called from one thread at a time, as a {@link org.jfrthreads.stream.ThreadEventSource}'s dispatch
 * thread does; they take no lock and allocate nothing per event but the label of a new series.
 * {@link #snapshot()} may be called from any thread at any time: it reads one volatile reference to
 * the last published snapshot and never waits for the writer. Snapshots are published at every
 * flush, about once a second for a live stream, so a reader sees data at most that old. {@link
 * #followVirtualLifecycle} may be called from any thread; the writer applies it at its next event
 * or publication.
 *
 * <h2>Exemplars</h2>
 *
 * <p>When the application commits traced scopes ({@link TraceScope}), each blocking or pinned event
 * is joined to the innermost scope of its thread that covered it, and becomes an exemplar of its
 * histogram ({@link DurationHistogram#exemplars()}): see {@link ExemplarJoin}. The event is counted
 * at once; only its exemplar waits for the scope, boundedly. Before the first scope nothing waits.
 *
 * <h2>Shed virtual lifecycle</h2>
 *
 * <p>When virtual-thread lifecycle events are shed (an overhead governor does it to keep watching
 * within a CPU budget), {@link #followVirtualLifecycle followVirtualLifecycle(false)} says so: the
 * virtual figures freeze and {@link ThreadActivitySnapshot#virtualLifecycle()} marks them unknown,
 * and the leak detector forgets the virtual series instead of reading a frozen count as steady.
 * When the events are back, {@code followVirtualLifecycle(true)} re-bases the live count: it counts
 * the virtual threads created from then on (see {@link VirtualLifecycle}).
 */
public final class ThreadEventAnalyzer implements ThreadEventListener {

  private final LongSupplier clock;
  private final LifetimeTracker lifetimes;
  private final BlockingTracker blocking;
  private final PinningTracker pinning;
  private final ExemplarJoin exemplars;
  private final LeakDetector leakDetector;
  private final int leakSitesPerKind;
  private final ThreadDumpEvidence evidence; // null: no live JVM to look at
  private volatile Supplier<Map<String, Long>> virtualGroups = Map::of;
  private final LongSupplier nextThreadId;
  private long eventsProcessed;
  private long latestEventEpochNanos;
  private volatile boolean followVirtualRequested = true;
  private boolean followingVirtual = true;
  private VirtualLifecycle virtualLifecycle = VirtualLifecycle.FOLLOWED;
  private volatile ThreadActivitySnapshot published = ThreadActivitySnapshot.EMPTY;
  private volatile List<TracedBlocking> slowestTraced = List.of();

  /**
   * An analyzer of live events of this JVM: its windows follow the wall clock, and when a leak is
   * first suspected it looks at some of the suspected threads (see {@link LeakEpisode#evidence()}).
   */
  public ThreadEventAnalyzer(AnalyzerConfig config) {
    this(
        config,
        ThreadEventAnalyzer::wallClockEpochNanos,
        LeakListener.logging(),
        ThreadEventAnalyzer::nextThreadId,
        true);
  }

  /**
   * Package private. For testing only.
   *
   * @param clock the time of a publication, in nanoseconds since the epoch
   */
  ThreadEventAnalyzer(AnalyzerConfig config, LongSupplier clock) {
    this(config, clock, LeakListener.logging());
  }

  /**
   * Package private. For testing only.
   *
   * @param clock the time of a publication, in nanoseconds since the epoch
   * @param leakListener told of leak episodes
   */
  ThreadEventAnalyzer(AnalyzerConfig config, LongSupplier clock, LeakListener leakListener) {
    this(config, clock, leakListener, ThreadEventAnalyzer::nextThreadId, false);
  }

  /**
   * Package private. For testing only.
   *
   * @param nextThreadId an id above that of every thread created so far
   */
  ThreadEventAnalyzer(
      AnalyzerConfig config,
      LongSupplier clock,
      LeakListener leakListener,
      LongSupplier nextThreadId) {
    this(config, clock, leakListener, nextThreadId, false);
  }

  private ThreadEventAnalyzer(
      AnalyzerConfig config,
      LongSupplier clock,
      LeakListener leakListener,
      LongSupplier nextThreadId,
      boolean thisJvm) {
    Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.nextThreadId = Objects.requireNonNull(nextThreadId, "nextThreadId");
    ApplicationFrames frames = new ApplicationFrames(config.libraryPackages());
    this.lifetimes = new LifetimeTracker(config, frames);
    this.evidence =
        thisJvm ? new ThreadDumpEvidence(ManagementFactory.getThreadMXBean(), frames) : null;
    LeakListener listener = Objects.requireNonNull(leakListener, "leakListener");
    this.leakDetector =
        config.leakDetection().enabled()
            ? new LeakDetector(
                config.leakDetection(), evidence == null ? listener : new WithEvidence(listener))
            : null;
    // Kind totals and a few virtual-thread groups take the rest of the detector's series.
    this.leakSitesPerKind = Math.max(1, (config.leakDetection().maxSeries() - 2) / 2);
    this.exemplars =
        new ExemplarJoin(config.exemplarWait().toNanos(), config.maxExemplarCandidates());
    this.blocking = new BlockingTracker(config, frames, exemplars);
    this.pinning = new PinningTracker(config, frames, exemplars);
  }

  /**
   * An analyzer of a recording: its windows follow the time of the events, so that "the last
   * minute" is the last minute of the recording.
   */
  public static ThreadEventAnalyzer forRecording(AnalyzerConfig config) {
    ThreadEventAnalyzer[] self = new ThreadEventAnalyzer[1];
    self[0] = new ThreadEventAnalyzer(config, () -> self[0].latestEventEpochNanos);
    return self[0];
  }

  /**
   * Declares how many threads of a kind were alive before the first event, so that the live count
   * starts right; call before the source starts. Without it, live counts start at zero and threads
   * older than the watch that end are not subtracted below zero.
   */
  public void assumeAlreadyLive(ThreadKind kind, long count) {
    if (count < 0) {
      throw new IllegalArgumentException(count + ": illegal live count. Expecting 0 or more.");
    }
    lifetimes.assumeAlreadyLive(Objects.requireNonNull(kind, "kind"), count);
  }

  /**
   * Feeds the leak detector virtual threads by group, for example {@code
   * VirtualThreadStates::byContainer} of the sampler's latest dump, so that a virtual-thread leak
   * can be named by the executor or scope that owns the threads (JFR gives virtual threads no
   * creation site). The supplier is called at every publication on the writer thread: it must be
   * quick and must not block. Any thread may call this method.
   */
  public void virtualGroupsFrom(Supplier<Map<String, Long>> groups) {
    this.virtualGroups = Objects.requireNonNull(groups, "groups");
  }

  /**
   * Declares that virtual-thread counts are incomplete from now on (their lifecycle events are
   * being shed), so that the leak detector does not read a frozen count as a steady one; see {@link
   * LeakDetector#virtualCountsUnknown()}. Any thread may call this method.
   */
  public void virtualCountsUnknown() {
    if (leakDetector != null) {
      leakDetector.virtualCountsUnknown();
    }
  }

  /** Declares that virtual-thread counts are complete again. Any thread may call this method. */
  public void virtualCountsKnown() {
    if (leakDetector != null) {
      leakDetector.virtualCountsKnown();
    }
  }

  /**
   * Says whether virtual-thread lifecycle events are delivered: {@code false} once they are shed at
   * the source, {@code true} once they are asked for again (call it after the source records them).
   * Any thread; the writer applies it at its next event or publication.
   *
   * @since 0.2
   */
  public void followVirtualLifecycle(boolean follow) {
    followVirtualRequested = follow;
  }

  // Writer thread. The re-base floor is taken here, after the source records the events again:
  // every thread created later has its start recorded, and delivered after this event.
  private void applyVirtualLifecycle() {
    boolean follow = followVirtualRequested;
    if (follow == followingVirtual) {
      return;
    }
    followingVirtual = follow;
    long now = clock.getAsLong();
    if (follow) {
      lifetimes.rebaseVirtual(nextThreadId.getAsLong());
      virtualCountsKnown();
      virtualLifecycle = new VirtualLifecycle(false, 0, now, virtualLifecycle.shedTotal());
    } else {
      lifetimes.shedVirtual();
      virtualCountsUnknown();
      virtualLifecycle =
          new VirtualLifecycle(
              true, now, virtualLifecycle.rebasedEpochNanos(), virtualLifecycle.shedTotal() + 1);
    }
  }

  @Override
  public void onEvent(ThreadEvent event) {
    switch (event) {
      case ThreadStarted started -> {
        applyVirtualLifecycle();
        lifetimes.started(started);
      }
      case ThreadEnded ended -> {
        applyVirtualLifecycle();
        lifetimes.ended(ended);
      }
      case ThreadBlocked blocked -> blocking.blocked(blocked);
      case ThreadPinned pinned -> pinning.pinned(pinned);
      case TraceScope scope -> exemplars.scope(scope);
    }
    eventsProcessed++;
    if (event.epochNanos() > latestEventEpochNanos) {
      latestEventEpochNanos = event.epochNanos();
    }
  }

  @Override
  public void onFlush() {
    publish();
  }

  /** Publishes a new snapshot of everything recorded so far. Writer thread only. */
  public void publish() {
    applyVirtualLifecycle();
    long now = clock.getAsLong();
    lifetimes.flushed(now);
    blocking.flushed(now);
    pinning.flushed(now);
    exemplars.flushed(now);
    slowestTraced = exemplars.slowest();
    Map<ThreadKind, ThreadCounts> counts = lifetimes.counts();
    // A site suspected of a leak gets a series of its own in liveBySite.
    for (LeakSeriesState suspected : published.leaks().suspected()) {
      if (!suspected.site().equals(LeakDetector.ALL_SITES)) {
        lifetimes.showSite(suspected.threadKind(), suspected.site());
      }
    }
    List<SiteLiveCount> liveBySite = lifetimes.liveBySite();
    published =
        new ThreadActivitySnapshot(
            now,
            counts,
            lifetimes.lifetimes(),
            lifetimes.recentLifetimes(),
            blocking.series(),
            blocking.recent(),
            pinning.series(),
            pinning.recent(),
            new AnalyzerStatistics(
                eventsProcessed,
                lifetimes.trackedThreads(),
                lifetimes.untrackedStarts(),
                lifetimes.unpairedEnds(),
                blocking.overflowed() + pinning.overflowed() + lifetimes.overflowedSites(),
                exemplars.statistics()),
            liveBySite,
            observeLeaks(now, counts),
            virtualLifecycle);
  }

  // The detector samples at its own interval (default 1 s); publications come about as often.
  // The detector judges the largest sites whether shown or not, never other, and virtual threads by
  // group; virtual threads' creation site is "unknown" on JDK 25, a copy of their total.
  private LeakDetectorSnapshot observeLeaks(long now, Map<ThreadKind, ThreadCounts> counts) {
    if (leakDetector == null) {
      return LeakDetectorSnapshot.EMPTY;
    }
    Map<ThreadKind, Long> liveByKind = new EnumMap<>(ThreadKind.class);
    counts.forEach((kind, count) -> liveByKind.put(kind, count.live()));
    List<SiteLiveCount> series = new ArrayList<>();
    for (SiteLiveCount site : lifetimes.largestSites(leakSitesPerKind)) {
      if (site.threadKind() == ThreadKind.PLATFORM
          || !site.site().equals(ApplicationFrames.UNKNOWN)) {
        series.add(site);
      }
    }
    Map<String, Long> groups;
    try {
      groups = virtualGroups.get();
    } catch (RuntimeException e) {
      groups = Map.of();
    }
    groups.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(leakSitesPerKind)
        .forEach(
            group ->
                series.add(
                    new SiteLiveCount(ThreadKind.VIRTUAL, group.getKey(), group.getValue())));
    return leakDetector.observe(now, liveByKind, series);
  }

  // Adds to an episode's first notice what some of the suspected platform threads are doing.
  private final class WithEvidence implements LeakListener {
    private final LeakListener delegate;

    WithEvidence(LeakListener delegate) {
      this.delegate = delegate;
    }

    @Override
    public void episodeStarted(LeakEpisode episode) {
      delegate.episodeStarted(episode.withEvidence(lookAt(episode)));
    }

    @Override
    public void episodeCleared(LeakEpisode episode, long clearedEpochNanos) {
      delegate.episodeCleared(episode, clearedEpochNanos);
    }

    private String lookAt(LeakEpisode episode) {
      LeakSeriesState series = episode.series();
      if (series.threadKind() != ThreadKind.PLATFORM) {
        return "";
      }
      String site = series.site();
      if (site.equals(LeakDetector.ALL_SITES)) {
        if (episode.topSites().isEmpty()) {
          return "";
        }
        site = episode.topSites().getFirst().site();
      }
      return evidence.describe(
          lifetimes.threadIdsAt(site, ThreadDumpEvidence.MAX_THREADS), System.nanoTime());
    }
  }

  /**
   * The slowest blocking and pinned events joined to a traced scope up to the last publication,
   * slowest first, at most 20; empty without scope events. Any thread, never blocks.
   *
   * @since 0.2
   */
  public List<TracedBlocking> slowestTraced() {
    return slowestTraced;
  }

  /** The last published snapshot; any thread, never blocks. */
  public ThreadActivitySnapshot snapshot() {
    return published;
  }

  // Thread ids come from one counter in creation order, shared by platform and virtual threads; an
  // unstarted thread takes the next one and costs nothing else.
  private static long nextThreadId() {
    return Thread.ofVirtual().unstarted(() -> {}).threadId();
  }

  private static long wallClockEpochNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
