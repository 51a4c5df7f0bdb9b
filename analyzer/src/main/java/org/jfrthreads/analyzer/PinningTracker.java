package org.jfrthreads.analyzer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jfrthreads.analyzer.internal.ApplicationFrames;
import org.jfrthreads.stream.ThreadPinned;

/**
 * Pinned virtual-thread time by reason and site.
 *
 * <p>Not thread-safe: one writer thread.
 */
final class PinningTracker {

  private record ReasonAndSite(String reason, String site) {}

  private static final ReasonAndSite OTHER =
      new ReasonAndSite(BlockingTracker.OTHER, BlockingTracker.OTHER);

  // The JVM words a handful of reasons, each many times: the category is worked out once per
  // reason, not per event (a regular expression costs microseconds). Bounded like the series.
  private final Map<String, String> categories = new HashMap<>();
  private final ApplicationFrames frames;
  private final int topN;
  private final int maxSeries;
  private final LabeledRecorders<ReasonAndSite> bySite;
  private final SlidingWindowRecorder recent;
  private final ExemplarJoin exemplars;

  PinningTracker(AnalyzerConfig config, ApplicationFrames frames, ExemplarJoin exemplars) {
    this.frames = frames;
    this.exemplars = exemplars;
    this.topN = config.topN();
    this.maxSeries = config.maxSeries();
    this.bySite = new LabeledRecorders<>(config.maxSeries(), OTHER);
    this.recent = new SlidingWindowRecorder(config.window(), config.windowSlices());
  }

  void pinned(ThreadPinned event) {
    ReasonAndSite label =
        new ReasonAndSite(category(event.pinnedReason()), frames.site(event.stack()));
    DurationRecorder recorder = bySite.record(label, event.durationNanos());
    recent.record(event.durationNanos());
    if (exemplars.active()) {
      exemplars.hold(
          event.threadId(),
          event.epochNanos(),
          event.durationNanos(),
          TracedBlocking.PINNED,
          label.reason() + " at " + label.site(),
          bySite.exemplarTarget(recorder));
    }
  }

  private String category(String pinnedReason) {
    String category = categories.get(pinnedReason);
    if (category == null) {
      category = PinnedReasons.category(pinnedReason);
      if (categories.size() < maxSeries) {
        categories.put(pinnedReason, category);
      }
    }
    return category;
  }

  void flushed(long nowEpochNanos) {
    recent.advanceTo(nowEpochNanos);
  }

  List<PinnedSeries> series() {
    List<PinnedSeries> series = new ArrayList<>();
    for (LabeledRecorders.Labeled<ReasonAndSite> labeled : bySite.topN(topN)) {
      series.add(
          new PinnedSeries(labeled.label().reason(), labeled.label().site(), labeled.durations()));
    }
    return series;
  }

  DurationHistogram recent() {
    return recent.snapshot();
  }

  long overflowed() {
    return bySite.overflowed();
  }
}
