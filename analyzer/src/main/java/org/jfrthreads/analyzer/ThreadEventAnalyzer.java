package org.jfrthreads.analyzer;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.jfrthreads.stream.ThreadBlocked;
import org.jfrthreads.stream.ThreadEnded;
import org.jfrthreads.stream.ThreadEvent;
import org.jfrthreads.stream.ThreadEventListener;
import org.jfrthreads.stream.ThreadPinned;
import org.jfrthreads.stream.ThreadStarted;

/**
 * Turns thread events into lifetimes, blocking-time distributions, counts, live threads by creation
 * site and suspected leaks, published as immutable {@link ThreadActivitySnapshot}s.
 *
 * <p>At every publication the live counts per kind and per site are offered to a {@link
 * LeakDetector} (unless {@link AnalyzerConfig#leakDetection()} disables it), which logs one WARN
 * per suspected leak through SLF4J.
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
  private final LeakDetector leakDetector;
  private final LongSupplier nextThreadId;
  private long eventsProcessed;
  private long latestEventEpochNanos;
  private volatile boolean followVirtualRequested = true;
  private boolean followingVirtual = true;
  private VirtualLifecycle virtualLifecycle = VirtualLifecycle.FOLLOWED;
  private volatile ThreadActivitySnapshot published = ThreadActivitySnapshot.EMPTY;

  /** An analyzer of live events: its windows follow the wall clock. */
  public ThreadEventAnalyzer(AnalyzerConfig config) {
    this(
        config,
        ThreadEventAnalyzer::wallClockEpochNanos,
        LeakListener.logging(),
        ThreadEventAnalyzer::nextThreadId);
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
    this(config, clock, leakListener, ThreadEventAnalyzer::nextThreadId);
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
    Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.nextThreadId = Objects.requireNonNull(nextThreadId, "nextThreadId");
    ApplicationFrames frames = new ApplicationFrames(config.libraryPackages());
    this.lifetimes = new LifetimeTracker(config, frames);
    this.leakDetector =
        config.leakDetection().enabled()
            ? new LeakDetector(config.leakDetection(), leakListener)
            : null;
    this.blocking = new BlockingTracker(config, frames);
    this.pinning = new PinningTracker(config, frames);
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
      virtualLifecycle = new VirtualLifecycle(false, 0, now, virtualLifecycle.shedTotal());
    } else {
      lifetimes.shedVirtual();
      if (leakDetector != null) {
        leakDetector.forget(ThreadKind.VIRTUAL, now);
      }
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
    Map<ThreadKind, ThreadCounts> counts = lifetimes.counts();
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
                blocking.overflowed() + pinning.overflowed() + lifetimes.overflowedSites()),
            liveBySite,
            observeLeaks(now, counts, liveBySite),
            virtualLifecycle);
  }

  // The detector samples at its own interval (default 1 s); publications come about as often.
  private LeakDetectorSnapshot observeLeaks(
      long now, Map<ThreadKind, ThreadCounts> counts, List<SiteLiveCount> liveBySite) {
    if (leakDetector == null) {
      return LeakDetectorSnapshot.EMPTY;
    }
    Map<ThreadKind, Long> liveByKind = new EnumMap<>(ThreadKind.class);
    counts.forEach((kind, count) -> liveByKind.put(kind, count.live()));
    List<SiteLiveCount> sites = liveBySite;
    if (!followingVirtual) {
      // Unknown, not zero and not steady: the detector does not see the virtual series at all.
      liveByKind.remove(ThreadKind.VIRTUAL);
      sites = liveBySite.stream().filter(site -> site.threadKind() != ThreadKind.VIRTUAL).toList();
    }
    return leakDetector.observe(now, liveByKind, sites);
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
