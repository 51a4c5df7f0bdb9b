package org.jfrthreads.analyzer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches live thread counts, per kind and per creation site, for growth that looks like a leak.
 *
 * <pre>{@code
 * LeakDetector detector = new LeakDetector(LeakDetectorConfig.defaults(), LeakListener.logging());
 * // about once a second, e.g. at every analyzer publication:
 * LeakDetectorSnapshot state = detector.observe(nowEpochNanos, liveByKind, liveBySite);
 * }</pre>
 *
 * <h2>The rule</h2>
 *
 * <p>Each series is sampled once per {@link LeakDetectorConfig#sampleInterval() sample interval}
 * (default 1 s) and judged at three time scales: the fast one, whose trend window is {@code
 * trendSamples} (30) samples, and one per {@link LeakDetectorConfig#slowWindows() slow window}
 * (default 3 and 40 minutes), with as many samples, each the least live count of its longer
 * interval (6 s and 80 s). At each scale a growth episode starts when all of these hold:
 *
 * <ol>
 *   <li><b>Above the band.</b> The <i>floor</i>, the smallest of the last {@code floorSamples} (5)
 *       samples, is above {@code baseline + band}. The baseline is the median of the {@code
 *       baselineWindow} (60 samples) <i>before</i> the trend window, so a rise is compared with
 *       what came before it. The band is the largest of: {@code bandMads} (1.5) median absolute
 *       deviations of that window around its own straight line (noise, at least one thread); the
 *       largest rise above its baseline the series made <i>and undid</i> before (its bursts, with a
 *       half-life of 21,600 samples: 6 h at the fast scale), since a leak never comes back down;
 *       and a share of the baseline, {@code minFastGrowthShare} (1.5) at the fast scale and {@code
 *       minGrowthShare} (0.25) at the slow ones. A daily cycle of ±50 % rises by at most about 10 %
 *       of its value in 40 minutes; a busy pool's bursts add a third of it within seconds.
 *   <li><b>Risen repeatedly, monotone.</b> Over the last {@code trendSamples} floors, the floor
 *       reached a new high at least {@code minRisingSamples} (5) times, and Kendall's rank
 *       correlation of those floors with time is at least {@code minMonotonicity} (0.6).
 *   <li><b>Sustained.</b> For at least 90 % of those floors, the floor a third of the window later
 *       is higher by at least {@code minGrowthPerSecond} times that span and by half the noise
 *       band; and the window cut in five parts rose in every part, together by at least half the
 *       growth asked and by the share of the baseline. A step, a ramp of a few samples or a few
 *       bursts stacked on one another climb in some parts and leave another flat. <b>Threads that
 *       never end:</b> when no sample of the series fell over the scale's span (floors and trend
 *       window, 3.4 minutes at the 3-minute scale), nothing there ended, so a flat part is a pause
 *       between two leaked threads, not the top of a step: then four of the five parts must rise
 *       and half the pairs. A leak of one thread every 10 s leaves a 30-s part flat one time in
 *       twenty; a pool's threads end, and its count falls, every few seconds.
 *   <li><b>Fast enough.</b> The least-squares slope of those floors is at least {@code
 *       minGrowthPerSecond} (0.25 threads/s) at the fast scale, and the same growth in threads over
 *       the longer trend window at the slow ones (7.5 threads in 3 or in 40 minutes).
 * </ol>
 *
 * <p>A scale's episode clears when its floor has made no new high for {@code clearAfter} (30
 * samples of that scale); the series is suspected while any scale has an episode open, and also,
 * once suspected, while none of its threads ended (its count never fell) and it made a new high
 * within the slowest scale's clear span (40 minutes): a slow leak pausing between two threads is
 * still the same leak, one episode. The figures of {@code LeakScalesSimulation} (a week of a busy
 * pool, 40 seeds per case) are in the README.
 *
 * <p>A series is first judged at a scale once it has {@code baselineWindow + floorSamples +
 * trendSamples - 1} samples of that scale (94 s, 9.4 min and 2 h with the defaults); its baseline
 * is NaN until then.
 *
 * <h2>One episode per leak</h2>
 *
 * <p>A site's episode is announced when it starts. The series of all threads of a kind is announced
 * only while no site of that kind has an open episode: a site that grows explains the growth of its
 * kind, so a leak from one site is one episode and one WARN. When the total is announced, its
 * episode names the sites that grew most.
 *
 * <h2>Series</h2>
 *
 * <p>One series per thread kind ({@link #ALL_SITES}) and one per creation site or virtual-thread
 * group given (the analyzer gives its largest sites per kind, never {@code other}, and leaves out
 * sites with no live thread). A series that first appears after the first sample is taken to have
 * been at 0 for its whole history, so a site that starts leaking from nothing is judged at once. A
 * series absent from an observation counts as 0; absent for as many samples as its slowest scale
 * keeps, it is forgotten and its open episode cleared. Memory is bounded: {@code baselineWindow +
 * floorSamples + trendSamples - 1} samples per scale and series, whatever the windows. At most
 * {@code maxSeries} are followed at once; further ones are ignored and counted.
 *
 * <h2>Threading</h2>
 *
 * <p>Not thread-safe: {@link #observe} is called from one thread at a time, and the {@link
 * LeakListener} is called on it. The returned {@link LeakDetectorSnapshot} is immutable.
 */
final class LeakDetector {

  /** The site of the series that counts all threads of a kind. */
  public static final String ALL_SITES = "all";

  private static final Logger LOG = LoggerFactory.getLogger(LeakDetector.class);
  private static final int TOP_SITES = 3;

  private final LeakDetectorConfig config;
  private final LeakListener listener;
  private final long intervalNanos;
  private final Map<Key, Tracked> series = new LinkedHashMap<>();
  private long nextSampleEpochNanos = Long.MIN_VALUE;
  private long samplesTaken;
  private long episodesStarted;
  private long overflowedSeries;
  private boolean virtualUnknown;
  private boolean pausedOnce;
  private volatile Boolean virtualKnownRequest; // null: no change asked
  private LeakDetectorSnapshot latest = LeakDetectorSnapshot.EMPTY;

  /**
   * @param config windows and thresholds, not {@code null}
   * @param listener told of episodes, not {@code null}; {@link LeakListener#logging()} logs them
   */
  public LeakDetector(LeakDetectorConfig config, LeakListener listener) {
    this.config = Objects.requireNonNull(config, "config");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.intervalNanos = config.sampleInterval().toNanos();
  }

  /**
   * Declares that the virtual-thread counts offered from now on cannot be trusted, for example
   * because virtual-thread lifecycle events are being shed: a frozen count must not read as a
   * steady one. From the next sample, virtual-thread series are dropped (an open episode is
   * cleared) and virtual-thread input is ignored until {@link #virtualCountsKnown()}. Safe to call
   * from any thread.
   */
  public void virtualCountsUnknown() {
    virtualKnownRequest = Boolean.FALSE;
  }

  /**
   * Declares that the virtual-thread counts offered are complete again. Their series start afresh
   * from the next sample, and are judged once they have a full history again. Safe to call from any
   * thread.
   */
  public void virtualCountsKnown() {
    virtualKnownRequest = Boolean.TRUE;
  }

  /**
   * Offers the live counts of now; takes a sample if a sample interval has passed since the last
   * one, and returns the state after it (or the previous state if no sample was due).
   *
   * @param epochNanos the time of the counts
   * @param liveByKind live threads of each kind, not {@code null}
   * @param liveBySite live threads by kind and creation site (or, for virtual threads, by group),
   *     not {@code null}; may be empty
   */
  public LeakDetectorSnapshot observe(
      long epochNanos, Map<ThreadKind, Long> liveByKind, List<SiteLiveCount> liveBySite) {
    if (epochNanos < nextSampleEpochNanos) {
      return latest;
    }
    nextSampleEpochNanos =
        nextSampleEpochNanos == Long.MIN_VALUE || nextSampleEpochNanos + intervalNanos <= epochNanos
            ? epochNanos + intervalNanos
            : nextSampleEpochNanos + intervalNanos;
    applyVirtualRequest(epochNanos);

    Set<Key> seen = new HashSet<>();
    // Sites first, so that the total of a kind knows whether a site explains its growth.
    for (SiteLiveCount site : liveBySite) {
      sample(new Key(site.threadKind(), site.site()), site.live(), seen);
    }
    for (Map.Entry<ThreadKind, Long> kind : liveByKind.entrySet()) {
      sample(new Key(kind.getKey(), ALL_SITES), kind.getValue(), seen);
    }
    series.entrySet().removeIf(entry -> absent(entry.getKey(), entry.getValue(), seen));
    samplesTaken++;
    announce(epochNanos);
    latest = snapshot(epochNanos);
    return latest;
  }

  /** The state after the latest sample. */
  public LeakDetectorSnapshot snapshot() {
    return latest;
  }

  private void applyVirtualRequest(long epochNanos) {
    Boolean known = virtualKnownRequest;
    if (known == null) {
      return;
    }
    virtualKnownRequest = null;
    if (known == !virtualUnknown) {
      return;
    }
    virtualUnknown = !known;
    if (virtualUnknown) {
      pausedOnce = true;
      LOG.info("Virtual-thread counts are incomplete from now on; their leak detection pauses.");
      series
          .entrySet()
          .removeIf(
              entry -> {
                if (entry.getKey().kind() != ThreadKind.VIRTUAL) {
                  return false;
                }
                clear(entry.getKey(), entry.getValue(), epochNanos);
                return true;
              });
    }
  }

  private void sample(Key key, long live, Set<Key> seen) {
    if ((virtualUnknown && key.kind() == ThreadKind.VIRTUAL) || !seen.add(key)) {
      return;
    }
    Tracked tracked = series.get(key);
    if (tracked == null) {
      if (series.size() >= config.maxSeries()) {
        overflowedSeries++;
        return;
      }
      // A series that appears after the first sample had no live thread while we watched: its
      // whole history is zeros, and a site that starts leaking is judged at once. Virtual series
      // that resume after a pause start without a history.
      long zeros = samplesTaken == 0 || virtualResumed(key) ? 0 : Long.MAX_VALUE;
      tracked = new Tracked(new ScaledLeakSeries(config.scales(), zeros));
      series.put(key, tracked);
    }
    tracked.absentSamples = 0;
    tracked.rule.sample(live);
  }

  private boolean virtualResumed(Key key) {
    return key.kind() == ThreadKind.VIRTUAL && key.site().equals(ALL_SITES) && pausedOnce;
  }

  // An absent series counts as 0 live threads (the analyzer leaves out sites with none) until it
  // has been absent for as many samples as it keeps; then it is forgotten.
  private boolean absent(Key key, Tracked tracked, Set<Key> seen) {
    if (seen.contains(key)) {
      return false;
    }
    if (++tracked.absentSamples < tracked.rule.capacity()) {
      tracked.rule.sample(0);
      return false;
    }
    clear(key, tracked, latestSampleEpochNanos());
    return true;
  }

  private long latestSampleEpochNanos() {
    return nextSampleEpochNanos - intervalNanos;
  }

  // One episode per leak: sites are announced as they start; the total of a kind only while no
  // site of that kind has an open episode, since a site that explains the growth names it better.
  private void announce(long epochNanos) {
    boolean[] siteSuspected = new boolean[ThreadKind.values().length];
    series.forEach(
        (key, tracked) -> {
          if (!key.site().equals(ALL_SITES) && tracked.rule.inEpisode()) {
            siteSuspected[key.kind().ordinal()] = true;
          }
        });
    List<Map.Entry<Key, Tracked>> started = new ArrayList<>();
    series.forEach(
        (key, tracked) -> {
          boolean flagged =
              tracked.rule.inEpisode()
                  && (!key.site().equals(ALL_SITES) || !siteSuspected[key.kind().ordinal()]);
          if (flagged && tracked.episode == null) {
            started.add(Map.entry(key, tracked));
          } else if (!tracked.rule.inEpisode() && tracked.episode != null) {
            clear(key, tracked, epochNanos);
          }
        });
    for (Map.Entry<Key, Tracked> entry : started) {
      Key key = entry.getKey();
      Tracked tracked = entry.getValue();
      episodesStarted++;
      tracked.episode =
          new LeakEpisode(
              state(key, tracked, true),
              epochNanos,
              key.site().equals(ALL_SITES) ? topSites(key.kind()) : List.of());
      notifyStarted(tracked.episode);
    }
  }

  private void clear(Key key, Tracked tracked, long epochNanos) {
    LeakEpisode started = tracked.episode;
    tracked.episode = null;
    if (started == null) {
      return;
    }
    LeakEpisode cleared =
        new LeakEpisode(
            state(key, tracked, false), started.startedEpochNanos(), started.topSites());
    try {
      listener.episodeCleared(cleared, epochNanos);
    } catch (RuntimeException e) {
      LOG.warn("Leak listener failed on a cleared episode; ignored.", e);
    }
  }

  private void notifyStarted(LeakEpisode episode) {
    try {
      listener.episodeStarted(episode);
    } catch (RuntimeException e) {
      LOG.warn("Leak listener failed on a started episode; ignored.", e);
    }
  }

  private List<LeakSeriesState> topSites(ThreadKind kind) {
    List<LeakSeriesState> grown = new ArrayList<>();
    series.forEach(
        (key, tracked) -> {
          if (key.kind() == kind && !key.site().equals(ALL_SITES)) {
            LeakSeriesState state = state(key, tracked);
            if (!Double.isNaN(state.baseline()) && state.live() > state.baseline()) {
              grown.add(state);
            }
          }
        });
    grown.sort(
        Comparator.comparingDouble((LeakSeriesState s) -> s.live() - s.baseline()).reversed());
    return grown.subList(0, Math.min(TOP_SITES, grown.size()));
  }

  private LeakDetectorSnapshot snapshot(long epochNanos) {
    List<LeakSeriesState> states = new ArrayList<>(series.size());
    series.forEach(
        (key, tracked) -> {
          if (key.site().equals(ALL_SITES)) {
            states.add(state(key, tracked));
          }
        });
    series.forEach(
        (key, tracked) -> {
          if (!key.site().equals(ALL_SITES)) {
            states.add(state(key, tracked));
          }
        });
    return new LeakDetectorSnapshot(epochNanos, states, episodesStarted, overflowedSeries);
  }

  private static LeakSeriesState state(Key key, Tracked tracked) {
    return state(key, tracked, tracked.episode != null);
  }

  private static LeakSeriesState state(Key key, Tracked tracked, boolean suspected) {
    ScaledLeakSeries rule = tracked.rule;
    return new LeakSeriesState(
        key.kind(), key.site(), rule.latest(), suspected, rule.baseline(), rule.growthPerSecond());
  }

  private record Key(ThreadKind kind, String site) {}

  private static final class Tracked {
    final ScaledLeakSeries rule;
    LeakEpisode episode; // non-null while an announced episode is open
    int absentSamples;

    Tracked(ScaledLeakSeries rule) {
      this.rule = rule;
    }
  }
}
