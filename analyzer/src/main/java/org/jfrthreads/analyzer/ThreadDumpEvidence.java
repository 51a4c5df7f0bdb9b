package org.jfrthreads.analyzer;

import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jfrthreads.analyzer.internal.ApplicationFrames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evidence of a suspected leak: one bounded {@code ThreadMXBean.getThreadInfo} of some of the
 * suspected platform threads, summed up as their top application frames.
 *
 * <p>Cost-guarded: at most {@link #MAX_THREADS} threads, {@link #STACK_DEPTH} frames each, and at
 * most one look per {@link #MIN_GAP_NANOS} whatever the number of episodes; once per episode at
 * most, since the analyzer asks only when an episode starts. A failure is logged at DEBUG and gives
 * no evidence.
 *
 * <p>Not thread-safe: the analyzer's writer thread only.
 */
final class ThreadDumpEvidence {

  static final int MAX_THREADS = 32;
  static final int STACK_DEPTH = 16;
  static final long MIN_GAP_NANOS = 60_000_000_000L;
  private static final int TOP_FRAMES = 3;
  private static final Logger LOG = LoggerFactory.getLogger(ThreadDumpEvidence.class);

  private final ThreadMXBean threads;
  private final ApplicationFrames frames;
  private long lastLookNanos;
  private boolean looked;

  ThreadDumpEvidence(ThreadMXBean threads, ApplicationFrames frames) {
    this.threads = threads;
    this.frames = frames;
  }

  /**
   * The top application frames of the threads, e.g. {@code "top frames of 12 of them:
   * com.example.Sessions.open (12)"}; empty if none could be looked at, or the last look was less
   * than a minute ago.
   */
  String describe(long[] threadIds, long nowNanos) {
    if (threadIds.length == 0 || (looked && nowNanos - lastLookNanos < MIN_GAP_NANOS)) {
      return "";
    }
    looked = true;
    lastLookNanos = nowNanos;
    ThreadInfo[] infos;
    try {
      infos =
          threads.getThreadInfo(
              Arrays.copyOf(threadIds, Math.min(threadIds.length, MAX_THREADS)), STACK_DEPTH);
    } catch (RuntimeException e) {
      LOG.debug("Could not look at the threads of a suspected leak.", e);
      return "";
    }
    Map<String, Integer> byFrame = new HashMap<>();
    int seen = 0;
    for (ThreadInfo info : infos) {
      if (info == null) {
        continue; // ended meanwhile, or a virtual thread
      }
      seen++;
      byFrame.merge(topFrame(info.getStackTrace()), 1, Integer::sum);
    }
    if (seen == 0) {
      return "";
    }
    return "top frames of "
        + seen
        + " of them: "
        + byFrame.entrySet().stream()
            .sorted(
                Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(TOP_FRAMES)
            .map(entry -> entry.getKey() + " (" + entry.getValue() + ")")
            .collect(Collectors.joining(", "));
  }

  private String topFrame(StackTraceElement[] stack) {
    for (StackTraceElement element : stack) {
      if (frames.isApplication(element.getClassName())) {
        return ApplicationFrames.label(element.getClassName(), element.getMethodName());
      }
    }
    return ApplicationFrames.UNKNOWN;
  }
}
