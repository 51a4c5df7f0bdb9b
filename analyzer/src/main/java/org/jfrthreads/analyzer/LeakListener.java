package org.jfrthreads.analyzer;

/**
 * Told when a suspected leak starts and when it clears, once each per episode.
 *
 * <p>Called on the thread that feeds the {@link LeakDetector} (the analyzer's writer thread), so an
 * implementation must be quick and must not throw; an exception is logged and swallowed.
 */
public interface LeakListener {

  /** Growth of a series was first suspected. */
  void episodeStarted(LeakEpisode episode);

  /** The growth of a series with an open episode stopped, or the series stopped being fed. */
  void episodeCleared(LeakEpisode episode, long clearedEpochNanos);

  /**
   * Logs one WARN per started episode, naming the top creation sites, and an INFO when it clears.
   * Episodes are per series: a leak from one site usually opens two, the site's and its kind's.
   */
  static LeakListener logging() {
    return LoggingLeakListener.INSTANCE;
  }
}
