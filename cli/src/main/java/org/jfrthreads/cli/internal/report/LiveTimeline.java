package org.jfrthreads.cli.internal.report;

import java.util.ArrayList;
import java.util.List;
import org.jfrthreads.analyzer.ThreadKind;
import org.jfrthreads.stream.ThreadBlocked;
import org.jfrthreads.stream.ThreadEnded;
import org.jfrthreads.stream.ThreadEvent;
import org.jfrthreads.stream.ThreadEventListener;
import org.jfrthreads.stream.ThreadPinned;
import org.jfrthreads.stream.ThreadStarted;
import org.jfrthreads.stream.TraceScope;

/**
 * Thread starts and ends over a recording, counted in a fixed number of time buckets by kind.
 *
 * <p>Memory is fixed whatever the recording's length: {@code maxBuckets} counters per kind. When an
 * event falls outside the range covered, the bucket width doubles and neighbouring buckets merge,
 * so the range doubles too (to the right, or to the left for an event before the origin) until the
 * event fits. Starting from the recording's own span (see {@link RecordingSpan}) this never
 * happens; it keeps the timeline bounded when the span is not known or an event lies outside it.
 * Events may come in any order, as they do from an unordered JFR stream.
 *
 * <p>Not thread-safe: one writer, the source's dispatch thread; read {@link #timeline()} after the
 * source has ended.
 */
final class LiveTimeline implements ThreadEventListener {

  /** Buckets kept at most. */
  public static final int MAX_BUCKETS = 240;

  /** The span fits in this many buckets at first, leaving room for stray events after its end. */
  static final int TARGET_BUCKETS = 200;

  // 100 days per bucket: beyond that an event time is nonsense and is clamped instead. Kept small
  // enough that the range (buckets times width) never overflows a long.
  private static final long MAX_BUCKET_NANOS = 100L * 24 * 3600 * 1_000_000_000L;

  private final int maxBuckets;
  private final long[][] started;
  private final long[][] ended;
  private long originEpochNanos;
  private long bucketNanos;
  private boolean anchored = true;
  private long firstEpochNanos = Long.MAX_VALUE;
  private long lastEpochNanos = Long.MIN_VALUE;

  private LiveTimeline(int maxBuckets, long originEpochNanos, long bucketNanos) {
    if (maxBuckets < 2 || maxBuckets % 2 != 0) {
      throw new IllegalArgumentException(
          maxBuckets + ": illegal bucket count. Expecting an even number, 2 or more.");
    }
    if (bucketNanos <= 0) {
      throw new IllegalArgumentException(
          bucketNanos + ": illegal bucket width. Expecting a positive number of nanoseconds.");
    }
    this.maxBuckets = maxBuckets;
    this.started = new long[2][maxBuckets];
    this.ended = new long[2][maxBuckets];
    this.originEpochNanos = originEpochNanos;
    this.bucketNanos = bucketNanos;
  }

  /** A timeline over a recording whose span is known: buckets of a round width, from its start. */
  public static LiveTimeline over(RecordingSpan span) {
    LiveTimeline timeline =
        new LiveTimeline(
            MAX_BUCKETS,
            span.startEpochNanos(),
            roundBucketNanos(span.durationNanos(), TARGET_BUCKETS));
    timeline.firstEpochNanos = span.startEpochNanos();
    timeline.lastEpochNanos = span.endEpochNanos();
    return timeline;
  }

  /**
   * A timeline over a recording whose span is not known: 10 ms buckets around the first event,
   * widening as later (or earlier) events come.
   */
  public static LiveTimeline unanchored() {
    LiveTimeline timeline = new LiveTimeline(MAX_BUCKETS, 0, 10_000_000L);
    timeline.anchored = false;
    return timeline;
  }

  /**
   * Package private. For testing only: a timeline of {@code maxBuckets} buckets of {@code
   * bucketNanos} from {@code originEpochNanos}, before any event.
   */
  static LiveTimeline of(int maxBuckets, long originEpochNanos, long bucketNanos) {
    return new LiveTimeline(maxBuckets, originEpochNanos, bucketNanos);
  }

  /**
   * The smallest width of the 1-2-5 series (1 ms and up) that fits {@code spanNanos} in {@code
   * buckets}.
   */
  static long roundBucketNanos(long spanNanos, int buckets) {
    long needed = Math.max(1, (spanNanos + buckets - 1) / buckets);
    long second = 1_000_000_000L;
    long[] afterSeconds = {
      15 * second,
      30 * second,
      60 * second,
      120 * second,
      300 * second,
      600 * second,
      900 * second,
      1800 * second,
      3600 * second
    };
    for (long decade = 1_000_000L; decade <= second; decade *= 10) {
      for (long step : new long[] {decade, 2 * decade, 5 * decade}) {
        if (step >= needed) {
          return step;
        }
      }
    }
    if (10 * second >= needed) {
      return 10 * second;
    }
    for (long step : afterSeconds) {
      if (step >= needed) {
        return step;
      }
    }
    long hour = 3600 * second;
    return (needed + hour - 1) / hour * hour;
  }

