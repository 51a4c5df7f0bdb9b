package org.jfrthreads.exporter;

import java.util.List;
import org.jfrthreads.analyzer.AnalyzerConfig;
import org.jfrthreads.analyzer.DurationHistogram;
import org.jfrthreads.analyzer.ThreadEventAnalyzer;
import org.jfrthreads.analyzer.ThreadKind;
import org.jfrthreads.stream.BlockingKind;
import org.jfrthreads.stream.ThreadBlocked;

/** Distributions of chosen durations, made through the analyzer's public API. */
final class Durations {

  private Durations() {}

  static DurationHistogram of(long... nanos) {
    ThreadEventAnalyzer analyzer = ThreadEventAnalyzer.forRecording(AnalyzerConfig.defaults());
    for (long duration : nanos) {
      analyzer.onEvent(
          new ThreadBlocked(1, false, BlockingKind.PARK, 1_000, duration, "Lock", List.of()));
    }
    analyzer.publish();
    return analyzer.snapshot().blocked(BlockingKind.PARK, ThreadKind.PLATFORM, "Lock");
  }
}
