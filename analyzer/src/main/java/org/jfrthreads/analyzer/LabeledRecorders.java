package org.jfrthreads.analyzer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Duration distributions by label (a class, a site), bounded twice.
 *
 * <p>Memory: at most {@code maxSeries} labels get a recorder; later labels go to an overflow
 * recorder. Exposition: {@link #topN} keeps the {@code n} labels with the largest total time and
 * folds the rest, overflow included, into one {@code other} entry. Ranking by cumulative total time
 * keeps the exported set stable: a label enters the top only by accumulating more blocked time than
 * one already there.
 *
 * <p>Not thread-safe: one writer thread records and takes snapshots.
 *
 * @param <K> the label
 */
final class LabeledRecorders<K> {

  private final Map<K, DurationRecorder> recorders = new HashMap<>();
  private final DurationRecorder overflow = new DurationRecorder();
  private final int maxSeries;
  private final K other;
  private long overflowed;
  private long version;
  private long publishedVersion = -1;
  private int publishedN = -1;
  private List<Labeled<K>> published = List.of();

  LabeledRecorders(int maxSeries, K other) {
    this.maxSeries = maxSeries;
    this.other = other;
  }

  /** Records {@code nanos} under {@code label}; returns the recorder it went to. */
  DurationRecorder record(K label, long nanos) {
    DurationRecorder recorder = recorders.get(label);
    if (recorder == null) {
      if (recorders.size() < maxSeries) {
        recorder = new DurationRecorder();
        recorders.put(label, recorder);
      } else {
        recorder = overflow;
        overflowed++;
      }
    }
    recorder.record(nanos);
    version++;
    return recorder;
  }

  /**
   * Where the exemplar of an event recorded into {@code recorder} (one of this instance's) goes;
   * allocates, so only for events that are held back.
   */
  ExemplarJoin.Target exemplarTarget(DurationRecorder recorder) {
    return exemplar -> {
      recorder.exemplar(exemplar);
      version++;
    };
  }

  /** Events whose label found no free recorder and went straight to {@code other}. */
  long overflowed() {
    return overflowed;
  }

  /** The {@code n} labels with the most total time, then {@code other} if anything is left. */
  List<Labeled<K>> topN(int n) {
    if (version == publishedVersion && n == publishedN) {
      return published;
    }
    List<Map.Entry<K, DurationRecorder>> ranked = new ArrayList<>(recorders.entrySet());
    ranked.sort(
        Comparator.comparingLong((Map.Entry<K, DurationRecorder> e) -> e.getValue().sumNanos())
            .reversed());
    List<Labeled<K>> result = new ArrayList<>(Math.min(n, ranked.size()) + 1);
    DurationHistogram rest = overflow.snapshot();
    for (int i = 0; i < ranked.size(); i++) {
      Map.Entry<K, DurationRecorder> entry = ranked.get(i);
      if (i < n && !entry.getKey().equals(other)) {
        result.add(new Labeled<>(entry.getKey(), entry.getValue().snapshot()));
      } else {
        rest = rest.plus(entry.getValue().snapshot());
      }
    }
    if (rest.count() > 0) {
      result.add(new Labeled<>(other, rest));
    }
    published = List.copyOf(result);
    publishedVersion = version;
    publishedN = n;
    return published;
  }

  /**
   * A label and its distribution.
   *
   * @param <K> the label
   */
  record Labeled<K>(K label, DurationHistogram durations) {}
}
