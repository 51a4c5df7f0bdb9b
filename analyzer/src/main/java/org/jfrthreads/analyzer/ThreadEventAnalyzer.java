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
 * flush, about once a second for a live stream, so a reader sees data at most that old.
 */
public final class ThreadEventAnalyzer implements ThreadEventListener {

  private final LongSupplier clock;
  private final LifetimeTracker lifetimes;
  private final BlockingTracker blocking;
  private final PinningTracker pinning;
  private final LeakDetector leakDetector;
  private long eventsProcessed;
  private long latestEventEpochNanos;
  private volatile ThreadActivitySnapshot published = ThreadActivitySnapshot.EMPTY;

  /** An analyzer of live events: its windows follow the wall clock. */
  public ThreadEventAnalyzer(AnalyzerConfig config) {
    this(config, ThreadEventAnalyzer::wallClockEpochNanos);
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
    Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
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

  @Override
  public void onEvent(ThreadEvent event) {
    switch (event) {
      case ThreadStarted started -> lifetimes.started(started);
      case ThreadEnded ended -> lifetimes.ended(ended);
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
            observeLeaks(now, counts, liveBySite));
  }

  // The detector samples at its own interval (default 1 s); publications come about as often.
  private LeakDetectorSnapshot observeLeaks(
      long now, Map<ThreadKind, ThreadCounts> counts, List<SiteLiveCount> liveBySite) {
    if (leakDetector == null) {
      return LeakDetectorSnapshot.EMPTY;
    }
    Map<ThreadKind, Long> liveByKind = new EnumMap<>(ThreadKind.class);
    counts.forEach((kind, count) -> liveByKind.put(kind, count.live()));
    return leakDetector.observe(now, liveByKind, liveBySite);
  }

  /** The last published snapshot; any thread, never blocks. */
  public ThreadActivitySnapshot snapshot() {
    return published;
  }

  private static long wallClockEpochNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
