package org.jfrthreads.exporter;

import java.time.Duration;
import java.util.List;
import org.jfrthreads.stream.BlockingKind;
import org.jfrthreads.stream.ThreadEventSettings;

/**
 * What the overhead governor gives up at each level, most expensive first: level 1 sheds
 * virtual-thread lifecycle events, levels 2 to 4 raise the blocking thresholds to 20, 50 and 100 ms
 * (a threshold configured higher stays). Level 0 is the settings as configured.
 */
final class SheddingLevels {

  static final int MAX_LEVEL = 4;

  /** Blocking thresholds from level 2 on: levels 2, 3 and 4. */
  private static final List<Duration> THRESHOLDS =
      List.of(Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(100));

  private SheddingLevels() {}

  /** The settings at {@code level}, from those configured. */
  static ThreadEventSettings settings(ThreadEventSettings configured, int level) {
    if (level == 0) {
      return configured;
    }
    ThreadEventSettings.Builder builder =
        ThreadEventSettings.builder()
            .pinnedThreshold(configured.pinnedThreshold())
            .stackDepth(configured.stackDepth())
            .virtualThreadLifecycle(false);
    for (BlockingKind kind : BlockingKind.values()) {
      Duration threshold = configured.threshold(kind);
      if (level >= 2) {
        Duration raised = THRESHOLDS.get(level - 2);
        threshold = threshold.compareTo(raised) >= 0 ? threshold : raised;
      }
      builder.threshold(kind, threshold);
    }
    return builder.build();
  }

  /** What a level gives up, for a log line. */
  static String describe(int level) {
    return switch (level) {
      case 0 -> "everything as configured";
      case 1 -> "virtual-thread lifecycle events shed";
      default ->
          "virtual-thread lifecycle events shed, blocking shorter than "
              + THRESHOLDS.get(level - 2).toMillis()
              + " ms not recorded";
    };
  }
}
