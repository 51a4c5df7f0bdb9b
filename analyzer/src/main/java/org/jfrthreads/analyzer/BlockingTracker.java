package org.jfrthreads.analyzer;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jfrthreads.analyzer.internal.ApplicationFrames;
import org.jfrthreads.stream.BlockingKind;
import org.jfrthreads.stream.ThreadBlocked;

/**
 * Blocking time by kind, thread kind and the class responsible.
 *
 * <p>Not thread-safe: one writer thread.
 */
final class BlockingTracker {

  static final String NONE = "none";
  static final String OTHER = "other";

  private final ApplicationFrames frames;
  private final int topN;
  // [kind][thread kind]
  private final LabeledRecorders<String>[][] byClass;
  private final SlidingWindowRecorder[][] recent;
  private final ExemplarJoin exemplars;

  @SuppressWarnings("unchecked")
  BlockingTracker(AnalyzerConfig config, ApplicationFrames frames, ExemplarJoin exemplars) {
    this.frames = frames;
    this.exemplars = exemplars;
    this.topN = config.topN();
    int kinds = BlockingKind.values().length;
    this.byClass = new LabeledRecorders[kinds][2];
    this.recent = new SlidingWindowRecorder[kinds][2];
    for (int kind = 0; kind < kinds; kind++) {
      for (int thread = 0; thread < 2; thread++) {
        byClass[kind][thread] = new LabeledRecorders<>(config.maxSeries(), OTHER);
        recent[kind][thread] = new SlidingWindowRecorder(config.window(), config.windowSlices());
      }
    }
  }

  void blocked(ThreadBlocked event) {
    int kind = event.kind().ordinal();
    int thread = ThreadKind.of(event.virtual()).ordinal();
    LabeledRecorders<String> series = byClass[kind][thread];
    String responsible = responsibleClass(event);
    DurationRecorder recorder = series.record(responsible, event.durationNanos());
    recent[kind][thread].record(event.durationNanos());
    if (exemplars.active()) {
      exemplars.hold(
          event.threadId(),
          event.epochNanos(),
          event.durationNanos(),
          event.kind().label(),
          responsible,
          series.exemplarTarget(recorder));
    }
  }

  /** The blocker's class; for sleep, the sleeping code's class. */
  private String responsibleClass(ThreadBlocked event) {
    if (!event.blockerClass().isEmpty()) {
      return event.blockerClass();
    }
    return event.kind() == BlockingKind.SLEEP ? frames.siteClass(event.stack()) : NONE;
  }

  void flushed(long nowEpochNanos) {
    for (SlidingWindowRecorder[] byThread : recent) {
      for (SlidingWindowRecorder window : byThread) {
        window.advanceTo(nowEpochNanos);
      }
    }
  }

  List<BlockedSeries> series() {
    List<BlockedSeries> series = new ArrayList<>();
    for (BlockingKind kind : BlockingKind.values()) {
      for (ThreadKind thread : ThreadKind.values()) {
        for (LabeledRecorders.Labeled<String> labeled :
            byClass[kind.ordinal()][thread.ordinal()].topN(topN)) {
          series.add(new BlockedSeries(kind, thread, labeled.label(), labeled.durations()));
        }
      }
    }
    return series;
  }

  Map<BlockingKind, Map<ThreadKind, DurationHistogram>> recent() {
    Map<BlockingKind, Map<ThreadKind, DurationHistogram>> result =
        new EnumMap<>(BlockingKind.class);
    for (BlockingKind kind : BlockingKind.values()) {
      Map<ThreadKind, DurationHistogram> byThread = new EnumMap<>(ThreadKind.class);
      for (ThreadKind thread : ThreadKind.values()) {
        byThread.put(thread, recent[kind.ordinal()][thread.ordinal()].snapshot());
      }
      result.put(kind, byThread);
    }
    return result;
  }

  long overflowed() {
    long overflowed = 0;
    for (LabeledRecorders<String>[] byThread : byClass) {
      for (LabeledRecorders<String> recorders : byThread) {
        overflowed += recorders.overflowed();
      }
    }
    return overflowed;
  }
}
