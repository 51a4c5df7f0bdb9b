package org.jfrthreads.analyzer;

import java.util.ArrayList;
import java.util.List;

/**
 * The latest {@link TraceExemplar} of each bucket of {@link
 * TraceExemplar#BUCKET_UPPER_BOUNDS_NANOS}.
 *
 * <p>Latest, because an on-call engineer follows the link to look at a recent request; a bucket
 * keeps one, so the memory is fixed whatever the rate. Not thread-safe: one writer thread.
 */
final class ExemplarBuckets {

  private final TraceExemplar[] latest =
      new TraceExemplar[TraceExemplar.BUCKET_UPPER_BOUNDS_NANOS.size()];

  /** Keeps {@code exemplar} unless its bucket holds one that ended later. */
  void offer(TraceExemplar exemplar) {
    int bucket = exemplar.bucket();
    TraceExemplar kept = latest[bucket];
    if (kept == null || exemplar.endEpochNanos() >= kept.endEpochNanos()) {
      latest[bucket] = exemplar;
    }
  }

  void offerAll(List<TraceExemplar> exemplars) {
    for (TraceExemplar exemplar : exemplars) {
      offer(exemplar);
    }
  }

  /** The exemplars kept, shortest bucket first. */
  List<TraceExemplar> toList() {
    List<TraceExemplar> list = new ArrayList<>(latest.length);
    for (TraceExemplar exemplar : latest) {
      if (exemplar != null) {
        list.add(exemplar);
      }
    }
    return List.copyOf(list);
  }
}
