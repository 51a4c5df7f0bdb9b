package org.jfrthreads.analyzer;

import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default {@link LeakListener}: one WARN when an episode starts, one INFO when it clears. */
final class LoggingLeakListener implements LeakListener {

  static final LoggingLeakListener INSTANCE = new LoggingLeakListener();
  private static final Logger LOG = LoggerFactory.getLogger(LeakDetector.class);

  private LoggingLeakListener() {}

  @Override
  public void episodeStarted(LeakEpisode episode) {
    LOG.warn(describeStart(episode));
  }

  @Override
  public void episodeCleared(LeakEpisode episode, long clearedEpochNanos) {
    LeakSeriesState series = episode.series();
    LOG.info(
        "Thread growth stopped: {} threads{}: {} live, {} s after it was suspected.",
        kind(series),
        at(series),
        series.live(),
        (clearedEpochNanos - episode.startedEpochNanos()) / 1_000_000_000L);
  }

  static String describeStart(LeakEpisode episode) {
    LeakSeriesState series = episode.series();
    String message =
        String.format(
            Locale.ROOT,
            "Suspected thread leak: %s threads%s: %d live, baseline %.0f, growing %.2f/s.",
            kind(series),
            at(series),
            series.live(),
            series.baseline(),
            series.growthPerSecond());
    if (!episode.evidence().isEmpty()) {
      message += " Suspected threads now: " + episode.evidence() + ".";
    }
    if (episode.topSites().isEmpty()) {
      return message;
    }
    return message
        + (series.threadKind() == ThreadKind.VIRTUAL ? " Top groups: " : " Top creation sites: ")
        + episode.topSites().stream()
            .map(
                site ->
                    String.format(
                        Locale.ROOT,
                        "%s (%d live, baseline %.0f, %.2f/s)",
                        site.site(),
                        site.live(),
                        site.baseline(),
                        site.growthPerSecond()))
            .collect(Collectors.joining(", "))
        + ".";
  }

  private static String kind(LeakSeriesState series) {
    return series.threadKind() == ThreadKind.VIRTUAL ? "virtual" : "platform";
  }

  // Virtual threads have no creation site: their group is their top application frame, else
  // their container.
  private static String at(LeakSeriesState series) {
    if (series.site().equals(LeakDetector.ALL_SITES)) {
      return "";
    }
    return series.threadKind() == ThreadKind.VIRTUAL
        ? " in " + series.site() + " (their top frame or container)"
        : " created at " + series.site();
  }
}
