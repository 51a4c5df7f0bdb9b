package org.jfrthreads.analyzer;

/**
 * Told when a suspected leak starts and when it clears, once each per episode.
 *
 * <p>Called on the thread that feeds the {@link LeakDetector} (the analyzer's writer thread), so an
 * implementation must be quick and must not throw; an exception is logged and swallowed.
 */
interface LeakListener {

  /** Growth of a series was first suspected. */
  void episodeStarted(LeakEpisode episode);

  /** The growth of a series with an open episode stopped, or the series stopped being fed. */
  void episodeCleared(LeakEpisode episode, long clearedEpochNanos);

  /**
   * Logs one WARN per started episode, naming the site (or, for a kind's total, the top creation
   * sites) and what the suspected threads were doing, and an INFO when it clears. A leak from one
   * site is one episode: a kind's total is flagged only while no site explains its growth.
   */
  static LeakListener logging() {
    return LoggingLeakListener.INSTANCE;
  }
}