  @Override
  public void onEvent(ThreadEvent event) {
    switch (event) {
      case ThreadStarted start ->
          started[ThreadKind.of(start.virtual()).ordinal()][index(start.epochNanos())]++;
      case ThreadEnded end ->
          ended[ThreadKind.of(end.virtual()).ordinal()][index(end.epochNanos())]++;
      case ThreadBlocked blocked -> seen(blocked.epochNanos() + blocked.durationNanos());
      case ThreadPinned pinned -> seen(pinned.epochNanos() + pinned.durationNanos());
      case TraceScope scope -> {}
    }
  }

  private void seen(long epochNanos) {
    firstEpochNanos = Math.min(firstEpochNanos, epochNanos);
    lastEpochNanos = Math.max(lastEpochNanos, epochNanos);
  }

  private int index(long epochNanos) {
    seen(epochNanos);
    if (!anchored) {
      // A quarter of the range before the first event leaves room for events that come late.
      originEpochNanos = epochNanos - maxBuckets / 4 * bucketNanos;
      anchored = true;
    }
    while (epochNanos < originEpochNanos && bucketNanos < MAX_BUCKET_NANOS) {
      widenToTheLeft();
    }
    while (epochNanos - originEpochNanos >= maxBuckets * bucketNanos
        && bucketNanos < MAX_BUCKET_NANOS) {
      widenToTheRight();
    }
    long index = (epochNanos - originEpochNanos) / bucketNanos;
    return (int) Math.max(0, Math.min(maxBuckets - 1, index));
  }

  // Doubles the width, keeping the origin: bucket i merges into i / 2.
  private void widenToTheRight() {
    for (long[][] counts : new long[][][] {started, ended}) {
      for (long[] byBucket : counts) {
        for (int i = 0; i < maxBuckets; i++) {
          long count = byBucket[i];
          byBucket[i] = 0;
          byBucket[i / 2] += count;
        }
      }
    }
    bucketNanos *= 2;
  }

  // Doubles the width and moves the origin back by the old range: bucket i merges into (n + i) / 2.
  private void widenToTheLeft() {
    for (long[][] counts : new long[][][] {started, ended}) {
      for (long[] byBucket : counts) {
        long[] merged = new long[maxBuckets];
        for (int i = 0; i < maxBuckets; i++) {
          merged[(maxBuckets + i) / 2] += byBucket[i];
        }
        System.arraycopy(merged, 0, byBucket, 0, maxBuckets);
      }
    }
    originEpochNanos -= maxBuckets * bucketNanos;
    bucketNanos *= 2;
  }

  /** The buckets from the first event (or the recording's start) to the last (or its end). */
  public Timeline timeline() {
    if (firstEpochNanos > lastEpochNanos) {
      return new Timeline(bucketNanos, originEpochNanos, originEpochNanos, List.of());
    }
    int first = clampedIndex(firstEpochNanos);
    // The span's end is exclusive: a recording of exactly 120 buckets has no 121st.
    int last = clampedIndex(Math.max(firstEpochNanos, lastEpochNanos - 1));
    long[] live = new long[2];
    for (int i = 0; i < first; i++) {
      for (int kind = 0; kind < 2; kind++) {
        live[kind] += started[kind][i] - ended[kind][i];
      }
    }
    List<Timeline.Bucket> buckets = new ArrayList<>(last - first + 1);
    for (int i = first; i <= last; i++) {
      Timeline.Counts[] counts = new Timeline.Counts[2];
      for (int kind = 0; kind < 2; kind++) {
        live[kind] += started[kind][i] - ended[kind][i];
        counts[kind] = new Timeline.Counts(started[kind][i], ended[kind][i], live[kind]);
      }
      buckets.add(new Timeline.Bucket(originEpochNanos + i * bucketNanos, counts[0], counts[1]));
    }
    return new Timeline(bucketNanos, firstEpochNanos, lastEpochNanos, buckets);
  }

  private int clampedIndex(long epochNanos) {
    long index = Math.floorDiv(epochNanos - originEpochNanos, bucketNanos);
    return (int) Math.max(0, Math.min(maxBuckets - 1, index));
  }
}
