package org.jfrthreads.analyzer;

import java.util.ArrayList;
import java.util.List;
import org.jfrthreads.stream.BlockingKind;
import org.jfrthreads.stream.StackFrame;
import org.jfrthreads.stream.ThreadBlocked;
import org.jfrthreads.stream.ThreadEnded;
import org.jfrthreads.stream.ThreadPinned;
import org.jfrthreads.stream.ThreadStarted;

/** Hand-made event records and small conversions shared by the analyzer tests. */
final class TestEvents {

  /** A point in time well after the epoch, aligned on a minute, so windows start on a slice. */
  static final long T0 = 1_700_000_040_000_000_000L;

  private TestEvents() {}

  static long millis(long millis) {
    return millis * 1_000_000L;
  }

  static long seconds(long seconds) {
    return seconds * 1_000_000_000L;
  }

  static ThreadStarted started(long threadId, boolean virtual, long epochNanos) {
    return new ThreadStarted(threadId, virtual, epochNanos, List.of());
  }

  static ThreadEnded ended(long threadId, boolean virtual, long epochNanos) {
    return new ThreadEnded(threadId, virtual, epochNanos);
  }

  static ThreadBlocked blocked(
      BlockingKind kind,
      boolean virtual,
      String blockerClass,
      long durationNanos,
      String... frames) {
    return new ThreadBlocked(1, virtual, kind, T0, durationNanos, blockerClass, stack(frames));
  }

  static ThreadPinned pinned(String reason, long durationNanos, String... frames) {
    return new ThreadPinned(1, T0, durationNanos, reason, "", stack(frames));
  }

  /** Frames written {@code "com.example.Outer$Inner.method"}, innermost first. */
  static List<StackFrame> stack(String... frames) {
    List<StackFrame> stack = new ArrayList<>();
    for (String frame : frames) {
      int dot = frame.lastIndexOf('.');
      stack.add(new StackFrame(frame.substring(0, dot), frame.substring(dot + 1)));
    }
    return stack;
  }

  /** A histogram as {@code "count=N sum=S"}, to compare whole series at once. */
  static String countAndSum(DurationHistogram histogram) {
    return "count=" + histogram.count() + " sum=" + histogram.sumNanos();
  }

  /** A distribution of exactly these durations. */
  static DurationHistogram histogramOf(long... nanos) {
    DurationRecorder recorder = new DurationRecorder();
    for (long value : nanos) {
      recorder.record(value);
    }
    return recorder.snapshot();
  }
}
