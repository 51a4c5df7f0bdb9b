package org.jfrthreads.analyzer.sampler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts by label and state for one pass, bounded on the way out: the {@code n} labels with the
 * most threads (all states together) keep their counts, the rest fold into {@code other} per state,
 * so that per state the counts still add up.
 *
 * <p>Not thread-safe; made and used by one pass.
 */
final class LabelStateCounts {

  static final String OTHER = "other";

  private final Map<String, long[]> counts = new HashMap<>();

  void add(String label, Thread.State state) {
    counts.computeIfAbsent(label, l -> new long[Thread.State.values().length])[state.ordinal()]++;
  }

  List<StateCount> topN(int n) {
    List<Map.Entry<String, long[]>> ranked = new ArrayList<>(counts.entrySet());
    ranked.sort(
        Comparator.comparingLong((Map.Entry<String, long[]> e) -> total(e.getValue()))
            .reversed()
            .thenComparing(Map.Entry::getKey));
    List<StateCount> result = new ArrayList<>();
    Map<Thread.State, Long> rest = new EnumMap<>(Thread.State.class);
    for (int i = 0; i < ranked.size(); i++) {
      Map.Entry<String, long[]> entry = ranked.get(i);
      boolean kept = i < n && !entry.getKey().equals(OTHER);
      for (Thread.State state : Thread.State.values()) {
        long threads = entry.getValue()[state.ordinal()];
        if (threads == 0) {
          continue;
        }
        if (kept) {
          result.add(new StateCount(entry.getKey(), state, threads));
        } else {
          rest.merge(state, threads, Long::sum);
        }
      }
    }
    rest.forEach((state, threads) -> result.add(new StateCount(OTHER, state, threads)));
    return List.copyOf(result);
  }

  private static long total(long[] byState) {
    long total = 0;
    for (long threads : byState) {
      total += threads;
    }
    return total;
  }
}
